import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import { TIMESLICE_PERIOD_BLOCKS } from '../chain/calc/timeslice';
import { systemAccount } from '../chain/storage/balances';
import { lastRelayChainBlockNumber, systemNumber } from '../chain/storage/block-number';
import { brokerConfiguration, brokerPotentialRenewals, brokerSaleInfo } from '../chain/storage/broker';
import { brokerLeases, brokerWorkload, brokerWorkplan, paraIdsOf, readTimeslicePeriod, workplanKeyOf } from '../chain/storage/broker-schedule';
import { field, numberOf } from '../chain/storage/codec-values';
import { estimateOrderFeePlanck, readOnDemandQuote } from '../chain/read/on-demand-quote';
import { readLeasePeriodTiming, slotsLeases } from '../chain/storage/slots-auctions';
import { constantBigint, hasItem, readEntries, readItem } from '../chain/storage/storage-item';
import type { BlockspaceSignal } from '../health/signals';
import { leaseRunEndBlock, relayBlockAtMs, timesliceAtMs, type RelayNow } from './blockspace-time';
import { bulkStanding, type BulkFacts } from './bulk-standing';

/** The chains the blockspace is read from; either may be missing (not connected). */
export interface BlockspaceChains {
  readonly relay?: ApiPromise;
  readonly coretime?: ApiPromise;
}

/** The account that pays a para's on-demand orders, and whether the auto-order driver is running for it. */
export interface OrderingAccount {
  readonly address: string;
  readonly ordering: boolean;
}

/**
 * What is read once per round and shared by every watched para: the relay's
 * clock, the broker's sale and schedules, and the on-demand spot price.
 */
export interface BlockspaceRound {
  readonly now: RelayNow;
  readonly bulk?: BulkFacts & { readonly legacyLeases: readonly { untilTimeslice: number; paraId: number }[] };
  readonly spotPricePlanck?: bigint;
}

/** Reads the shared facts; undefined when no chain tells the current relay block. */
export async function readBlockspaceRound(chains: BlockspaceChains, clock: { nowMs: number; relayBlockTimeMs: number }): Promise<BlockspaceRound | undefined> {
  const block = await currentRelayBlock(chains);
  if (block === undefined) return undefined;
  const now: RelayNow = { block, atMs: clock.nowMs, blockTimeMs: clock.relayBlockTimeMs };
  const [bulk, spotPricePlanck] = await Promise.all([chains.coretime ? readBulkFacts(chains.coretime) : undefined, chains.relay ? readSpotPrice(chains.relay) : undefined]);
  return { now, ...(bulk ? { bulk } : {}), ...(spotPricePlanck === undefined ? {} : { spotPricePlanck }) };
}

/**
 * One para's blockspace, first match wins: a lease (relay `slots.leases`, or
 * a legacy lease moved to the broker), bulk coretime, on-demand orders paid
 * from its ordering account, or none.
 */
export async function readParaBlockspace(paraId: number, chains: BlockspaceChains, round: BlockspaceRound, account: OrderingAccount | undefined): Promise<BlockspaceSignal> {
  const leaseEndsAtMs = await readLeaseEnd(paraId, chains, round);
  if (leaseEndsAtMs !== undefined) return { kind: 'lease', endsAtMs: leaseEndsAtMs };
  if (round.bulk) {
    const standing = bulkStanding(paraId, round.bulk, round.now.block);
    if (standing) {
      const { timeslicePeriodBlocks } = round.bulk;
      const endsAtMs = timesliceAtMs(standing.endTimeslice, timeslicePeriodBlocks, round.now);
      if (!standing.renewal) return { kind: 'bulk', endsAtMs };
      const { renewed, interludeOpen, saleStartBlock, window } = standing.renewal;
      return {
        kind: 'bulk',
        endsAtMs,
        interlude: {
          open: interludeOpen,
          endsAtMs: relayBlockAtMs(saleStartBlock, round.now),
          endsAtBlock: saleStartBlock,
          renewed,
          // A renewal still works after the interlude, while cores remain, until the broker closes the sale.
          renewalClosesAtMs: relayBlockAtMs(window.closesBlock, round.now),
          renewalClosesAtBlock: window.closesBlock,
          soldOut: window.kind === 'sold-out',
        },
      };
    }
  }
  if (account && chains.relay && round.spotPricePlanck !== undefined) {
    const relay = chains.relay;
    const [balancePlanck, orderFeePlanck] = await Promise.all([
      readOrderingBalance(relay, account.address),
      // Each order pays its transaction fee on top of the price: the runway counts both. An endpoint that cannot estimate it leaves it out, and the rule says so.
      Promise.resolve()
        .then(() => estimateOrderFeePlanck(relay, { paraId, address: account.address, maxAmountPlanck: round.spotPricePlanck ?? 1n }))
        .catch(() => undefined),
    ]);
    return { kind: 'on-demand', balancePlanck, spotPricePlanck: round.spotPricePlanck, ...(orderFeePlanck === undefined ? {} : { orderFeePlanck }), ordering: account.ordering };
  }
  return { kind: 'none' };
}

