import type { ApiPromise } from '@polkadot/api';
import type { QueryableStorageEntry } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { ChainRoleName, ReadQuery, ReadValue } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import type { ConnectionPool } from '../connection/connection-pool';
import { pvfVerdict } from '../calc/onboarding-eta';
import { registerDeposit } from '../calc/register-deposit';
import { registerDepositBasis } from './register-deposit-quote';
import { watchParaProgress } from './para-progress-watch';
import { brokerConfiguration, brokerPotentialRenewals, brokerRegions, brokerSaleInfo, regionKeyOf, type BrokerSaleInfo } from '../storage/broker';
import { readTimeslicePeriod } from '../storage/broker-schedule';
import { TIMESLICE_PERIOD_BLOCKS } from '../calc/timeslice';
import { relayConfiguration } from '../storage/configuration';
import { crowdloanFunds } from '../storage/crowdloan';
import { collatorSelectionCandidacyBond, collatorSelectionCandidateList, collatorSelectionCandidatesOld, collatorSelectionDesiredCandidates } from '../storage/collator-selection';
import { auctionsCounter, auctionsInfo, readLeasePeriodTiming, slotsLeases } from '../storage/slots-auctions';
import { someOf } from '../storage/codec-values';
import { onDemandQueueStateItem } from '../storage/on-demand';
import { readOnDemandQuote } from './on-demand-quote';
import { parasCurrentCodeHash, parasLifecycle, parasPvfActiveVote } from '../storage/paras';
import { readRegistrarDeposits, registrarNextFreeParaId, registrarParas, type RegistrarParaInfo } from '../storage/registrar';
import { constantBigint, hasItem, readEntries, readItem, resolveEntry, subscribeItem, type StorageItem } from '../storage/storage-item';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { SharedSubscriptions, type StartUpstream } from './shared-subscriptions';
import { autoRenewCall, subscribeParaCoretime, subscribeParaLeasesAndBids } from './para-blockspace';
import { hrmpChannels } from '../storage/hrmp';
import { subscribeHrmpChannels } from './hrmp-channels';

/**
 * The read model: every value the UI shows about a chain, kept fresh by
 * storage subscriptions (never polling), one per key whatever the number of
 * views (see SharedSubscriptions).
 */
export class ReadModel {
  readonly subscriptions = new SharedSubscriptions();

  constructor(private readonly pool: ConnectionPool, private readonly readyTimeoutMs = 60_000) {
    // A chain whose connection is replaced (another network, a rehearsal fork)
    // keeps its watchers: their subscriptions start again on the new API.
    pool.onState((state) => {
      if (state.status === 'connecting' && state.at > 0) this.subscriptions.restart((key) => key.startsWith(`${state.role}|`));
    });
  }

  watch(query: ReadQuery, onValue: (value: ReadValue) => void, onError?: (error: unknown) => void): () => void {
    return this.subscriptions.subscribe(keyOf(query), this.upstream(query), onValue, onError);
  }

  read(query: ReadQuery): Promise<ReadValue> {
    // Longer than the connection's own deadline, so a dead chain is reported as such, not as a slow value.
    const timeoutMs = this.readyTimeoutMs + 15_000;
    return this.subscriptions.once(keyOf(query), this.upstream(query), timeoutMs, () => new ServiceError('timeout',
      `The chain sent no ${query.kind} value within ${Math.round(timeoutMs / 1000)} s.`, 'The endpoint may be overloaded: try again, or connect to another one.'));
  }

  private upstream(query: ReadQuery): StartUpstream<ReadValue> {
    const role = roleOf(query);
    return async (emit, fail) => {
      const api = await this.pool.api(role, this.readyTimeoutMs);
      const stop = await subscribeQuery(api, query, emit).catch((error: unknown) => {
        fail(error);
        return () => undefined;
      });
      return stop;
    };
  }
}

