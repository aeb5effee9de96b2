import type { CollatorProfile } from '../../../shared/contract/collators';
import type { HealthRules } from '../../../shared/contract/health';
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

/** The para's block time and the relay's: the para's override, else the defaults. */
export function blockTimesOf(rules: HealthRules, paraId: number): { blockTimeMs: number; relayBlockTimeMs: number } {
  const override = rules.parachains[String(paraId)] ?? {};
  return {
    blockTimeMs: override.blockTimeMs ?? rules.parachainDefaults.blockTimeMs,
    relayBlockTimeMs: override.relayBlockTimeMs ?? rules.parachainDefaults.relayBlockTimeMs,
  };
}
