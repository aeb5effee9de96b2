import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { ReadValue } from '../../../shared/contract/chain';
import { encodeEnableAutoRenew } from '../calls/broker';
import { renewalWindow, renewalWindowWords } from '../calc/sale-price';
import { TIMESLICE_PERIOD_BLOCKS } from '../calc/timeslice';
import { lastRelayChainBlockNumber, systemNumber } from '../storage/block-number';
import { brokerConfiguration, brokerPotentialRenewals, brokerRegions, brokerSaleInfo, regionKeyOf } from '../storage/broker';
import { brokerWorkload, brokerWorkplan, readTimeslicePeriod, workplanKeyOf, type ScheduleItem } from '../storage/broker-schedule';
import { field, numberOf } from '../storage/codec-values';
import { auctionsInfo, auctionsWinning, leasePeriodAt, readAuctionShape, readLeasePeriodTiming, slotsLeases } from '../storage/slots-auctions';
import { hasItem, readEntries, readItem } from '../storage/storage-item';

/**
 * One para's blockspace as the chains hold it, for the Parachains page: on
 * the relay its leases and the auction bids winning for it now; on the
 * Coretime chain what the broker runs for it now and plans for it, and its
 * rights to renew. Maps are listed whole (one entry per core or range, small)
 * and listed again whenever a block carries an event of their pallets.
 */

type Emit = (value: ReadValue) => void;

export async function subscribeParaLeasesAndBids(api: ApiPromise, paraId: number, emit: Emit): Promise<() => void> {
  const read = async (): Promise<void> => emit(await readLeasesAndBids(api, paraId));
  await read();
  return onPalletEvents(api, ['slots', 'auctions', 'registrar'], read);
}

export async function subscribeParaCoretime(api: ApiPromise, paraId: number, holder: string | undefined, emit: Emit): Promise<() => void> {
  const read = async (): Promise<void> => emit(await readParaCoretime(api, paraId, holder));
  await read();
  return onPalletEvents(api, ['broker'], read);
}

/** `broker.enableAutoRenew` call data, and why it is not signed here. */
export function autoRenewCall(api: ApiPromise, input: { core: number; paraId: number; workloadEndHint?: number }): ReadValue {
  return {
    kind: 'autoRenewCall',
    callHex: encodeEnableAutoRenew(api, input),
    why: `The broker enables auto-renewal only when the para's own sovereign account asks (the caller must be para ${input.paraId}'s account), so no key in this console can sign it. `
      + 'Your parachain sends it to the Coretime chain in an XCM Transact, through its governance or sudo. Auto-renewal then pays each renewal from that sovereign account: keep it funded on the Coretime chain.',
  };
}

export async function readLeasesAndBids(api: ApiPromise, paraId: number): Promise<Extract<ReadValue, { kind: 'paraLeasesAndBids' }>> {
  const timing = readLeasePeriodTiming(api);
  const now = await readItem(api, systemNumber);
  const currentLeasePeriod = timing && now !== undefined ? leasePeriodAt(now, timing) : undefined;
  const leases = hasItem(api, slotsLeases) ? (await readItem(api, slotsLeases, paraId)) ?? [] : [];
  const held = leases.flatMap((lease, offset) => (lease ? [{ period: (currentLeasePeriod ?? 0) + offset, account: lease.account, depositPlanck: lease.depositPlanck.toString() }] : []));
  const auction = hasItem(api, auctionsInfo) ? await readItem(api, auctionsInfo) : undefined;
  const shape = readAuctionShape(api);
  let winningBids: Extract<ReadValue, { kind: 'paraLeasesAndBids' }>['winningBids'] = [];
  if (auction && shape && hasItem(api, auctionsWinning)) {
    // The latest sample holds the bids winning now (samples are kept through the ending period).
    const samples = await readEntries(api, auctionsWinning);
    const latest = samples.sort((a, b) => numberOf(b.keyArgs[0] as Codec) - numberOf(a.keyArgs[0] as Codec))[0];
    const ranges = slotRanges(shape.leasePeriodsPerSlot);
    winningBids = (latest?.value ?? []).flatMap((bid, index) => {
      const range = ranges[index];
      if (!bid || bid.paraId !== paraId || !range) return [];
      return [{ firstPeriod: auction.firstLeasePeriod + range.first, lastPeriod: auction.firstLeasePeriod + range.last, bidder: bid.bidder, amountPlanck: bid.amountPlanck.toString() }];
    });
  }
  return { kind: 'paraLeasesAndBids', paraId, ...(currentLeasePeriod === undefined ? {} : { currentLeasePeriod }), leases: held, winningBids, auctionRunning: auction !== undefined };
}