export function keyOf(query: ReadQuery): string {
  return `${roleOf(query)}|${JSON.stringify(query)}`;
}

type ReadKind = ReadQuery['kind'];
type QueryOf<Kind extends ReadKind> = Extract<ReadQuery, { kind: Kind }>;
type Emit = (value: ReadValue) => void;

/**
 * How the read model answers one kind of query: the chain it reads and how it
 * subscribes there.
 */
interface QueryEntry<Kind extends ReadKind> {
  role(query: QueryOf<Kind>): ChainRoleName;
  /** Subscribes through the typed storage readers of `chain/storage`, which find each item under whatever name this runtime gives it. */
  subscribe(api: ApiPromise, query: QueryOf<Kind>, emit: Emit): Promise<() => void> | (() => void);
}

/** Every query kind of the contract has its entry here: a kind added there without one is a type error. */
type QueryTable = { readonly [Kind in ReadKind]: QueryEntry<Kind> };

const onRelay = (): ChainRoleName => 'relay';
const onCoretime = (): ChainRoleName => 'coretime';
const onParachain = (): ChainRoleName => 'parachain';

const QUERIES: QueryTable = {
  balance: {
    role: (query) => query.role,
    // Decoded here, not with storage/balances: this also reads the older miscFrozen/feeFrozen layout.
    subscribe: (api, query, emit) => requireStorage(api, 'system', 'account', 'accounts')(query.address, (account: Codec) => emit(balanceOf(account))),
  },
  head: {
    role: (query) => query.role,
    subscribe: (api, _query, emit) => api.rpc.chain.subscribeNewHeads((header) => emit({ kind: 'head', number: header.number.toNumber(), hash: header.hash.toHex() })),
  },
  nextFreeParaId: {
    role: onRelay,
    subscribe: (api, _query, emit) => {
      requireItem(api, registrarNextFreeParaId, 'reserving a para id');
      return subscribeItem(api, registrarNextFreeParaId, [], (paraId) => emit({ kind: 'nextFreeParaId', paraId: paraId ?? 0 }));
    },
  },
  managedParas: { role: onRelay, subscribe: subscribeManagedParas },
  para: { role: onRelay, subscribe: subscribePara },
  onDemandQueue: { role: onRelay, subscribe: subscribeOnDemandQueue },
  coretimeSale: {
    role: onCoretime,
    subscribe: (api, _query, emit) => {
      requireItem(api, brokerSaleInfo, 'bulk coretime');
      return subscribeCoretimeSale(api, emit);
    },
  },
  coretimeHoldings: { role: onCoretime, subscribe: subscribeCoretimeHoldings },
  relayLimits: { role: onRelay, subscribe: subscribeRelayLimits },
  pvfVote: {
    role: onRelay,
    subscribe: (api, query, emit) => {
      requireItem(api, parasPvfActiveVote, 'PVF pre-checking');
      return subscribeItem(api, parasPvfActiveVote, [query.codeHash], (vote) => emit({
        kind: 'pvfVote',
        vote: vote === undefined ? null : {
          votesAccept: vote.votesAccept, votesReject: vote.votesReject, validatorCount: vote.validatorCount, ageSessions: vote.ageSessions,
          verdict: pvfVerdict(vote),
        },
      }));
    },
  },
  onboardingEta: { role: onRelay, subscribe: watchParaProgress },
  leases: {
    role: onRelay,
    subscribe: (api, query, emit) => {
      requireItem(api, slotsLeases, 'slot leases');
      return subscribeItem(api, slotsLeases, [query.paraId], (periods) => emit({
        kind: 'leases',
        paraId: query.paraId,
        periods: (periods ?? []).map((lease) => (lease === null ? null : { account: lease.account, depositPlanck: lease.depositPlanck.toString() })),
      }));
    },
  },
  auction: {
    role: onRelay,
    subscribe: (api, _query, emit) => {
      requireItem(api, auctionsInfo, 'slot auctions');
      return subscribeAuction(api, emit);
    },
  },
  crowdloan: {
    role: onRelay,
    subscribe: (api, query, emit) => {
      requireItem(api, crowdloanFunds, 'crowdloans');
      return subscribeItem(api, crowdloanFunds, [query.paraId], (fund) => emit({
        kind: 'crowdloan',
        paraId: query.paraId,
        fund: fund === undefined ? null : {
          depositor: fund.depositor, depositPlanck: fund.depositPlanck.toString(), raisedPlanck: fund.raisedPlanck.toString(), capPlanck: fund.capPlanck.toString(),
          endBlock: fund.endBlock, firstPeriod: fund.firstPeriod, lastPeriod: fund.lastPeriod,
        },
      }));
    },
  },
  hrmpChannels: {
    role: onRelay,
    subscribe: (api, query, emit) => {
      requireItem(api, hrmpChannels, 'HRMP channels');
      return subscribeHrmpChannels(api, query.paraId, emit);
    },
  },
  paraLeasesAndBids: { role: onRelay, subscribe: (api, query, emit) => subscribeParaLeasesAndBids(api, query.paraId, emit) },
  paraCoretime: {
    role: onCoretime,
    subscribe: (api, query, emit) => {
      requireItem(api, brokerSaleInfo, 'bulk coretime');
      return subscribeParaCoretime(api, query.paraId, query.holder, emit);
    },
  },
  autoRenewCall: {
    role: onCoretime,
    // Nothing to follow: the call data is built from the query and the runtime's metadata.
    subscribe: (api, query, emit) => {
      emit(autoRenewCall(api, query));
      return () => undefined;
    },
  },
  candidacy: { role: onParachain, subscribe: (api, _query, emit) => subscribeCandidacy(api, emit) },
};

