import { useEffect, useState } from 'react';
import type { ChainRoleName, ReadQuery, ReadValue } from '../../../shared/contract/chain';
import type { ApiError } from '../../../shared/contract/envelope';
import { useApi } from '../api/hooks';

export interface LiveRead<V> {
  value?: V;
  error?: ApiError;
}

/**
 * A read-model value kept live by the main process's shared subscription.
 * `undefined` reads nothing (no account chosen, not connected yet).
 */
export function useLiveRead<K extends ReadQuery['kind']>(query: Extract<ReadQuery, { kind: K }> | undefined): LiveRead<Extract<ReadValue, { kind: K }>> {
  const api = useApi();
  const key = query ? JSON.stringify(query) : '';
  const [state, setState] = useState<{ key: string; read: LiveRead<Extract<ReadValue, { kind: K }>> }>({ key: '', read: {} });
  useEffect(() => {
    if (!key) return;
    const parsed = JSON.parse(key) as ReadQuery;
    return api.subscribe(
      'chain.readModel',
      { query: parsed },
      (value) => setState({ key, read: { value: value as Extract<ReadValue, { kind: K }> } }),
      (error) => setState({ key, read: { error } }),
    );
  }, [api, key]);
  return state.key === key ? state.read : {};
}

export type BalanceValue = Extract<ReadValue, { kind: 'balance' }>;

export function useBalance(address: string | undefined, enabled: boolean, role: ChainRoleName = 'relay'): LiveRead<BalanceValue> {
  return useLiveRead<'balance'>(address && enabled ? { kind: 'balance', role, address } : undefined);
}

/** What can pay fees and deposits: free minus frozen (never below zero). */
export function transferablePlanck(balance: BalanceValue): bigint {
  const free = BigInt(balance.freePlanck);
  const frozen = BigInt(balance.frozenPlanck);
  return free > frozen ? free - frozen : 0n;
}
