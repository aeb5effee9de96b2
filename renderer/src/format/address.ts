import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';

/**
 * Addresses shown in the network's own SS58 format: the same key reads
 * `1...` on Polkadot, `C...`/`H...` on Kusama and `5...` on test networks.
 */

export type AddressCheck = { ok: true; address: string; publicKeyHex: string } | { ok: false; reason: string };

/** Re-encodes any SS58 address or 0x public key for the network's prefix. */
export function toNetworkAddress(address: string, ss58Prefix: number): string {
  return encodeAddress(decodeAddress(address), ss58Prefix);
}

/** Checks what an operator pasted and gives the network's form of it. */
export function checkAddress(text: string, ss58Prefix: number): AddressCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter an address.' };
  try {
    const publicKey = decodeAddress(trimmed);
    if (publicKey.length !== 32 && publicKey.length !== 33) {
      return { ok: false, reason: 'That is not an account address (wrong length).' };
    }
    const hex = Array.from(publicKey, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return { ok: true, address: encodeAddress(publicKey, ss58Prefix), publicKeyHex: `0x${hex}` };
  } catch {
    return { ok: false, reason: `“${shortenAddress(trimmed)}” is not a valid SS58 address or public key: check it was copied whole.` };
  }
}

/** `15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5` → `15oF4u…r6Sp5`. */
export function shortenAddress(address: string, keep = 6): string {
  return address.length <= keep * 2 + 1 ? address : `${address.slice(0, keep)}…${address.slice(-(keep - 1))}`;
}

/** True when two addresses (in any format) are the same key. */
export function sameAccount(a: string, b: string): boolean {
  try {
    return encodeAddress(decodeAddress(a), 42) === encodeAddress(decodeAddress(b), 42);
  } catch {
    return false;
  }
}
