import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { compactFromU8a } from '@polkadot/util';

/**
 * The call as the pipeline will sign it, with a stand-in signature: the same
 * signed extensions, a mortal era and a nonce of the same encoded length, so
 * its length (and with it the length part of the fee) is the real one's. The
 * fee queries and the local dry run read it before anything is signed.
 *
 * The signature is the one chopsticks' mock signature host accepts (0xdeadbeef
 * then 0xcd): a fork started with `mockSignatureHost` applies it as signed by
 * `address`; a real node would refuse it, and it is never sent anywhere.
 */
export async function reviewExtrinsic(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, address: string, nonce?: number): Promise<Uint8Array> {
  const info = await api.derive.tx.signingInfo(address);
  const header = info.header;
  const blockHash = header ? header.hash.toHex() : api.genesisHash.toHex();
  const era = header ? api.registry.createType('ExtrinsicEra', { current: header.number.toNumber(), period: info.mortalLength }) : api.registry.createType('ExtrinsicEra', new Uint8Array([0]));
  const copy = api.tx(api.createType('Call', extrinsic.method.toHex()));
  copy.signFake(address, {
    blockHash,
    era,
    genesisHash: api.genesisHash,
    nonce: nonce ?? info.nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
  });
  const bytes = copy.toU8a();
  // Signed v4 layout: length prefix, version byte, the signer's MultiAddress, then the MultiSignature (enum index, 64 bytes).
  const [prefixLength] = compactFromU8a(bytes);
  const at = prefixLength + 1 + copy.signer.toU8a().length;
  const faked = bytes.subarray(at + 1, at + 65);
  if (faked.length !== 64 || faked.some((byte) => byte !== 0x01)) throw new Error('the stand-in signature is not where a signed v4 extrinsic keeps it');
  const mock = new Uint8Array(64).fill(0xcd);
  mock.set([0xde, 0xad, 0xbe, 0xef]);
  bytes.set(mock, at + 1);
  return bytes;
}
