import type { CollatorProfile } from '../../../shared/contract/collators';
import type { HealthRules } from '../../../shared/contract/health';
import type { OnboardingProgress } from '../../../shared/contract/onboarding';
import type { CollatorEndpoints } from './diagnosis-service';

/**
 * Where the diagnosis finds what the console already knows: a collator
 * profile's ports, the health rules' block times, and the onboarding
 * wizard's ordering account. Kept apart from the service so the service
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

/**
 * The account that pays the operator's para's on-demand orders: the wizard's
 * signer, when the para went on demand or auto-ordering is on (the same rule
 * the blockspace feed follows).
 */
export function orderingAccountFromProgress(progress: Pick<OnboardingProgress, 'paraId' | 'signer' | 'blockspace' | 'orderPolicy'>, paraId: number): string | undefined {
  if (progress.paraId !== paraId || !progress.signer) return undefined;
  if (progress.blockspace !== 'on-demand' && progress.orderPolicy?.enabled !== true) return undefined;
  return progress.signer.address;
}
