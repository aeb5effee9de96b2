import type { ApiPromise } from '@polkadot/api';
import type { Capability, ChainRoleName } from '../../shared/contract/chain';
import { applyCallPermissions } from './capabilities/call-permissions';
import type { Availability, PalletFlow } from './capabilities/capability';
import { detectNetworkCapabilities, indexMetadata, type NetworkRuntimes } from './capabilities/detect';
import { dryRunCallPermission } from './tx/call-permission-check';

/**
 * The capabilities of the connected runtimes as the contract lists them: one
 * row per chain and flow. A chain that is not connected reports its flows as
 * missing, with that reason.
 */
export async function capabilitiesOf(apis: Partial<Record<ChainRoleName, ApiPromise>>): Promise<Capability[]> {
  const runtimes: { -readonly [K in keyof NetworkRuntimes]: NetworkRuntimes[K] } = {};
  for (const [role, api] of Object.entries(apis) as Array<[ChainRoleName, ApiPromise | undefined]>) {
    if (api) runtimes[role] = indexMetadata({ metadata: api.runtimeMetadata, registry: api.registry });
  }
  const detected = detectNetworkCapabilities(runtimes);
  const rows = await Promise.all((Object.entries(detected) as Array<[ChainRoleName, Record<string, unknown>]>).flatMap(([role, flows]) =>
    Object.entries(flows).map(async ([flow, availability]) => {
      const api = apis[role];
      // Metadata says a call exists; only a dry-run says whether the call filter lets it through.
      const checked = api && isPalletFlow(availability) ? await applyCallPermissions(availability, dryRunCallPermission(api)) : availability;
      return row(role, flow, checked as unknown as Record<string, unknown>);
    })));
  return rows;
}

function isPalletFlow(availability: unknown): availability is Availability<PalletFlow> {
  return typeof availability === 'object' && availability !== null && 'available' in availability && availability.available === true
    && 'pallet' in availability && 'calls' in availability;
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
