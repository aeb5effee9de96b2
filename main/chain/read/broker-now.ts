import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import { ServiceError } from '../../errors/service-error';
import { formatPlanck } from '../calls/amount-text';
import type { TokenInfo } from '../networks';
import { renewalWindow, renewalWindowWords, salePrice, salePhase, type RenewalWindow } from '../calc/sale-price';
import { TIMESLICE_PERIOD_BLOCKS } from '../calc/timeslice';
import { lastRelayChainBlockNumber } from '../storage/block-number';
import { brokerConfiguration, brokerPotentialRenewals, brokerSaleInfo, type BrokerConfiguration, type BrokerSaleInfo } from '../storage/broker';
import { readTimeslicePeriod } from '../storage/broker-schedule';
import { someOf } from '../storage/codec-values';
import { hasItem, readItem } from '../storage/storage-item';

/**
 * The broker as the Coretime chain's next block will see it. The broker
 * prices a purchase, and decides whether a renewal is possible, by the relay
 * block that block builds on, not by the one the chain last built on: the
 * lead-in price falls between the two. The step between them is read from
 * the chain's own last two blocks.
 */
export interface BrokerNow {
  readonly sale: BrokerSaleInfo | undefined;
  readonly config: BrokerConfiguration | undefined;
  readonly timeslicePeriodBlocks: number;
  /** The relay block the Coretime chain last built on. */
  readonly relayBlock: number;
  /** The relay block its next block is expected to build on (`relayBlock` + the last step). */
  readonly nextRelayBlock: number;
}

export async function readBrokerNow(api: ApiPromise): Promise<BrokerNow> {
  if (!hasItem(api, brokerSaleInfo)) {
    throw new ServiceError('not_supported', 'This chain has no broker pallet: bulk coretime is sold on the Coretime chain.', 'Connect the network\'s Coretime chain.');
  }
  const [sale, config, relay] = await Promise.all([readItem(api, brokerSaleInfo), readItem(api, brokerConfiguration), readRelayClock(api)]);
  return {
    sale,
    config,
    timeslicePeriodBlocks: readTimeslicePeriod(api) ?? TIMESLICE_PERIOD_BLOCKS,
    relayBlock: relay.last,
    nextRelayBlock: relay.last + relay.step,
  };
}

/** The price a purchase in the Coretime chain's next block pays; undefined without a sale. */
export function purchasePriceNext(now: BrokerNow): bigint | undefined {
  return now.sale === undefined ? undefined : salePrice(now.sale, now.nextRelayBlock);
}

/** Why a purchase in the next block would be refused, read from the chain; undefined when it can go through. */
export function purchaseRefusal(now: BrokerNow, priceLimitPlanck: bigint, token: TokenInfo): ServiceError | undefined {
  const { sale } = now;
  if (!sale) return new ServiceError('conflict', 'No coretime sale has started on this Coretime chain (broker.saleInfo is empty).', 'Wait for the sale to start.');
  const phase = salePhase(sale, now.nextRelayBlock, now.timeslicePeriodBlocks);
  if (phase === 'interlude') {
    return new ServiceError('conflict', `The sale opens at relay block #${sale.saleStartBlock}; before that only renewals are taken (the broker answers TooEarly).`, 'Buy once the sale has opened, or renew a core you hold.');
  }
  if (sale.coresSold >= sale.coresOffered) {
    return new ServiceError('conflict', `All ${sale.coresOffered} cores of this sale are sold (the broker answers SoldOut).`, 'Wait for the next sale, or buy a region from its owner.');
  }
  const price = salePrice(sale, now.nextRelayBlock);
  if (price > priceLimitPlanck) {
    return new ServiceError('conflict', `A core costs ${formatPlanck(price, token)} at relay block #${now.nextRelayBlock}, above your limit of ${formatPlanck(priceLimitPlanck, token)} (the broker would answer Overpriced).`,
      'Raise the limit, or wait: the price falls through the lead-in.');
  }
  return undefined;
}

export interface RenewalAtSigning {
  readonly pricePlanck: bigint;
  readonly window: RenewalWindow;
  readonly regionBeginTimeslice: number;
  readonly paraIds: readonly number[];
}

