import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import { ON_DEMAND_QUEUE_ITEMS, PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, field, hasField, itemsOf, numberOf } from './codec-values';
import { constantBigint, hasItem, storageItem, type StorageItem } from './storage-item';

/** The on-demand queue as pricing needs it. */
export interface OnDemandQueueState {
  /** FixedU128 inner value (1e18 = 1.0): the spot price is traffic × base fee. */
  readonly trafficFixed: bigint;
  /** Orders waiting, when the runtime's layout tells. */
  readonly queueSize?: number;
}

/**
 * Two layouts, both decoded:
 * - `queueStatus { traffic, nextIndex, smallestIndex, freedIndices }` (Paseo 1009003, measured):
 *   the pallet's `size()` is the index span less the indices freed out of turn;
 * - `orderStatus { traffic, queue: { queue: [..] } }` (newer runtimes): the orders themselves.
 */
export function decodeQueueState(value: Codec): OnDemandQueueState {
  const trafficFixed = bigintOf(field(value, 'traffic'));
  if (hasField(value, 'nextIndex') && hasField(value, 'smallestIndex') && hasField(value, 'freedIndices')) {
    // Indices wrap around u32.
    const span = (numberOf(field(value, 'nextIndex')) - numberOf(field(value, 'smallestIndex')) + 2 ** 32) % 2 ** 32;
    return { trafficFixed, queueSize: Math.max(0, span - itemsOf(field(value, 'freedIndices')).length) };
  }
  if (hasField(value, 'queue')) {
    const queue = field(value, 'queue');
    // The order queue is a struct wrapping the bounded list of orders; an older draft held the list directly.
    const orders = hasField(queue, 'queue') ? field(queue, 'queue') : queue;
    return { trafficFixed, queueSize: itemsOf(orders).length };
  }
  return { trafficFixed };
}

/** Newer runtimes call it `orderStatus`, older ones `queueStatus`, under `onDemand` or `onDemandAssignmentProvider`. */
export const ON_DEMAND_QUEUE_STATE: readonly StorageItem<[], OnDemandQueueState>[] = ON_DEMAND_QUEUE_ITEMS.map((item) =>
  storageItem<[], OnDemandQueueState>(PALLET_NAMES.onDemand, item, decodeQueueState),
);

/** The queue-state item this runtime has, or undefined. */
export function onDemandQueueStateItem(api: ApiPromise): StorageItem<[], OnDemandQueueState> | undefined {
  return ON_DEMAND_QUEUE_STATE.find((item) => hasItem(api, item));
}

/** The floor traffic never decays below (FixedU128 inner value). */
export function readTrafficDefault(api: ApiPromise): bigint | undefined {
  return constantBigint(api, PALLET_NAMES.onDemand, 'trafficDefaultValue');
}

/** `onDemand.credits(account)`: on-demand credits bought on the Coretime chain, spent by `placeOrderWithCredits`. */
export const onDemandCredits = storageItem<[account: string], bigint>(PALLET_NAMES.onDemand, 'credits', bigintOf);

/** `paraScheduler.claimQueue`: per core, the assignments already taken from the providers, front first. */
export const schedulerClaimQueue = storageItem<[], Map<number, number>>(['paraScheduler'], 'claimQueue', (value) => {
  const lengths = new Map<number, number>();
  const json = value.toJSON() as Record<string, unknown[]> | null;
  for (const [core, entries] of Object.entries(json ?? {})) lengths.set(Number(core), Array.isArray(entries) ? entries.length : 0);
  return lengths;
});

/**
 * `coretimeAssignmentProvider.coreDescriptors(core)`: whether the core's
 * current work takes from the on-demand pool (a Pool assignment).
 */
export const coretimeCoreServesPool = storageItem<[core: number], boolean>(['coretimeAssignmentProvider'], 'coreDescriptors', (value) => {
  const json = value.toJSON() as { currentWork?: { assignments?: unknown[] } | null } | null;
  const assignments = json?.currentWork?.assignments ?? [];
  return assignments.some((entry) => Array.isArray(entry) && typeof entry[0] === 'object' && entry[0] !== null && 'pool' in entry[0]);
});