/** The relay block now: from the relay itself, else the relay block the Coretime chain last built on. */
async function currentRelayBlock(chains: BlockspaceChains): Promise<number | undefined> {
  if (chains.relay) return readItem(chains.relay, systemNumber);
  if (chains.coretime && hasItem(chains.coretime, lastRelayChainBlockNumber)) return readItem(chains.coretime, lastRelayChainBlockNumber);
  return undefined;
}

async function readLeaseEnd(paraId: number, chains: BlockspaceChains, round: BlockspaceRound): Promise<number | undefined> {
  const ends: number[] = [];
  const timing = chains.relay ? readLeasePeriodTiming(chains.relay) : undefined;
  if (chains.relay && timing && hasItem(chains.relay, slotsLeases)) {
    const leases = (await readItem(chains.relay, slotsLeases, paraId)) ?? [];
    const endBlock = leaseRunEndBlock(leases, round.now.block, timing);
    if (endBlock !== undefined) ends.push(relayBlockAtMs(endBlock, round.now));
  }
  for (const lease of round.bulk?.legacyLeases ?? []) {
    if (lease.paraId === paraId) ends.push(timesliceAtMs(lease.untilTimeslice, round.bulk?.timeslicePeriodBlocks ?? TIMESLICE_PERIOD_BLOCKS, round.now));
  }
  return ends.length === 0 ? undefined : Math.max(...ends);
}

/** The sale, every complete renewal right, and what every core runs now and next. Small maps: one entry per core. */
async function readBulkFacts(coretime: ApiPromise): Promise<BlockspaceRound['bulk']> {
  if (!hasItem(coretime, brokerSaleInfo)) return undefined;
  const [sale, config, renewals, workload, workplan, legacyLeases] = await Promise.all([
    readItem(coretime, brokerSaleInfo),
    readItem(coretime, brokerConfiguration),
    readEntries(coretime, brokerPotentialRenewals),
    readEntries(coretime, brokerWorkload),
    readEntries(coretime, brokerWorkplan),
    hasItem(coretime, brokerLeases) ? readItem(coretime, brokerLeases) : undefined,
  ]);
  return {
    timeslicePeriodBlocks: readTimeslicePeriod(coretime) ?? TIMESLICE_PERIOD_BLOCKS,
    advanceNoticeBlocks: config?.advanceNoticeBlocks ?? 0,
    sale: sale && {
      saleStartBlock: sale.saleStartBlock,
      regionBeginTimeslice: sale.regionBeginTimeslice,
      regionEndTimeslice: sale.regionEndTimeslice,
      coresOffered: sale.coresOffered,
      coresSold: sale.coresSold,
    },
    renewals: renewals.flatMap(({ keyArgs, value }) => {
      if (value.completion.kind !== 'Complete') return [];
      const key = firstKey(keyArgs);
      return [{ core: numberOf(field(key, 'core')), whenTimeslice: numberOf(field(key, 'when')), paraIds: value.completion.paraIds }];
    }),
    workload: workload.map(({ keyArgs, value }) => ({ core: numberOf(firstKey(keyArgs)), paraIds: paraIdsOf(value) })),
    workplan: workplan.map(({ keyArgs, value }) => ({ ...workplanKeyOf(firstKey(keyArgs)), paraIds: paraIdsOf(value) })),
    legacyLeases: legacyLeases ?? [],
  };
}

/** What the next order pays at inclusion (not the stored traffic × base fee). Undefined on a relay without on-demand coretime. */
async function readSpotPrice(relay: ApiPromise): Promise<bigint | undefined> {
  return (await readOnDemandQuote(relay))?.nextOrderPricePlanck;
}

/**
 * What the account can spend on orders: orders are placed keep-alive, so the
 * existential deposit stays, and frozen funds beyond what is reserved cannot pay.
 */
async function readOrderingBalance(relay: ApiPromise, address: string): Promise<bigint> {
  const account = await readItem(relay, systemAccount, address);
  if (!account) return 0n;
  const existentialDeposit = constantBigint(relay, ['balances'], 'existentialDeposit') ?? 0n;
  const frozenBeyondReserved = account.frozenPlanck > account.reservedPlanck ? account.frozenPlanck - account.reservedPlanck : 0n;
  const untouchable = frozenBeyondReserved > existentialDeposit ? frozenBeyondReserved : existentialDeposit;
  return account.freePlanck > untouchable ? account.freePlanck - untouchable : 0n;
}

function firstKey(keyArgs: Codec[]): Codec {
  const [key] = keyArgs;
  if (key === undefined) throw new Error('a map entry without its key');
  return key;
}