function entryOf<Kind extends ReadKind>(kind: Kind): QueryEntry<Kind> {
  return QUERIES[kind];
}

export function roleOf(query: ReadQuery): ChainRoleName {
  return entryOf(query.kind).role(query);
}

/** Starts the query's subscription; an entry that refuses at once (a runtime without the pallet) rejects like one that refuses later. */
async function subscribeQuery(api: ApiPromise, query: ReadQuery, emit: Emit): Promise<() => void> {
  return entryOf(query.kind).subscribe(api, query, emit);
}

/** The paras this account manages. Storage maps cannot be watched as a whole: listed once, then again whenever a registrar event happens. */
async function subscribeManagedParas(api: ApiPromise, query: QueryOf<'managedParas'>, emit: Emit): Promise<() => void> {
  requireItem(api, registrarParas, 'para registration');
  const me = decodeAddress(query.address);
  const list = async (): Promise<void> => {
    const entries = await readEntries(api, registrarParas);
    const mine = entries
      .filter(({ value }) => u8aEq(decodeAddress(value.manager), me))
      .map(({ keyArgs, value }) => ({
        paraId: Number(keyArgs[0]?.toString() ?? '0'),
        depositPlanck: value.depositPlanck.toString(),
        ...(value.locked === undefined ? {} : { locked: value.locked }),
      }))
      .sort((a, b) => a.paraId - b.paraId);
    emit({ kind: 'managedParas', paras: mine });
  };
  await list();
  return onPalletEvent(api, 'registrar', list);
}

/** One para's registration, lifecycle and code hash, in one multi-key subscription (items this runtime lacks are left out). */
function subscribePara(api: ApiPromise, query: QueryOf<'para'>, emit: Emit): Promise<() => void> {
  requireItem(api, registrarParas, 'para registration');
  const items = [registrarParas, parasLifecycle, parasCurrentCodeHash] as const;
  const present = items.filter((item) => hasItem(api, item));
  const keys = present.map((item): [QueryableStorageEntry<'promise'>, number] => [resolveEntry(api, item), query.paraId]);
  return api.queryMulti(keys, (values: Codec[]) => {
    const decoded = (item: (typeof items)[number]): unknown => {
      const value = values[present.indexOf(item)];
      const inner = value === undefined ? undefined : someOf(value);
      return inner === undefined ? undefined : item.decode(inner);
    };
    emit(paraOf(query.paraId, decoded(registrarParas) as RegistrarParaInfo | undefined, decoded(parasLifecycle) as string | undefined, decoded(parasCurrentCodeHash) as `0x${string}` | undefined));
  });
}

