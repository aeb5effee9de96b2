import type { CollatorProfile } from '../../../shared/contract/collators';
import type { HealthRules } from '../../../shared/contract/health';
import type { RemoteCollator } from '../../../shared/contract/remote-collators';
import { remoteTarget } from '../remote-feed';
import type { CollatorEndpoints } from './diagnosis-service';

/**
 * Where the diagnosis finds what the console already knows: a collator
 * profile's ports and the health rules' block times (the ordering account is
 * the blockspace feed's `orderingAccountOf`). Kept apart from the service so the service
 * depends on plain functions, not on how the other services are built.
 */

/** A profile's local endpoints: its parachain node's RPC and both halves' Prometheus (the relay half only when embedded). */
export function collatorEndpointsOf(profile: CollatorProfile, paraId: number): CollatorEndpoints {
  return {
    paraId,
    rpcUrl: `ws://127.0.0.1:${profile.ports.para.rpc}`,
    parachainMetricsUrl: `http://127.0.0.1:${profile.ports.para.prometheus}/metrics`,
    ...(profile.relay.mode === 'embedded' ? { relayMetricsUrl: `http://127.0.0.1:${profile.ports.relay.prometheus}/metrics` } : {}),
  };
}

/**
 * A remote collator's endpoints: only what the operator gave when adding it
 * (its RPC, as health probes it, and maybe one Prometheus address, its
 * parachain node's). Its embedded relay node's exporter is not known, so
 * that half is not read, and the evidence says why instead of guessing a port.
 */
export function remoteCollatorEndpointsOf(collator: RemoteCollator): CollatorEndpoints {
  const target = remoteTarget(collator);
  return {
    paraId: collator.paraId,
    rpcUrl: target.rpcUrl ?? collator.rpcUrl,
    ...(target.parachainMetricsUrl !== undefined ? { parachainMetricsUrl: target.parachainMetricsUrl } : {}),
    noMetricsWhy: {
      parachain: `remote collator ${collator.name} was added without a Prometheus address`,
      relay: `remote collator ${collator.name} was added by its parachain node's addresses; its embedded relay node's Prometheus address is not known to the console`,
    },
    paraIdSource: {
      message: `Remote collator ${collator.name} has no para id, and the console has no parachain configured to take it from.`,
      hint: 'Remove it and add it again with its para id.',
    },
  };
}

/** Where the collators diagnosed are found: the profiles the console runs, and the remote collators it watches. */
export interface CollatorSources {
  profiles(): CollatorProfile[];
  paraIdOf(profile: CollatorProfile): number;
  remotes(): RemoteCollator[];
}

/**
 * The diagnosis's `collator(id)`: a profile the console runs, else a remote
 * collator by the same id health raises its alerts under (a stalled remote
 * collator's alert is diagnosed too, not refused as an unknown profile).
 */
export function collatorEndpointsFinder(sources: CollatorSources): (id: string) => CollatorEndpoints | undefined {
  return (id) => {
    const profile = sources.profiles().find((candidate) => candidate.id === id);
    if (profile) return collatorEndpointsOf(profile, sources.paraIdOf(profile));
    const remote = sources.remotes().find((candidate) => candidate.id === id);
    return remote ? remoteCollatorEndpointsOf(remote) : undefined;
  };
}

/** The para's block time and the relay's: the para's override, else the defaults. */
export function blockTimesOf(rules: HealthRules, paraId: number): { blockTimeMs: number; relayBlockTimeMs: number } {
  const override = rules.parachains[String(paraId)] ?? {};
  return {
    blockTimeMs: override.blockTimeMs ?? rules.parachainDefaults.blockTimeMs,
    relayBlockTimeMs: override.relayBlockTimeMs ?? rules.parachainDefaults.relayBlockTimeMs,
  };
}
