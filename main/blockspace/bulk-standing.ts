import { renewalWindow, type RenewalWindow } from '../chain/calc/sale-price';

/**
 * Where a para stands with bulk coretime, from the broker pallet's storage
 * read on the Coretime chain. Pure, so each case is tested by value.
 *
 * How the pallet records a renewal (polkadot-sdk `pallet_broker`):
 * - assigning a whole core to a para with `Final` finality writes
 *   `potentialRenewals[{ core, when: region end }]` holding the schedule: the
 *   right to renew that core for the region that starts where this one ends;
 * - `renew(core)` looks up `potentialRenewals[{ core, when: sale.regionBegin }]`,
 *   removes it, puts the schedule in `workplan[(sale.regionBegin, new core)]`
 *   and writes the next right at `{ new core, when: sale.regionEnd }`.
 * `renew` does not look at the sale's start: it works until the broker rotates
 * to the next sale, while cores remain unsold (see `renewalWindow`).
 * So, during a sale: a right at `regionBegin` still naming the para means not
 * renewed yet; a right at `regionEnd` naming it, or the para in the workplan
 * starting at `regionBegin` (renewed, or a new region bought and assigned),
 * means the next region is held.
 */
export interface BulkFacts {
  /** `broker.saleInfo`: the sale under way sells the region [regionBegin, regionEnd). */
  readonly sale: {
    readonly saleStartBlock: number;
    readonly regionBeginTimeslice: number;
    readonly regionEndTimeslice: number;
    readonly coresOffered: number;
    readonly coresSold: number;
  } | undefined;
  /** `broker.configuration.advanceNotice`: the broker closes a sale this many relay blocks before its region begins. */
  readonly advanceNoticeBlocks: number;
  readonly timeslicePeriodBlocks: number;
  /** Complete potential renewals only: a partial one cannot be renewed. */
  readonly renewals: readonly { readonly core: number; readonly whenTimeslice: number; readonly paraIds: readonly number[] }[];
  readonly workload: readonly { readonly core: number; readonly paraIds: readonly number[] }[];
  readonly workplan: readonly { readonly timeslice: number; readonly core: number; readonly paraIds: readonly number[] }[];
}

export type BulkStanding =
  /** The para runs on a core now (or holds the next region) until `endTimeslice`. */
  | {
      readonly endTimeslice: number;
      /** Set when the para holds a renewal right for the sale under way. */
      readonly renewal?: { readonly renewed: boolean; readonly interludeOpen: boolean; readonly saleStartBlock: number; readonly window: RenewalWindow };
    }
  | undefined;

export function bulkStanding(paraId: number, facts: BulkFacts, nowRelayBlock: number): BulkStanding {
  const names = (entry: { paraIds: readonly number[] }) => entry.paraIds.includes(paraId);
  const onCoreNow = facts.workload.some(names);
  const { sale } = facts;
  if (sale === undefined) {
    // No sale has started yet: only a right already written tells how long the region runs.
    const right = facts.renewals.filter(names).sort((a, b) => b.whenTimeslice - a.whenTimeslice)[0];
    if (right) return { endTimeslice: right.whenTimeslice };
    return undefined;
  }
  const interludeOpen = nowRelayBlock < sale.saleStartBlock;
  const window = renewalWindow(sale, nowRelayBlock, { advanceNoticeBlocks: facts.advanceNoticeBlocks, timeslicePeriodBlocks: facts.timeslicePeriodBlocks });
  const holdsNext =
    facts.workplan.some((plan) => plan.timeslice === sale.regionBeginTimeslice && names(plan)) ||
    facts.renewals.some((right) => right.whenTimeslice === sale.regionEndTimeslice && names(right));
  const pendingRight = facts.renewals.some((right) => right.whenTimeslice === sale.regionBeginTimeslice && names(right));
  const hadRight = pendingRight || facts.renewals.some((right) => right.whenTimeslice === sale.regionEndTimeslice && names(right));
  if (holdsNext) {
    return { endTimeslice: sale.regionEndTimeslice, ...(hadRight ? { renewal: { renewed: true, interludeOpen, saleStartBlock: sale.saleStartBlock, window } } : {}) };
  }
  if (pendingRight) return { endTimeslice: sale.regionBeginTimeslice, renewal: { renewed: false, interludeOpen, saleStartBlock: sale.saleStartBlock, window } };
  // On a core without a right to renew (a provisional or partial assignment): it runs until the sold period ends.
  if (onCoreNow) return { endTimeslice: sale.regionBeginTimeslice };
  return undefined;
}
