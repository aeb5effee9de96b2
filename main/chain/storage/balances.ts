import { bigintOf, field } from './codec-values';
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
    frozenPlanck: bigintOf(field(data, 'frozen')),
    nonce: Number(bigintOf(field(value, 'nonce'))),
  };
});
