import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import type { BlockspaceEvidence, CodeEvidence, InclusionEvidence } from '../../../shared/contract/diagnosis';
import { readOnDemandQuote } from '../../chain/read/on-demand-quote';
import { systemAccount } from '../../chain/storage/balances';
import { lastRelayChainBlockNumber, systemNumber } from '../../chain/storage/block-number';
import { brokerPotentialRenewals } from '../../chain/storage/broker';
import { readTimeslicePeriod } from '../../chain/storage/broker-schedule';
import { field, numberOf } from '../../chain/storage/codec-values';
import { parasFutureCodeHash, parasFutureCodeUpgrade, parasHead, parasLifecycle } from '../../chain/storage/paras';
import { leasePeriodAt, readLeasePeriodTiming, slotsLeases } from '../../chain/storage/slots-auctions';
import { constantBigint, hasItem, readEntries, readItem, storageItem } from '../../chain/storage/storage-item';
import { TIMESLICE_PERIOD_BLOCKS } from '../../chain/calc/timeslice';
import { decodeParachainHead } from '../probes/aura-author';
import { InclusionProbe, type RelayEventRecord } from '../probes/inclusion-probe';

/**
 * The relay's side of a diagnosis, read from the relay (and the Coretime
 * chain when connected) through the chain layer's `ApiPromise`: is the para
 * registered, does it hold a core now, were its candidates backed and
 * included lately, and what code and head does the relay hold for it.
 */

/** Any storage value as JSON: the scheduler's and the assignment provider's layouts change between runtimes, JSON reads them all. */
const asJson = (value: Codec): unknown => value.toJSON();
const claimQueueItem = storageItem<[], unknown>(['paraScheduler'], 'claimQueue', asJson);
/** Before the claim queue (Rococo 9430): the cores scheduled for the next block. */
const scheduledItem = storageItem<[], unknown>(['paraScheduler'], 'scheduled', asJson);
const coreDescriptorsItem = storageItem<[core: number], unknown>(['coretimeAssignmentProvider'], 'coreDescriptors', asJson);
/** The relay's configuration, for its core count: `schedulerParams.numCores` (newer) or `coretimeCores` (older). */
const activeConfigItem = storageItem<[], unknown>(['configuration'], 'activeConfig', asJson);
/** On-demand orders waiting: not yet bound to a core (`freeEntries`), or bound to the core the para last ran on (`affinityEntries`). */
const onDemandFreeEntries = storageItem<[], unknown>(['onDemand', 'onDemandAssignmentProvider'], 'freeEntries', asJson);
const onDemandAffinityEntries = storageItem<[core: number], unknown>(['onDemand', 'onDemandAssignmentProvider'], 'affinityEntries', asJson);
/** `paras.futureCodeUpgradesAt`: (para, relay block) of every scheduled upgrade. */
const futureCodeUpgradesAt = storageItem<[], unknown>(['paras'], 'futureCodeUpgradesAt', asJson);
/** Newer runtimes keep the orders in the queue state itself (`orderStatus.queue`). */
const onDemandOrderStatus = storageItem<[], unknown>(['onDemand', 'onDemandAssignmentProvider'], 'orderStatus', asJson);

export async function readRegistration(relay: ApiPromise, paraId: number): Promise<{ read: true; lifecycle: string | null }> {
  const lifecycle = await readItem(relay, parasLifecycle, paraId);
  return { read: true, lifecycle: lifecycle ?? null };
}

export interface BlockspaceReadOptions {
  /** The Coretime chain, when connected: its renewal rights tell a region that ended. */
  coretime?: ApiPromise;
  /** The account that pays the para's on-demand orders, when the console knows it. */
  orderingAccount?: string;
  /** Lifecycle already read, to tell a lease-holding Parachain before coretime. */
  lifecycle: string | null;
}