/**
 * What renewing `core` in the next block takes, read from the chain: the
 * right for the region on sale (`potentialRenewals[{ core, when: regionBegin }]`),
 * its price, and the window. Refuses, naming the chain's reason, when the
 * broker would refuse (`do_renew`: no right, a partial one, sold out), and when
 * the price is above the operator's cap (`renew` takes no price limit).
 */
export async function renewalAtSigning(api: ApiPromise, core: number, options: { readonly priceCapPlanck?: bigint; readonly token: TokenInfo }): Promise<RenewalAtSigning> {
  const now = await readBrokerNow(api);
  const { sale } = now;
  if (!sale) throw new ServiceError('conflict', 'No coretime sale has started on this Coretime chain, so nothing can be renewed yet (broker.saleInfo is empty).', 'Wait for the first sale.');
  const right = await readItem(api, brokerPotentialRenewals, { core, when: sale.regionBeginTimeslice });
  if (!right) {
    throw new ServiceError('conflict', `The Coretime chain holds no right to renew core ${core} for the region starting at timeslice ${sale.regionBeginTimeslice} (the broker would answer NotAllowed).`,
      'Only a core whose whole region was assigned Final to a para, or renewed, can be renewed, in the sale of the region that follows it.');
  }
  if (right.completion.kind !== 'Complete') {
    throw new ServiceError('conflict', `Core ${core} was only partly assigned with Final finality, so it cannot be renewed (the broker would answer IncompleteAssignment).`, 'Assign every part of the core Final to a para in its region to earn the right.');
  }
  const window = renewalWindow(sale, now.nextRelayBlock, { advanceNoticeBlocks: now.config?.advanceNoticeBlocks ?? 0, timeslicePeriodBlocks: now.timeslicePeriodBlocks });
  if (window.kind === 'sold-out' || window.kind === 'closed') throw new ServiceError('conflict', renewalWindowWords(window), window.kind === 'sold-out' ? 'Buy a region in the next sale, or from an owner.' : undefined);
  if (options.priceCapPlanck !== undefined && right.pricePlanck > options.priceCapPlanck) {
    throw new ServiceError('conflict',
      `Renewing core ${core} costs ${formatPlanck(right.pricePlanck, options.token)} now, above your cap of ${formatPlanck(options.priceCapPlanck, options.token)}. The broker's renew takes no price limit, so the console does not sign it.`,
      'Raise the cap if you accept this price.');
  }
  return { pricePlanck: right.pricePlanck, window, regionBeginTimeslice: sale.regionBeginTimeslice, paraIds: right.completion.kind === 'Complete' ? right.completion.paraIds : [] };
}

/**
 * The relay block the chain last built on, and the smallest step the relay
 * clock took over the chain's last few blocks (at least 1). The smallest
 * step gives the earliest relay block the next block can build on: in the
 * lead-in, where the price only falls, the price shown is then never below
 * what the broker takes.
 */
async function readRelayClock(api: ApiPromise): Promise<{ last: number; step: number }> {
  if (!hasItem(api, lastRelayChainBlockNumber)) {
    throw new ServiceError('not_supported', 'This chain does not say which relay block it builds on (parachainSystem.lastRelayChainBlockNumber).', 'Connect the network\'s Coretime chain.');
  }
  const last = (await readItem(api, lastRelayChainBlockNumber)) ?? 0;
  const steps: number[] = [];
  let header = await api.rpc.chain.getHeader();
  let newer = last;
  for (let depth = 0; depth < RELAY_STEP_SAMPLES && header.number.toNumber() > 0; depth++) {
    const older = await relayBlockAt(api, header.parentHash.toHex());
    if (older === undefined) break;
    if (newer > older) steps.push(newer - older);
    newer = older;
    header = await api.rpc.chain.getHeader(header.parentHash);
  }
  return { last, step: steps.length === 0 ? 1 : Math.max(1, Math.min(...steps)) };
}

/** How many of the chain's last blocks the relay step is read from. */
const RELAY_STEP_SAMPLES = 3;

async function relayBlockAt(api: ApiPromise, blockHash: string): Promise<number | undefined> {
  const entry = (await api.at(blockHash)).query['parachainSystem']?.['lastRelayChainBlockNumber'];
  const value = entry ? someOf((await entry()) as Codec) : undefined;
  return value === undefined ? undefined : Number(value.toString());
}
