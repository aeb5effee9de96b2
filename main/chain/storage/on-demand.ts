import type { ApiPromise } from '@polkadot/api';
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

function decodeQueueState(value: Parameters<StorageItem<[], OnDemandQueueState>['decode']>[0]): OnDemandQueueState {
  const trafficFixed = bigintOf(field(value, 'traffic'));
  if (hasField(value, 'nextIndex') && hasField(value, 'smallestIndex') && hasField(value, 'freedIndices')) {
    // Indices wrap around u32; freed indices are gaps left by orders served out of turn.
    const span = (numberOf(field(value, 'nextIndex')) - numberOf(field(value, 'smallestIndex')) + 2 ** 32) % 2 ** 32;
    return { trafficFixed, queueSize: span - itemsOf(field(value, 'freedIndices')).length };
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
