import { decodeAddress } from '@polkadot/util-crypto';
import { u8aEq } from '@polkadot/util';

/** True when two addresses (any SS58 prefix or hex) are the same key. */
export function sameAccountKey(a: string, b: string): boolean {
  try {
    return u8aEq(decodeAddress(a), decodeAddress(b));
  } catch {
    return false;
  }
}
