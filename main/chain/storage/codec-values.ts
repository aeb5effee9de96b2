import { AbstractInt, BitVec, BTreeSet, Bytes, Enum, Option, Struct, Tuple, U8aFixed, Vec, VecFixed } from '@polkadot/types-codec';
import type { Codec } from '@polkadot/types-codec/types';
import { compactFromU8aLim, u8aToHex } from '@polkadot/util';

/**
 * Turning decoded chain values into plain ones (bigint balances, numbers,
 * hex) by the field names metadata gives, so a reader keeps working when a
 * runtime adds a field, and fails loudly when one it needs is gone.
 */
export class ChainValueError extends Error {
  override readonly name = 'ChainValueError';
}

export function field(value: Codec, name: string): Codec {
  if (!(value instanceof Struct)) throw new ChainValueError(`expected a struct holding "${name}", got ${value.toRawType()}`);
  const inner = value.get(name);
  if (inner === undefined) throw new ChainValueError(`the struct has no field "${name}" (fields: ${[...value.keys()].join(', ')})`);
  return inner;
}

export function hasField(value: Codec, name: string): boolean {
  return value instanceof Struct && value.get(name) !== undefined;
}

export function bigintOf(value: Codec): bigint {
  if (value instanceof AbstractInt) return value.toBigInt();
  // Compact<u128> and friends wrap an int.
  const unwrapped = (value as { unwrap?: () => Codec }).unwrap?.();
  if (unwrapped instanceof AbstractInt) return unwrapped.toBigInt();
  throw new ChainValueError(`expected an integer, got ${value.toRawType()}`);
}

export function numberOf(value: Codec): number {
  const big = bigintOf(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainValueError(`${big} does not fit a number`);
  return Number(big);
}

/** The inner value of an `Option`, or undefined for `None`. Any other value is returned as is. */
export function someOf(value: Codec): Codec | undefined {
  if (value instanceof Option) return value.isSome ? value.unwrap() : undefined;
  return value;
}

export function optionalBigint(value: Codec): bigint | undefined {
  const inner = someOf(value);
  return inner === undefined ? undefined : bigintOf(inner);
}

export function enumKind(value: Codec): string {
  if (!(value instanceof Enum)) throw new ChainValueError(`expected an enum, got ${value.toRawType()}`);
  return value.type;
}

export function hexOf(value: Codec): `0x${string}` {
  if (value instanceof Bytes) return u8aToHex(value.toU8a(true));
  if (value instanceof U8aFixed || value instanceof BitVec) return u8aToHex(value.toU8a(true));
  return value.toHex();
}

export function itemsOf(value: Codec): Codec[] {
  if (value instanceof Vec || value instanceof VecFixed || value instanceof Tuple) return [...value];
  if (value instanceof BTreeSet) return [...value.values()];
  throw new ChainValueError(`expected a list, got ${value.toRawType()}`);
}

/** Count of set bits in a BitVec (validator votes). */
export function countSetBits(value: Codec): number {
  if (!(value instanceof BitVec)) throw new ChainValueError(`expected a bit vector, got ${value.toRawType()}`);
  let count = 0;
  for (const byte of value.toU8a(true)) {
    let bits = byte;
    while (bits !== 0) {
      count += bits & 1;
      bits >>= 1;
    }
  }
  return count;
}

/** Number of bits in a BitVec (the voting set's size for PVF votes). */
export function bitLengthOf(value: Codec): number {
  if (!(value instanceof BitVec)) throw new ChainValueError(`expected a bit vector, got ${value.toRawType()}`);
  // bitLength() rounds up to whole bytes; the encoded compact prefix keeps the exact count.
  const [, bits] = compactFromU8aLim(value.toU8a());
  return bits;
}