export async function readBlockspaceEvidence(relay: ApiPromise, paraId: number, options: BlockspaceReadOptions): Promise<Extract<BlockspaceEvidence, { read: true }>> {
  const relayBlock = (await readItem(relay, systemNumber)) ?? 0;
  const hasCoretime = hasItem(relay, coreDescriptorsItem);
  const [claimed, descriptors, leases, queued] = await Promise.all([
    readClaimedCores(relay, paraId),
    hasCoretime ? readCoreDescriptors(relay) : Promise.resolve([]),
    hasItem(relay, slotsLeases) ? readItem(relay, slotsLeases, paraId) : Promise.resolve(undefined),
    readOrdersQueued(relay, paraId),
  ]);
  const assignedCores: number[] = [];
  let poolCores = 0;
  for (const { core, value } of descriptors) {
    const current = (value as { currentWork?: { assignments?: unknown[] } | null } | null)?.currentWork?.assignments ?? [];
    const assignments = current.map((entry) => (Array.isArray(entry) ? entry[0] : undefined));
    if (assignments.some((assignment) => taskOf(assignment) === paraId)) assignedCores.push(core);
    if (assignments.some((assignment) => isPool(assignment))) poolCores += 1;
  }
  // Held periods run from the current lease period on without a gap.
  let leasePeriodsHeld: number | null = null;
  let leaseEndsAtRelayBlock: number | null = null;
  if (leases !== undefined) {
    let held = 0;
    while (leases[held]) held += 1;
    leasePeriodsHeld = held;
    const timing = readLeasePeriodTiming(relay);
    const period = timing ? leasePeriodAt(relayBlock, timing) : undefined;
    if (held > 0 && timing && period !== undefined) leaseEndsAtRelayBlock = timing.leaseOffsetBlocks + (period + held) * timing.leasePeriodBlocks;
  }
  const [orderingAccount, regionEndedAtRelayBlock] = await Promise.all([
    options.orderingAccount && hasCoretime ? readOrderingAccount(relay, options.orderingAccount) : Promise.resolve(null),
    options.coretime ? readEndedRegion(options.coretime, paraId) : Promise.resolve(null),
  ]);
  return {
    read: true,
    relayBlock,
    claimedCores: claimed,
    assignedCores: assignedCores.sort((a, b) => a - b),
    leasePeriodsHeld,
    leaseEndsAtRelayBlock,
    // Before coretime the scheduler gave every Parachain (a lease holder) a core of its own.
    legacyDedicatedCore: !hasCoretime && options.lifecycle === 'Parachain',
    onDemandPoolCores: hasCoretime ? poolCores : null,
    onDemandOrdersQueued: queued,
    orderingAccount,
    regionEndedAtRelayBlock,
  };
}

/**
 * Every core's descriptor, asked core by core: the map's keys are hashed
 * without their value (Twox256), so listing its entries cannot tell which core each is.
 */
async function readCoreDescriptors(relay: ApiPromise): Promise<Array<{ core: number; value: unknown }>> {
  const config = (await readItem(relay, activeConfigItem)) as { schedulerParams?: { numCores?: unknown }; coretimeCores?: unknown } | undefined;
  const cores = Number(config?.schedulerParams?.numCores ?? config?.coretimeCores ?? 0);
  const indices = Array.from({ length: Number.isInteger(cores) && cores > 0 ? cores : 0 }, (_, core) => core);
  return Promise.all(indices.map(async (core) => ({ core, value: await readItem(relay, coreDescriptorsItem, core) })));
}

/** Cores whose claim queue (or, before it, the scheduled cores) names the para, bulk or on demand. */
async function readClaimedCores(relay: ApiPromise, paraId: number): Promise<number[]> {
  if (hasItem(relay, claimQueueItem)) {
    const queue = ((await readItem(relay, claimQueueItem)) ?? {}) as Record<string, unknown>;
    return Object.entries(queue)
      .filter(([, entries]) => Array.isArray(entries) && entries.some((entry) => namesPara(entry, paraId)))
      .map(([core]) => Number(core))
      .sort((a, b) => a - b);
  }
  if (hasItem(relay, scheduledItem)) {
    const scheduled = (await readItem(relay, scheduledItem)) ?? [];
    if (!Array.isArray(scheduled)) return [];
    return scheduled.flatMap((entry: unknown) => {
      if (!namesPara(entry, paraId)) return [];
      const core = (entry as { core?: unknown }).core;
      return typeof core === 'number' ? [core] : [];
    });
  }
  return [];
}