/** The on-demand queue, priced at what the chain will charge the next order (on-demand-quote.ts), not the stored traffic × base fee. */
function subscribeOnDemandQueue(api: ApiPromise, _query: QueryOf<'onDemandQueue'>, emit: Emit): Promise<() => void> {
  const item = onDemandQueueStateItem(api);
  if (!item) throw notOffered('on-demand orders');
  let quoting = Promise.resolve();
  return subscribeItem(api, item, [], (state) => {
    // One after another, so a slow quote never overwrites a newer one.
    quoting = quoting.then(() => readOnDemandQuote(api, state)).then((quote) => emit({
      kind: 'onDemandQueue',
      trafficFixed: (state?.trafficFixed ?? 0n).toString(),
      ...(state?.queueSize === undefined ? {} : { queueSize: state.queueSize }),
      ...(quote === undefined ? {} : { spotPricePlanck: quote.nextOrderPricePlanck.toString() }),
    }), () => undefined);
  });
}

/** The regions this account holds and the renewal rights of its paras; listed again whenever a broker event happens. */
async function subscribeCoretimeHoldings(api: ApiPromise, query: QueryOf<'coretimeHoldings'>, emit: Emit): Promise<() => void> {
  requireItem(api, brokerRegions, 'bulk coretime');
  const me = decodeAddress(query.address);
  const list = async (): Promise<void> => {
    const regions = (await readEntries(api, brokerRegions))
      .filter(({ value }) => value.owner !== undefined && u8aEq(decodeAddress(value.owner), me))
      .map(({ keyArgs, value }) => {
        const key = keyArgs[0] === undefined ? undefined : regionKeyOf(keyArgs[0]);
        return key === undefined ? undefined : {
          ...key,
          endTimeslice: value.endTimeslice,
          ...(value.paidPlanck === undefined ? {} : { paidPlanck: value.paidPlanck.toString() }),
        };
      })
      .filter((region) => region !== undefined);
    const renewals = hasItem(api, brokerPotentialRenewals)
      ? (await readEntries(api, brokerPotentialRenewals)).flatMap(({ keyArgs, value }) => {
        if (value.completion.kind !== 'Complete' || !value.completion.paraIds.some((paraId) => query.paraIds.includes(paraId))) return [];
        const key = keyArgs[0]?.toJSON() as { core?: number; when?: number } | undefined;
        return [{ core: Number(key?.core ?? 0), when: Number(key?.when ?? 0), pricePlanck: value.pricePlanck.toString(), paraIds: value.completion.paraIds }];
      })
      : [];
    emit({ kind: 'coretimeHoldings', regions, renewals });
  };
  await list();
  return onPalletEvent(api, 'broker', list);
}

/** Runs `list` again (errors ignored: the next event tries again) whenever a block's events include one of `section`. */
function onPalletEvent(api: ApiPromise, section: string, list: () => Promise<void>): Promise<() => void> {
  return requireStorage(api, 'system', 'events', 'events')((events: Codec) => {
    const records = events as unknown as Array<{ event: { section: string } }>;
    if (records.some((record) => record.event.section === section)) void list().catch(() => undefined);
  });
}

