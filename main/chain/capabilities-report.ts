import type { ApiPromise } from '@polkadot/api';
import type { Capability, ChainRoleName } from '../../shared/contract/chain';
import { detectNetworkCapabilities, indexMetadata, type NetworkRuntimes } from './capabilities/detect';

/**
 * The capabilities of the connected runtimes as the contract lists them: one
 * row per chain and flow. A chain that is not connected reports its flows as
 * missing, with that reason.
 */
export function capabilitiesOf(apis: Partial<Record<ChainRoleName, ApiPromise>>): Capability[] {
  const runtimes: { -readonly [K in keyof NetworkRuntimes]: NetworkRuntimes[K] } = {};
  for (const [role, api] of Object.entries(apis) as Array<[ChainRoleName, ApiPromise | undefined]>) {
    if (api) runtimes[role] = indexMetadata({ metadata: api.runtimeMetadata, registry: api.registry });
  }
  const detected = detectNetworkCapabilities(runtimes);
  return (Object.entries(detected) as Array<[ChainRoleName, Record<string, unknown>]>).flatMap(([role, flows]) =>
    Object.entries(flows).map(([flow, availability]) => row(role, flow, availability as Record<string, unknown>)));
}

function row(role: ChainRoleName, flow: string, availability: Record<string, unknown>): Capability {
  if (availability.available !== true) {
    return { role, flow, available: false, reason: typeof availability.reason === 'string' ? availability.reason : 'Not offered by this runtime.' };
  }
  const calls = (availability.calls ?? availability.actions) as Record<string, { state: string; reason?: string }> | undefined;
  return {
    role,
    flow,
    available: true,
    ...(typeof availability.pallet === 'string' ? { pallet: availability.pallet } : {}),
    ...(calls === undefined ? {} : { calls: Object.fromEntries(Object.entries(calls).map(([name, permission]) => [name, permissionOf(permission)])) }),
    ...(typeof availability.note === 'string' ? { note: availability.note } : {}),
  };
}

function permissionOf(permission: { state: string; reason?: string }): NonNullable<Capability['calls']>[string] {
  const state = (['absent', 'unchecked', 'allowed', 'filtered'] as const).find((known) => known === permission.state) ?? 'unchecked';
  return permission.reason === undefined ? { state } : { state, reason: permission.reason };
}
