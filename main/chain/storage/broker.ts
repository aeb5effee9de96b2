import type { Codec } from '@polkadot/types-codec/types';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, enumKind, field, hasField, hexOf, numberOf, optionalBigint, someOf } from './codec-values';
import { storageItem } from './storage-item';

/** Bulk coretime state on the Coretime chain's `broker` pallet. Block numbers are relay blocks; timeslices are 80 relay blocks. */

export interface BrokerConfiguration {
  readonly advanceNoticeBlocks: number;
  readonly interludeLengthBlocks: number;
  readonly leadinLengthBlocks: number;
  readonly regionLengthTimeslices: number;
  /** Perbill parts. */
  readonly idealBulkProportionPerbill: number;
  readonly limitCoresOffered: number | undefined;
  /** Perbill parts: how much a renewal price may rise per period. */
  readonly renewalBumpPerbill: number;
  readonly contributionTimeoutTimeslices: number;
}

export const brokerConfiguration = storageItem<[], BrokerConfiguration>(PALLET_NAMES.broker, 'configuration', (value) => {
  const limit = someOf(field(value, 'limitCoresOffered'));
  return {
    advanceNoticeBlocks: numberOf(field(value, 'advanceNotice')),
    interludeLengthBlocks: numberOf(field(value, 'interludeLength')),
    leadinLengthBlocks: numberOf(field(value, 'leadinLength')),
    regionLengthTimeslices: numberOf(field(value, 'regionLength')),
    idealBulkProportionPerbill: numberOf(field(value, 'idealBulkProportion')),
    limitCoresOffered: limit === undefined ? undefined : numberOf(limit),
    renewalBumpPerbill: numberOf(field(value, 'renewalBump')),
    contributionTimeoutTimeslices: numberOf(field(value, 'contributionTimeout')),
  };
});

export interface BrokerSaleInfo {
  readonly saleStartBlock: number;
  readonly leadinLengthBlocks: number;
  /** The price at the end of the lead-in (older runtimes called it `price`). */
  readonly endPricePlanck: bigint;
  readonly regionBeginTimeslice: number;
  readonly regionEndTimeslice: number;
  readonly idealCoresSold: number;
  readonly coresOffered: number;
  readonly firstCore: number;
  readonly selloutPricePlanck: bigint | undefined;
  readonly coresSold: number;
}

export const brokerSaleInfo = storageItem<[], BrokerSaleInfo>(PALLET_NAMES.broker, 'saleInfo', (value) => ({
  saleStartBlock: numberOf(field(value, 'saleStart')),
  leadinLengthBlocks: numberOf(field(value, 'leadinLength')),
  endPricePlanck: bigintOf(field(value, hasField(value, 'endPrice') ? 'endPrice' : 'price')),
  regionBeginTimeslice: numberOf(field(value, 'regionBegin')),
  regionEndTimeslice: numberOf(field(value, 'regionEnd')),
  idealCoresSold: numberOf(field(value, 'idealCoresSold')),
  coresOffered: numberOf(field(value, 'coresOffered')),
  firstCore: numberOf(field(value, 'firstCore')),
  selloutPricePlanck: optionalBigint(field(value, 'selloutPrice')),
  coresSold: numberOf(field(value, 'coresSold')),
}));

export interface BrokerStatus {
  readonly coreCount: number;
  readonly privatePoolSize: number;
  readonly systemPoolSize: number;
  readonly lastCommittedTimeslice: number;
  readonly lastTimeslice: number;
}

export const brokerStatus = storageItem<[], BrokerStatus>(PALLET_NAMES.broker, 'status', (value) => ({
  coreCount: numberOf(field(value, 'coreCount')),
  privatePoolSize: numberOf(field(value, 'privatePoolSize')),
  systemPoolSize: numberOf(field(value, 'systemPoolSize')),
  lastCommittedTimeslice: numberOf(field(value, 'lastCommittedTimeslice')),
  lastTimeslice: numberOf(field(value, 'lastTimeslice')),
}));

/** A region's key: core, first timeslice, and the parts of the core (80-bit mask as hex). */
export interface RegionKey {
  readonly begin: number;
  readonly core: number;
  readonly mask: `0x${string}`;
}

export interface RegionRecord {
  readonly endTimeslice: number;
  readonly owner: string | undefined;
  readonly paidPlanck: bigint | undefined;
}

export const brokerRegions = storageItem<[region: RegionKey], RegionRecord>(PALLET_NAMES.broker, 'regions', (value) => {
  const owner = someOf(field(value, 'owner'));
  return {
    endTimeslice: numberOf(field(value, 'end')),
    owner: owner === undefined ? undefined : owner.toString(),
    paidPlanck: optionalBigint(field(value, 'paid')),
  };
});

/** The key arguments of a `regions` entry as a plain RegionKey (for `readEntries`). */
export function regionKeyOf(keyArg: Codec): RegionKey {
  return { begin: numberOf(field(keyArg, 'begin')), core: numberOf(field(keyArg, 'core')), mask: hexOf(field(keyArg, 'mask')) };
}

export type RenewalCompletion =
  | { readonly kind: 'Complete'; readonly paraIds: number[] }
  | { readonly kind: 'Partial' };

export interface PotentialRenewal {
  readonly pricePlanck: bigint;
  readonly completion: RenewalCompletion;
}

/** `broker.potentialRenewals({ core, when })`: the price to renew that core for the region starting at `when`. */
export const brokerPotentialRenewals = storageItem<[key: { core: number; when: number }], PotentialRenewal>(
  PALLET_NAMES.broker,
  'potentialRenewals',
  (value) => {
    const completion = field(value, 'completion');
    const kind = enumKind(completion);
    return {
      pricePlanck: bigintOf(field(value, 'price')),
      completion: kind === 'Complete' ? { kind: 'Complete', paraIds: tasksOf(completion) } : { kind: 'Partial' },
    };
  },
);

/** The paras a complete renewal's schedule runs (schedule items whose assignment is a Task). */
function tasksOf(completion: Codec): number[] {
  const schedule = (completion as unknown as { value: Codec }).value;
  const items = [...(schedule as unknown as Iterable<Codec>)];
  return items.flatMap((item) => {
    const assignment = field(item, 'assignment');
    return enumKind(assignment) === 'Task' ? [numberOf((assignment as unknown as { value: Codec }).value)] : [];
  });
}
