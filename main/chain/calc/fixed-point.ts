/**
 * The runtime's fixed-point arithmetic (sp-arithmetic), reproduced on bigint
 * so the console's prices match the chain's to the planck:
 * FixedU64 has 9 decimal places, FixedU128 18, Perbill parts are billionths.
 */
export const FIXED_U64_ONE = 1_000_000_000n;
export const FIXED_U128_ONE = 1_000_000_000_000_000_000n;
export const PERBILL_ONE = 1_000_000_000n;
export const U128_MAX = (1n << 128n) - 1n;

/** `a × b / c` rounded down (`Rounding::Down`). */
export function mulDivDown(a: bigint, b: bigint, c: bigint): bigint {
  return (a * b) / c;
}

/** `a × b / c` rounded to nearest, an exact half rounded down (`Rounding::NearestPrefDown`). */
export function mulDivNearestPrefDown(a: bigint, b: bigint, c: bigint): bigint {
  const product = a * b;
  const quotient = product / c;
  const remainder = product % c;
  return remainder * 2n > c ? quotient + 1n : quotient;
}

export function saturatingSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n;
}

export function saturateU128(value: bigint): bigint {
  return value > U128_MAX ? U128_MAX : value;
}

export function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

export function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** `Perbill × n` as the runtime's `Mul` does it: nearest, ties down. */
export function perbillOf(parts: bigint, amount: bigint): bigint {
  return mulDivNearestPrefDown(amount, parts, PERBILL_ONE);
}