/** Orders for the para in the on-demand queue; null on a relay whose queue does not list them. */
async function readOrdersQueued(relay: ApiPromise, paraId: number): Promise<number | null> {
  if (hasItem(relay, onDemandFreeEntries)) {
    const [free, affinity] = await Promise.all([
      readItem(relay, onDemandFreeEntries),
      hasItem(relay, onDemandAffinityEntries) ? readEntries(relay, onDemandAffinityEntries) : Promise.resolve([]),
    ]);
    const orders = [...listOf(free), ...affinity.flatMap(({ value }) => listOf(value))];
    return orders.filter((order) => namesPara(order, paraId)).length;
  }
  if (hasItem(relay, onDemandOrderStatus)) {
    const status = (await readItem(relay, onDemandOrderStatus)) as { queue?: { queue?: unknown } | unknown[] } | undefined;
    const queue = status?.queue;
    const orders = Array.isArray(queue) ? queue : listOf((queue as { queue?: unknown } | undefined)?.queue);
    return orders.filter((order) => namesPara(order, paraId)).length;
  }
  return null;
}

/** What the ordering account can spend on an order (orders keep it alive) and what the next order costs. */
async function readOrderingAccount(relay: ApiPromise, address: string): Promise<Extract<BlockspaceEvidence, { read: true }>['orderingAccount']> {
  const [account, quote] = await Promise.all([readItem(relay, systemAccount, address), readOnDemandQuote(relay).catch(() => undefined)]);
  const existentialDeposit = constantBigint(relay, ['balances'], 'existentialDeposit') ?? 0n;
  let spendable = 0n;
  if (account) {
    const frozenBeyondReserved = account.frozenPlanck > account.reservedPlanck ? account.frozenPlanck - account.reservedPlanck : 0n;
    const untouchable = frozenBeyondReserved > existentialDeposit ? frozenBeyondReserved : existentialDeposit;
    spendable = account.freePlanck > untouchable ? account.freePlanck - untouchable : 0n;
  }
  return { address, spendablePlanck: spendable.toString(), orderPricePlanck: quote ? quote.nextOrderPricePlanck.toString() : null };
}

/**
 * A bulk region of the para that has ended unrenewed: assigning a whole
 * region Final leaves a right to renew it keyed by the region's end
 * (`potentialRenewals { when }`), and renewing replaces it with one for the
 * next region's end. A right whose end has passed is a region that ended and
 * was not renewed. (The broker's `workload` cannot tell: it keeps a core's
 * last schedule until a new one replaces it; the relay's assignment is what
 * ends.) Null when no such right exists. The relay block is the one the
 * Coretime chain last built on.
 */
export async function readEndedRegion(coretime: ApiPromise, paraId: number): Promise<number | null> {
  if (!hasItem(coretime, brokerPotentialRenewals) || !hasItem(coretime, lastRelayChainBlockNumber)) return null;
  const [now, rights] = await Promise.all([readItem(coretime, lastRelayChainBlockNumber), readEntries(coretime, brokerPotentialRenewals)]);
  if (now === undefined) return null;
  const period = readTimeslicePeriod(coretime) ?? TIMESLICE_PERIOD_BLOCKS;
  const ends = rights.flatMap(({ keyArgs, value }) => {
    if (value.completion.kind !== 'Complete' || !value.completion.paraIds.includes(paraId) || keyArgs[0] === undefined) return [];
    const endBlock = numberOf(field(keyArgs[0], 'when')) * period;
    return endBlock <= now ? [endBlock] : [];
  });
  return ends.length === 0 ? null : Math.max(...ends);
}

export interface InclusionReadOptions {
  /** How many relay blocks to look back over, ending at the relay's best block. */
  windowBlocks: number;
}

/**
 * The para's candidates in the last relay blocks: each block's
 * `system.events`, read at its hash, go through the health monitor's own
 * inclusion probe, so backed, included and timed out mean what they mean there.
 */
