import type { Signer, SignerResult } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Registry, SignerPayloadJSON } from '@polkadot/types/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { HexString } from '@polkadot/util/types';
import { ServiceError } from '../errors/service-error';

/**
 * Lends an account's unlocked pair to `use` for one signature and locks it
 * again afterwards. Only the vault makes one (it alone can open a sealed
 * key), so the pair never reaches code outside `main/keys/`.
 */
export type PairLender = <T>(use: (pair: KeyringPair) => T) => Promise<T>;

/**
 * The vault's side of polkadot-js's `Signer`, for one vault account: the
 * pipeline signs with `tx.signAsync(address, { signer, nonce })` exactly as it
 * does with a browser extension, and gets back a signature, never the key.
 * `registry` is the one the extrinsic was built with: its signed extensions
 * (CheckMetadataHash, ChargeAssetTxPayment, ...) decide the bytes signed.
 */
export function vaultSigner(address: string, registry: Registry, lend: PairLender): Signer {
  let signatures = 0;
  return {
    signPayload: async (payload: SignerPayloadJSON): Promise<SignerResult> => {
      refuseOtherAccount(payload.address, address);
      refuseOtherExtensions(payload.signedExtensions, registry.signedExtensions);
      const signature = await lend((pair) => signExtrinsicPayload(registry, pair, payload));
      signatures += 1;
      return { id: signatures, signature };
    },
  };
}

/**
 * The signature polkadot-js itself gives when it signs an extrinsic with a
 * pair: its own `ExtrinsicPayload` encodes what the runtime checks (the call,
 * then each signed extension's explicit and implicit data), hashes it with
 * blake2 when it is over 256 bytes, and prefixes the key type where the
 * runtime's signature is a MultiSignature. Rebuilding any of that here would
 * be one more thing to fall out of step with a new runtime.
 */
export function signExtrinsicPayload(registry: Registry, pair: KeyringPair, payload: SignerPayloadJSON): HexString {
  return registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair).signature;
}

function refuseOtherAccount(payloadAddress: string, ownAddress: string): void {
  if (!sameAccount(payloadAddress, ownAddress)) {
    throw new ServiceError('invalid_input', 'A signature was requested for another account than the one chosen.', 'This is a bug in the console: nothing was signed, and the log has the details.');
  }
}

function sameAccount(one: string, other: string): boolean {
  try {
    return u8aEq(decodeAddress(one), decodeAddress(other));
  } catch {
    return false;
  }
}

/**
 * The payload's data is encoded with the registry's extensions; were the
 * payload to list others, part of what it says might not be what is signed.
 */
function refuseOtherExtensions(payloadExtensions: readonly string[], registryExtensions: readonly string[]): void {
  const same = payloadExtensions.length === registryExtensions.length && payloadExtensions.every((name, index) => name === registryExtensions[index]);
  if (!same) {
    throw new ServiceError('invalid_input', 'The transaction to sign does not match the runtime it was built for.', 'Nothing was signed. Reconnect to the chain and submit it again.');
  }
}
