import type { ApiPromise } from '@polkadot/api';
import type { Signer, SignerResult, SubmittableExtrinsic } from '@polkadot/api/types';
import type { RuntimeVersion } from '@polkadot/types/interfaces';
import type { SignatureOptions, SignerPayloadJSON } from '@polkadot/types/types';
import { offlineApi, type ShippedRuntime } from '../../chain/support/real-metadata';

/**
 * What `tx.signAsync` hands a Signer, built from a real runtime's metadata
 * without a connection: the same SignerPayload polkadot-js makes from the
 * chain's head (mortal era, nonce, runtime version, signed extensions).
 */
export interface OfflineSigning {
  readonly api: ApiPromise;
  /** An unsigned `system.remark(text)`: every runtime has it, and its length picks the payload's size. */
  remark(text: string): SubmittableExtrinsic<'promise'>;
  /** The options polkadot-js passes on to `Extrinsic.sign` and to `SignerPayload`. */
  options(nonce: number): SignatureOptions & { version: number };
  payload(extrinsic: SubmittableExtrinsic<'promise'>, address: string, nonce: number): SignerPayloadJSON;
}

const EXTRINSIC_VERSION = 4;
const BLOCK_NUMBER = 1_234_567;
const BLOCK_HASH = `0x${'ab'.repeat(32)}`;
const GENESIS_HASH = `0x${'cd'.repeat(32)}`;

export async function offlineSigning(runtime: ShippedRuntime, version: { specVersion: number; transactionVersion: number }): Promise<OfflineSigning> {
  const api = await offlineApi(runtime);
  const registry = api.registry;
  const options = (nonce: number): SignatureOptions & { version: number } => ({
    blockHash: BLOCK_HASH,
    genesisHash: GENESIS_HASH,
    era: registry.createType('ExtrinsicEra', { current: BLOCK_NUMBER, period: 64 }),
    nonce,
    runtimeVersion: registry.createType<RuntimeVersion>('RuntimeVersion', version),
    signedExtensions: registry.signedExtensions,
    // An api that never connected has no extrinsic version yet: these runtimes, like the chains the console signs for, take v4.
    version: EXTRINSIC_VERSION,
  });
  const remark = api.tx.system?.remark;
  if (!remark) throw new Error(`${runtime} has no system.remark`);
  return {
    api,
    remark: (text) => remark(text),
    options,
    payload: (extrinsic, address, nonce) =>
      registry.createType('SignerPayload', { ...options(nonce), address, blockNumber: BLOCK_NUMBER, method: extrinsic.method }).toPayload(),
  };
}

export function signPayloadOf(signer: Signer): (payload: SignerPayloadJSON) => Promise<SignerResult> {
  const sign = signer.signPayload;
  if (!sign) throw new Error('the signer cannot sign payloads');
  return sign;
}

/** Where in `value` something can sign or give up its key (a KeyringPair or anything shaped like one). */
export function pairsIn(value: unknown, path = 'answer', seen = new Set<unknown>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const candidate = value as Record<string, unknown>;
  const found = ['sign', 'encodePkcs8', 'toJson', 'decodePkcs8'].some((method) => typeof candidate[method] === 'function') ? [path] : [];
  return [...found, ...Object.entries(candidate).flatMap(([key, inner]) => pairsIn(inner, `${path}.${key}`, seen))];
}