/** The relay's code and head size limits and the registrar's deposits, with the exact register deposit once the sizes are known. */
function subscribeRelayLimits(api: ApiPromise, query: QueryOf<'relayLimits'>, emit: Emit): Promise<() => void> {
  requireItem(api, relayConfiguration, 'relay configuration');
  const deposits = readRegistrarDeposits(api);
  const basis = registerDepositBasis(api);
  return subscribeItem(api, relayConfiguration, [], (config) => {
    if (!config) return;
    const knowsCode = basis !== 'code-size' || query.validationCodeBytes !== undefined;
    const exact = deposits && query.genesisHeadBytes !== undefined && knowsCode
      ? registerDeposit({ ...deposits, genesisHeadBytes: query.genesisHeadBytes, maxCodeSize: config.maxCodeSize, basis: basis ?? 'max-code-size', validationCodeBytes: query.validationCodeBytes ?? 0 }).totalPlanck
      : undefined;
    emit({
      kind: 'relayLimits',
      maxCodeSize: config.maxCodeSize,
      maxHeadDataSize: config.maxHeadDataSize,
      ...(deposits ? { paraDepositPlanck: deposits.paraDepositPlanck.toString(), dataDepositPerBytePlanck: deposits.dataDepositPerBytePlanck.toString() } : {}),
      ...(exact === undefined ? {} : { registerDepositPlanck: exact.toString(), registerDepositBasis: basis ?? 'unknown' }),
    });
  });
}

/** The candidacy bond and how full the candidate list is, each followed: a registration changes the count, governance the bond. */
async function subscribeCandidacy(api: ApiPromise, emit: Emit): Promise<() => void> {
  requireItem(api, collatorSelectionCandidacyBond, 'collator candidacy');
  const desiredCandidates = hasItem(api, collatorSelectionDesiredCandidates) ? await readItem(api, collatorSelectionDesiredCandidates) : undefined;
  const listItem = [collatorSelectionCandidateList, collatorSelectionCandidatesOld].find((item) => hasItem(api, item));
  let bondPlanck: bigint | undefined;
  let candidates: number | undefined;
  const send = (): void => {
    // One answer once both are known, so a one-off read is complete.
    if (bondPlanck === undefined || (listItem !== undefined && candidates === undefined)) return;
    emit({
      kind: 'candidacy',
      bondPlanck: bondPlanck.toString(),
      ...(desiredCandidates === undefined ? {} : { desiredCandidates }),
      ...(candidates === undefined ? {} : { candidates }),
    });
  };
  const stops = [
    await subscribeItem(api, collatorSelectionCandidacyBond, [], (bond) => {
      bondPlanck = bond ?? 0n;
      send();
    }),
  ];
  if (listItem) {
    stops.push(await subscribeItem(api, listItem, [], (count) => {
      candidates = count ?? 0;
      send();
    }));
  }
  return () => stops.forEach((stop) => stop());
}

/**
 * The running auction with what a bid needs: its number (the counter moves
 * only when a new auction starts, which also rewrites `auctionInfo`, so it is
 * read again on each change) and the lengths of its ending and lease periods.
 */
async function subscribeAuction(api: ApiPromise, emit: Emit): Promise<() => void> {
  const endingPeriodBlocks = constantBigint(api, PALLET_NAMES.auctions, 'endingPeriod');
  const leasePeriodBlocks = readLeasePeriodTiming(api)?.leasePeriodBlocks;
  const leasePeriodsPerSlot = constantBigint(api, PALLET_NAMES.auctions, 'leasePeriodsPerSlot');
  return subscribeItem(api, auctionsInfo, [], (info) => {
    if (info === undefined) return emit({ kind: 'auction', current: null });
    void readItem(api, auctionsCounter)
      .catch(() => undefined)
      .then((auctionIndex) => emit({
        kind: 'auction',
        current: {
          ...info,
          ...(auctionIndex === undefined ? {} : { auctionIndex }),
          ...(endingPeriodBlocks === undefined ? {} : { endingPeriodBlocks: Number(endingPeriodBlocks) }),
          ...(leasePeriodBlocks === undefined ? {} : { leasePeriodBlocks }),
          ...(leasePeriodsPerSlot === undefined ? {} : { leasePeriodsPerSlot: Number(leasePeriodsPerSlot) }),
        },
      }));
  });
}

