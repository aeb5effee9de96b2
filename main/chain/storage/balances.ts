import type { Codec } from '@polkadot/types-codec/types';
import { bigintOf, field, hasField } from './codec-values';
import { storageItem } from './storage-item';

/** `system.account(who)`: the balances the read model shows. */
export interface AccountBalance {
  readonly freePlanck: bigint;
  readonly reservedPlanck: bigint;
  readonly frozenPlanck: bigint;
  readonly nonce: number;
}

export const systemAccount = storageItem<[account: string], AccountBalance>(['system'], 'account', (value) => {
  const data = field(value, 'data');
  return {
    freePlanck: bigintOf(field(data, 'free')),
    reservedPlanck: bigintOf(field(data, 'reserved')),
    frozenPlanck: frozenOf(data),
    nonce: Number(bigintOf(field(value, 'nonce'))),
  };
});

/** Older runtimes kept two frozen amounts (`miscFrozen`, `feeFrozen`); what cannot be spent is the larger. */
function frozenOf(data: Codec): bigint {
  if (hasField(data, 'frozen')) return bigintOf(field(data, 'frozen'));
  const misc = bigintOf(field(data, 'miscFrozen'));
  const fee = bigintOf(field(data, 'feeFrozen'));
  return misc > fee ? misc : fee;
}
