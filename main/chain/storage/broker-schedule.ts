import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { enumKind, field, hexOf, itemsOf, numberOf } from './codec-values';
import { constantBigint, storageItem } from './storage-item';

/**
 * What runs on each core of the Coretime chain's `broker` pallet: the current
 * schedule (`workload`), the schedules waiting to start at a timeslice
 * (`workplan`), and the legacy leases carried over from the relay's slots.
 */

/** One part of a core: the parts it covers (80-bit mask) and who gets them. */
export interface ScheduleItem {
  readonly mask: `0x${string}`;
  readonly assignment: { readonly kind: 'Task'; readonly paraId: number } | { readonly kind: 'Pool' } | { readonly kind: 'Idle' };
}

/** `broker.workload(core)`: what the core runs now. */
export const brokerWorkload = storageItem<[core: number], ScheduleItem[]>(PALLET_NAMES.broker, 'workload', scheduleOf);

/** `broker.workplan((timeslice, core))`: what the core will run from that timeslice on. */
export const brokerWorkplan = storageItem<[key: [timeslice: number, core: number]], ScheduleItem[]>(PALLET_NAMES.broker, 'workplan', scheduleOf);

/** The `(timeslice, core)` key of a `workplan` entry (for `readEntries`). */
export function workplanKeyOf(keyArg: Codec): { timeslice: number; core: number } {
  const [timeslice, core] = itemsOf(keyArg);
  if (timeslice === undefined || core === undefined) throw new Error('a workplan key is (timeslice, core)');
  return { timeslice: numberOf(timeslice), core: numberOf(core) };
}

/** A lease the relay's slots pallet held when coretime moved to the broker: the para keeps a core until `untilTimeslice`. */
export interface LegacyLease {
  readonly untilTimeslice: number;
  readonly paraId: number;
}

export const brokerLeases = storageItem<[], LegacyLease[]>(PALLET_NAMES.broker, 'leases', (value) =>
  itemsOf(value).map((lease) => ({ untilTimeslice: numberOf(field(lease, 'until')), paraId: numberOf(field(lease, 'task')) })),
);

/** Relay blocks per timeslice (`broker.timeslicePeriod`); undefined on a runtime without the constant. */
export function readTimeslicePeriod(api: ApiPromise): number | undefined {
  const period = constantBigint(api, PALLET_NAMES.broker, 'timeslicePeriod');
  return period === undefined ? undefined : Number(period);
}

/** The paras a schedule gives any part of the core to. */
export function paraIdsOf(schedule: readonly ScheduleItem[]): number[] {
  return schedule.flatMap((item) => (item.assignment.kind === 'Task' ? [item.assignment.paraId] : []));
}

function scheduleOf(value: Codec): ScheduleItem[] {
  return itemsOf(value).map((item) => ({ mask: hexOf(field(item, 'mask')), assignment: assignmentOf(field(item, 'assignment')) }));
}

function assignmentOf(value: Codec): ScheduleItem['assignment'] {
  const kind = enumKind(value);
  if (kind === 'Task') return { kind, paraId: numberOf((value as unknown as { value: Codec }).value) };
  return kind === 'Pool' ? { kind } : { kind: 'Idle' };
}