/** A storage entry called with its keys and a callback: polkadot-js then subscribes and resolves to the unsubscribe function. */
type SubscribableEntry = (...keysThenCallback: unknown[]) => Promise<() => void>;

function requireStorage(api: ApiPromise, pallet: string, item: string, flow: string): SubscribableEntry {
  const entry = api.query[pallet]?.[item];
  if (!entry) throw notOffered(flow);
  return entry as unknown as SubscribableEntry;
}

function requireItem<Args extends readonly unknown[]>(api: ApiPromise, item: StorageItem<Args, unknown>, flow: string): void {
  if (!hasItem(api, item as unknown as StorageItem<readonly unknown[], unknown>)) throw notOffered(flow);
}

function notOffered(flow: string): ServiceError {
  return new ServiceError('not_supported', `This chain's runtime does not offer ${flow}.`, 'Pick the chain that hosts it (relay, Coretime chain) or another network.');
}

function paraOf(paraId: number, info: RegistrarParaInfo | undefined, lifecycle: string | undefined, codeHash: `0x${string}` | undefined): ReadValue {
  return {
    kind: 'para',
    paraId,
    ...(info === undefined ? {} : { manager: info.manager, depositPlanck: info.depositPlanck.toString() }),
    ...(info?.locked === undefined ? {} : { locked: info.locked }),
    ...(lifecycle === undefined ? {} : { lifecycle }),
    ...(codeHash === undefined ? {} : { currentCodeHash: codeHash }),
  };
}

/** The sale, with the broker's clock (advance notice, timeslice period) read once: governance changes it rarely, and a new subscription reads it again. */
async function subscribeCoretimeSale(api: ApiPromise, emit: Emit): Promise<() => void> {
  const config = await readItem(api, brokerConfiguration);
  const clock = { ...(config ? { advanceNoticeBlocks: config.advanceNoticeBlocks } : {}), timeslicePeriodBlocks: readTimeslicePeriod(api) ?? TIMESLICE_PERIOD_BLOCKS };
  return subscribeItem(api, brokerSaleInfo, [], (sale) => {
    const value = sale === undefined ? null : saleOf(sale);
    emit({ kind: 'coretimeSale', sale: value === null ? null : { ...value, ...clock } });
  });
}

function saleOf(sale: BrokerSaleInfo): Extract<ReadValue, { kind: 'coretimeSale' }>['sale'] {
  return {
    saleStartBlock: sale.saleStartBlock,
    leadinLengthBlocks: sale.leadinLengthBlocks,
    endPricePlanck: sale.endPricePlanck.toString(),
    ...(sale.selloutPricePlanck === undefined ? {} : { selloutPricePlanck: sale.selloutPricePlanck.toString() }),
    regionBeginTimeslice: sale.regionBeginTimeslice,
    regionEndTimeslice: sale.regionEndTimeslice,
    idealCoresSold: sale.idealCoresSold,
    coresOffered: sale.coresOffered,
    coresSold: sale.coresSold,
    firstCore: sale.firstCore,
  };
}

/** `frozen` on current runtimes; `miscFrozen`/`feeFrozen` on older ones (the larger one binds). */
export function balanceOf(account: Codec): ReadValue {
  const json = account.toJSON() as { nonce?: number; data?: Record<string, unknown> };
  const data = json.data ?? {};
  const amount = (field: string): bigint => (data[field] === undefined || data[field] === null ? 0n : BigInt(String(data[field])));
  const frozen = data.frozen !== undefined ? amount('frozen') : maxOf(amount('miscFrozen'), amount('feeFrozen'));
  return {
    kind: 'balance',
    freePlanck: amount('free').toString(),
    reservedPlanck: amount('reserved').toString(),
    frozenPlanck: frozen.toString(),
    nonce: Number(json.nonce ?? 0),
  };
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
