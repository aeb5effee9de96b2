import type { Availability, CallPermission, PalletFlow } from './capability';

/**
 * The hook the transaction pipeline fills: whether the runtime lets a call
 * through, found by a dry-run or by checking the call filter. `unknown` when it
 * could not tell (no dry-run API, the dry-run failed for another reason).
 */
export type CallPermissionCheck = (pallet: string, call: string) => Promise<'allowed' | 'filtered' | 'unknown'>;

/** Ask the check about every call metadata has but nobody has checked yet. */
export async function applyCallPermissions<T extends PalletFlow>(
  flow: Availability<T>,
  check: CallPermissionCheck,
): Promise<Availability<T>> {
  if (!flow.available) return flow;
  const entries = await Promise.all(
    Object.entries(flow.calls).map(async ([call, permission]): Promise<[string, CallPermission]> => {
      if (permission.state !== 'unchecked') return [call, permission];
      const verdict = await check(flow.pallet, call);
      if (verdict === 'allowed') return [call, { state: 'allowed' }];
      if (verdict === 'filtered') {
        return [call, { state: 'filtered', reason: 'This network switches this call off (it is call-filtered in the runtime).' }];
      }
      return [call, permission];
    }),
  );
  return { ...flow, calls: Object.fromEntries(entries) };
}

/** Offer a call unless the runtime lacks it or filters it; an unchecked call is offered with a dry-run first. */
export function isCallOffered(flow: Availability<PalletFlow>, call: string): boolean {
  if (!flow.available) return false;
  const state = flow.calls[call]?.state;
  return state === 'allowed' || state === 'unchecked';
}
