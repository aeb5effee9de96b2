import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';

/**
 * A para's account on the relay: the bytes `"para"` and the para id
 * (little-endian u32), padded with zeros to 32 bytes
 * (`ParaId::into_account_truncating`). HRMP deposits are reserved from it, and
 * an XCM from the para pays its fees from it.
 */
export function paraSovereignAccountId(paraId: number): Uint8Array {
  const bytes = u8aConcat(stringToU8a('para'), bnToU8a(paraId, { bitLength: 32, isLe: true }));
  return u8aConcat(bytes, new Uint8Array(32 - bytes.length));
}

/** The sovereign account in the relay's address format. */
export function paraSovereignAddress(paraId: number, ss58Prefix: number): string {
  return encodeAddress(paraSovereignAccountId(paraId), ss58Prefix);
}
