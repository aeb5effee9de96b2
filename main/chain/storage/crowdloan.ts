import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, field, itemsOf, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** `crowdloan.funds(id)` on the relay chain. */
export interface CrowdloanFund {
  readonly depositor: string;
  readonly depositPlanck: bigint;
  readonly raisedPlanck: bigint;
  readonly capPlanck: bigint;
  /** Relay block at which contributions close. */
  readonly endBlock: number;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  readonly fundIndex: number;
}

export const crowdloanFunds = storageItem<[paraId: number], CrowdloanFund>(PALLET_NAMES.crowdloan, 'funds', (value) => ({
  depositor: field(value, 'depositor').toString(),
  depositPlanck: bigintOf(field(value, 'deposit')),
  raisedPlanck: bigintOf(field(value, 'raised')),
  capPlanck: bigintOf(field(value, 'cap')),
  endBlock: numberOf(field(value, 'end')),
  firstPeriod: numberOf(field(value, 'firstPeriod')),
  lastPeriod: numberOf(field(value, 'lastPeriod')),
  fundIndex: numberOf(field(value, 'fundIndex')),
}));

/**
 * What can be reclaimed on Asset Hub after the migration (`ahOps`), keyed by
 * (unlock block, para id, account). `readEntries(api, item, unlockBlock?)`
 * lists them; the key arguments give the unlock block and para for the
 * reclaim calls.
 */
export const ahCrowdloanContribution = storageItem<[unlockBlock: number, paraId: number, account: string], { pot: string; amountPlanck: bigint }>(
  PALLET_NAMES.ahOps,
  'rcCrowdloanContribution',
  (value) => {
    const [pot, amount] = itemsOf(value);
    if (pot === undefined || amount === undefined) throw new Error('a contribution is (pot, amount)');
    return { pot: pot.toString(), amountPlanck: bigintOf(amount) };
  },
);

export const ahLeaseReserve = storageItem<[unlockBlock: number, paraId: number, account: string], bigint>(PALLET_NAMES.ahOps, 'rcLeaseReserve', bigintOf);

export const ahCrowdloanReserve = storageItem<[unlockBlock: number, paraId: number, account: string], bigint>(
  PALLET_NAMES.ahOps,
  'rcCrowdloanReserve',
  bigintOf,
);