export async function readParaCoretime(api: ApiPromise, paraId: number, holder: string | undefined): Promise<Extract<ReadValue, { kind: 'paraCoretime' }>> {
  const [relayBlock, sale, config, workload, workplan, rights, regions] = await Promise.all([
    hasItem(api, lastRelayChainBlockNumber) ? readItem(api, lastRelayChainBlockNumber) : undefined,
    readItem(api, brokerSaleInfo),
    readItem(api, brokerConfiguration),
    readEntries(api, brokerWorkload),
    readEntries(api, brokerWorkplan),
    readEntries(api, brokerPotentialRenewals),
    holder === undefined ? Promise.resolve([]) : readEntries(api, brokerRegions),
  ]);
  const timeslicePeriodBlocks = readTimeslicePeriod(api) ?? TIMESLICE_PERIOD_BLOCKS;
  const now = relayBlock ?? 0;
  const forPara = (schedule: readonly ScheduleItem[]): ScheduleItem[] => schedule.filter((item) => item.assignment.kind === 'Task' && item.assignment.paraId === paraId);
  const me = holder === undefined ? undefined : decodeAddress(holder);
  return {
    kind: 'paraCoretime',
    paraId,
    relayBlock: now,
    timeslicePeriodBlocks,
    now: workload.flatMap(({ keyArgs, value }) => forPara(value).map((item) => ({ core: numberOf(keyArgs[0] as Codec), mask: item.mask }))),
    planned: workplan.flatMap(({ keyArgs, value }) => {
      const key = workplanKeyOf(keyArgs[0] as Codec);
      return forPara(value).map((item) => ({ timeslice: key.timeslice, core: key.core, mask: item.mask }));
    }).sort((a, b) => a.timeslice - b.timeslice || a.core - b.core),
    renewals: rights.flatMap(({ keyArgs, value }) => {
      if (value.completion.kind !== 'Complete' || !value.completion.paraIds.includes(paraId)) return [];
      const key = keyArgs[0] as Codec;
      const core = numberOf(field(key, 'core'));
      const when = numberOf(field(key, 'when'));
      const forThisSale = sale !== undefined && when === sale.regionBeginTimeslice;
      const window = forThisSale ? renewalWindow(sale, now, { advanceNoticeBlocks: config?.advanceNoticeBlocks ?? 0, timeslicePeriodBlocks }) : undefined;
      return [{
        core,
        when,
        pricePlanck: value.pricePlanck.toString(),
        window: window ? renewalWindowWords(window) : `Renewable in the sale of the region starting at timeslice ${when} (relay block #${when * timeslicePeriodBlocks}), from the interlude that opens it.`,
        renewableNow: window !== undefined && (window.kind === 'interlude' || window.kind === 'sale-open'),
      }];
    }).sort((a, b) => a.when - b.when || a.core - b.core),
    held: me === undefined ? [] : regions.flatMap(({ keyArgs, value }) => {
      if (value.owner === undefined || !u8aEq(decodeAddress(value.owner), me)) return [];
      return [{ ...regionKeyOf(keyArgs[0] as Codec), endTimeslice: value.endTimeslice }];
    }).sort((a, b) => a.begin - b.begin || a.core - b.core),
  };
}

/** The lease-period ranges an auction's winning slots stand for, in the pallet's `SlotRange` order: (0,0), (0,1), … (n−1,n−1). */
function slotRanges(periodsPerSlot: number): Array<{ first: number; last: number }> {
  const ranges: Array<{ first: number; last: number }> = [];
  for (let first = 0; first < periodsPerSlot; first++) for (let last = first; last < periodsPerSlot; last++) ranges.push({ first, last });
  return ranges;
}

/** Calls `read` again after each block whose events touch one of `sections`; returns the unsubscribe. */
async function onPalletEvents(api: ApiPromise, sections: readonly string[], read: () => Promise<void>): Promise<() => void> {
  const events = api.query['system']?.['events'];
  if (!events) return () => undefined;
  const subscribe = events as unknown as (callback: (records: Codec) => void) => Promise<() => void>;
  return subscribe((records) => {
    const list = records as unknown as Array<{ event: { section: string } }>;
    if (list.some((record) => sections.includes(record.event.section))) void read().catch(() => undefined);
  });
}