export async function readInclusionEvidence(relay: ApiPromise, paraId: number, options: InclusionReadOptions): Promise<Extract<InclusionEvidence, { read: true }>> {
  const eventsAt = relay.query['system']?.['events'];
  if (!eventsAt) throw new Error('this relay has no system.events storage');
  const head = (await relay.rpc.chain.getHeader()).number.toNumber();
  const from = Math.max(0, head - options.windowBlocks + 1);
  const probe = new InclusionProbe(paraId);
  let backed = 0;
  let included = 0;
  let timedOut = 0;
  for (let number = from; number <= head; number++) {
    const hash = await relay.rpc.chain.getBlockHash(number);
    const events = (await eventsAt.at(hash)) as unknown as Iterable<RelayEventRecord>;
    // Block numbers stand in for the time: the probe only orders what it sees.
    for (const found of probe.ingest({ number, events }, number)) {
      if (found.kind === 'backed') backed += 1;
      else if (found.kind === 'included') included += 1;
      else timedOut += 1;
    }
  }
  const state = probe.state;
  return {
    read: true,
    fromRelayBlock: from,
    toRelayBlock: head,
    backed,
    included,
    timedOut,
    lastBackedRelayBlock: state.lastBackedRelayBlock,
    lastIncludedRelayBlock: state.lastIncludedRelayBlock,
    lastTimedOutRelayBlock: state.lastTimedOutRelayBlock,
  };
}

/** The code upgrade the relay has scheduled for the para, and the head it holds (hash of the head data: a Cumulus head is the header). */
export async function readRelayCodeAndHead(relay: ApiPromise, paraId: number): Promise<Omit<Extract<CodeEvidence, { read: true }>, 'nodeHashAtRelayHead'>> {
  const [upgrade, upgradesAt, futureCode, head] = await Promise.all([
    hasItem(relay, parasFutureCodeUpgrade) ? readItem(relay, parasFutureCodeUpgrade, paraId) : Promise.resolve(undefined),
    hasItem(relay, futureCodeUpgradesAt) ? readItem(relay, futureCodeUpgradesAt) : Promise.resolve(undefined),
    hasItem(relay, parasFutureCodeHash) ? readItem(relay, parasFutureCodeHash, paraId) : Promise.resolve(undefined),
    readItem(relay, parasHead, paraId),
  ]);
  // An upgrade applied at its expected block (as root's forceScheduleCodeUpgrade schedules it) is listed only in futureCodeUpgradesAt.
  const listedAt = (Array.isArray(upgradesAt) ? upgradesAt : []).find((entry): entry is [number, number] => Array.isArray(entry) && Number(entry[0]) === paraId);
  let relayHeadNumber: number | null = null;
  if (head !== undefined) {
    try {
      relayHeadNumber = decodeParachainHead(relay.registry, hexToU8a(head)).number;
    } catch {
      // Not a Substrate header (a test para's one-byte head): its hash still names it.
    }
  }
  return {
    read: true,
    upgradeAppliesAtRelayBlock: upgrade ?? (listedAt ? Number(listedAt[1]) : null),
    upgradeCodeHash: futureCode ?? null,
    relayHeadNumber,
    relayHeadHash: head === undefined ? null : blake2AsHex(hexToU8a(head), 256),
  };
}

/** Whether a JSON value from the scheduler or the on-demand queue names the para: `{ paraId }`, `{ bulk: id }`, `{ task: id }`, nested. */
function namesPara(value: unknown, paraId: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => namesPara(item, paraId));
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if ((lower === 'paraid' || lower === 'bulk' || lower === 'task') && Number(inner) === paraId) return true;
    if (namesPara(inner, paraId)) return true;
  }
  return false;
}

function taskOf(assignment: unknown): number | null {
  if (assignment === null || typeof assignment !== 'object') return null;
  const task = (assignment as Record<string, unknown>)['task'] ?? (assignment as Record<string, unknown>)['Task'];
  return task === undefined ? null : Number(task);
}

function isPool(assignment: unknown): boolean {
  return assignment !== null && typeof assignment === 'object' && ('pool' in assignment || 'Pool' in assignment);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
