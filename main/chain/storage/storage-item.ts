import type { ApiPromise } from '@polkadot/api';
import type { QueryableStorageEntry } from '@polkadot/api/types';
import { unwrapStorageType } from '@polkadot/types/util';
import type { Codec } from '@polkadot/types-codec/types';
import { isFunction } from '@polkadot/util';
import { ServiceError } from '../../errors/service-error';
import { someOf } from './codec-values';

/**
 * One storage item the read model needs: which pallet names it may live
 * under, its name, and how to turn its decoded value into a plain one.
 * The same item serves a one-off read, a subscription, and decoding the raw
 * bytes of a batched `state_subscribeStorage` (one RPC subscription for many
 * keys, however many views are open).
 */
export interface StorageItem<Args extends readonly unknown[], T> {
  readonly pallets: readonly string[];
  readonly item: string;
  readonly decode: (value: Codec) => T;
  /** Only to type the arguments; never read. */
  readonly _args?: Args;
}

export function storageItem<Args extends readonly unknown[], T>(
  pallets: readonly string[],
  item: string,
  decode: (value: Codec) => T,
): StorageItem<Args, T> {
  return { pallets, item, decode };
}

/** The `api.query` entry for the item on this runtime. Throws `not_supported` when the runtime has none. */
export function resolveEntry(api: ApiPromise, item: StorageItem<readonly unknown[], unknown>): QueryableStorageEntry<'promise'> {
  for (const pallet of item.pallets) {
    const entry = api.query[pallet]?.[item.item];
    if (entry !== undefined && isFunction(entry)) return entry;
  }
  throw new ServiceError(
    'not_supported',
    `This chain's runtime has no ${item.pallets.join(' / ')} "${item.item}" storage.`,
    'Check that you are connected to the right chain; the runtime may have changed.',
  );
}

export function hasItem(api: ApiPromise, item: StorageItem<readonly unknown[], unknown>): boolean {
  return item.pallets.some((pallet) => api.query[pallet]?.[item.item] !== undefined);
}

/** The storage key for these arguments, as `state_getStorage` / `state_subscribeStorage` want it. */
export function storageKey<Args extends readonly unknown[]>(api: ApiPromise, item: StorageItem<Args, unknown>, ...args: Args): `0x${string}` {
  return resolveEntry(api, item).key(...args) as `0x${string}`;
}

/**
 * Decode the raw bytes stored under a key (null when nothing is stored).
 * Undefined for an absent optional entry; a value-query entry falls back to its default, as the runtime does.
 */
export function decodeRaw<T>(api: ApiPromise, item: StorageItem<readonly unknown[], T>, raw: Uint8Array | null): T | undefined {
  const meta = resolveEntry(api, item).creator.meta;
  const type = unwrapStorageType(api.registry, meta.type);
  if (raw === null) {
    if (meta.modifier.isOptional) return undefined;
    return item.decode(api.registry.createType(type, meta.fallback.toU8a(true)));
  }
  return item.decode(api.registry.createType(type, raw));
}

/** Read once (at the best block). Undefined when an optional entry is absent. */
export async function readItem<Args extends readonly unknown[], T>(
  api: ApiPromise,
  item: StorageItem<Args, T>,
  ...args: Args
): Promise<T | undefined> {
  const value = await resolveEntry(api, item)(...args);
  const inner = someOf(value);
  return inner === undefined ? undefined : item.decode(inner);
}

/** Follow the value; returns the unsubscribe function. */
export async function subscribeItem<Args extends readonly unknown[], T>(
  api: ApiPromise,
  item: StorageItem<Args, T>,
  args: Args,
  onValue: (value: T | undefined) => void,
): Promise<() => void> {
  // With a trailing callback the entry subscribes and resolves to the unsubscribe function.
  const subscribe = resolveEntry(api, item) as unknown as (...params: unknown[]) => Promise<() => void>;
  return subscribe(...args, (value: Codec) => {
    const inner = someOf(value);
    onValue(inner === undefined ? undefined : item.decode(inner));
  });
}

/** Every entry of a map, with its decoded key arguments. Scans the map: use for small maps or with a prefix. */
export async function readEntries<T>(
  api: ApiPromise,
  item: StorageItem<readonly unknown[], T>,
  ...prefixArgs: unknown[]
): Promise<{ keyArgs: Codec[]; value: T }[]> {
  const entries = await resolveEntry(api, item).entries(...prefixArgs);
  return entries.flatMap(([key, value]) => {
    const inner = someOf(value);
    return inner === undefined ? [] : [{ keyArgs: [...key.args], value: item.decode(inner) }];
  });
}

/** A runtime constant as bigint; undefined when the runtime lacks it. */
export function constantBigint(api: ApiPromise, pallets: readonly string[], name: string): bigint | undefined {
  for (const pallet of pallets) {
    const value = api.consts[pallet]?.[name];
    if (value !== undefined) return constantAsBigint(value);
  }
  return undefined;
}

function constantAsBigint(value: Codec): bigint {
  const asInt = value as unknown as { toBigInt?: () => bigint };
  if (isFunction(asInt.toBigInt)) return asInt.toBigInt();
  // FixedU128 and friends are plain integers of their inner type.
  return BigInt(value.toString());
}
