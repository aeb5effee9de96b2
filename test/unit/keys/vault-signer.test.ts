import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { blake2AsU8a, cryptoWaitReady, encodeAddress, signatureVerify } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountVault } from '../../../main/keys/account-vault';
import type { SigningNotice } from '../../../main/keys/signing';
import { silentLogger } from '../../../main/logging/logger';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { serviceErrorOf } from '../../support/service-errors';
import type { ShippedRuntime } from '../chain/support/real-metadata';
import { offlineSigning, signPayloadOf, type OfflineSigning } from './support/offline-payload';

const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
/** ed25519 signatures are deterministic, so the old and new paths must give the very same bytes. */
const ED_SEED = `0x${'42'.repeat(32)}`;
const PASSPHRASE = 'collators never sleep';
const TEST_COST = { N: 2 ** 14, r: 8, p: 1 };

/** Real runtimes shipped with polkadot-js: a relay with CheckMetadataHash, an Asset Hub paying fees in assets, an older relay. */
const RUNTIMES: ReadonlyArray<{ name: ShippedRuntime; specVersion: number; transactionVersion: number }> = [
  { name: 'kusama', specVersion: 1_009_002, transactionVersion: 26 },
  { name: 'assetHubPolkadot', specVersion: 2_000_000, transactionVersion: 15 },
  { name: 'polkadotV14', specVersion: 1_002_005, transactionVersion: 26 },
];

/** Under 256 bytes the payload itself is signed; over it, its blake2 hash. */
const REMARKS = { short: 'para 2000 says hello', long: 'a remark long enough to be hashed '.repeat(12) } as const;

/** The bytes the runtime checks the signature against, as the runtime defines them. */
function signedBytes(api: ApiPromise, payload: SignerPayloadJSON): Uint8Array {
  const encoded = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).toU8a({ method: true });
  return encoded.length > 256 ? blake2AsU8a(encoded) : encoded;
}

describe("the vault's Signer", () => {
  let dataDir: string;
  let vault: AccountVault;
  let edAddress: string;
  const signings = new Map<ShippedRuntime, OfflineSigning>();
  const notices: SigningNotice[] = [];

  beforeAll(async () => {
    await cryptoWaitReady();
    dataDir = await mkdtemp(join(tmpdir(), 'vault-signer-'));
    vault = await AccountVault.open({ dataDir, secrets: await PassphraseBox.open(dataDir, { cost: TEST_COST }), log: silentLogger });
    await vault.unlock(PASSPHRASE);
    await vault.importMnemonic({ name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });
    edAddress = (await vault.importSeed({ name: 'Ed', seed: ED_SEED, keyType: 'ed25519' })).address;
    vault.onSigning((notice) => notices.push(notice));
    for (const runtime of RUNTIMES) signings.set(runtime.name, await offlineSigning(runtime.name, runtime));
  });

  afterAll(async () => {
    for (const signing of signings.values()) await signing.api.disconnect();
    await rm(dataDir, { recursive: true, force: true });
  });

  function signingFor(name: ShippedRuntime): OfflineSigning {
    const signing = signings.get(name);
    if (!signing) throw new Error(`${name} was not loaded`);
    return signing;
  }

  describe.each(RUNTIMES.map((runtime) => runtime.name))('on %s', (name) => {
    it.each(Object.keys(REMARKS) as Array<keyof typeof REMARKS>)('gives the very extrinsic signing with the pair gave (%s payload)', async (size) => {
      const { api, options, payload, remark } = signingFor(name);
      const nonce = 7;
      const withPair = remark(REMARKS[size]).sign(new Keyring({ type: 'ed25519' }).addFromSeed(Buffer.from(ED_SEED.slice(2), 'hex')), options(nonce));

      const withSigner = remark(REMARKS[size]);
      const signerPayload = payload(withSigner, edAddress, nonce);
      const signer = await vault.signerFor(edAddress, { description: `Remark (${size})` }, api.registry);
      const { signature } = await signPayloadOf(signer)(signerPayload);
      withSigner.addSignature(edAddress, signature, signerPayload);

      expect(withSigner.toHex()).toBe(withPair.toHex());
      expect(withSigner.isSigned).toBe(true);
    });

    it('signs a payload whose signature verifies against the address, over the bytes the runtime checks', async () => {
      const { api, payload, remark } = signingFor(name);
      const signer = await vault.signerFor(ALICE, { description: 'Remark on a long payload', network: 'paseo' }, api.registry);
      const signerPayload = payload(remark(REMARKS.long), ALICE, 3);
      const { signature } = await signPayloadOf(signer)(signerPayload);

      expect(signatureVerify(signedBytes(api, signerPayload), signature, ALICE).isValid).toBe(true);
      expect(signatureVerify(signedBytes(api, signerPayload), signature, BOB).isValid).toBe(false);
      // Over 256 bytes the hash is what is signed, so the raw payload does not verify.
      const raw = api.registry.createType('ExtrinsicPayload', signerPayload, { version: signerPayload.version }).toU8a({ method: true });
      expect(signatureVerify(raw, signature, ALICE).isValid).toBe(false);
      expect(signatureVerify(signedBytes(api, { ...signerPayload, nonce: '0x00000004' }), signature, ALICE).isValid).toBe(false);
    });
  });

  it('announces each signature as it signs, not when the signer is made', async () => {
    const { api, payload, remark } = signingFor('kusama');
    const before = notices.length;
    const signer = await vault.signerFor(ALICE, { description: 'Reserve a para id on Paseo', network: 'paseo' }, api.registry);
    expect(notices).toHaveLength(before);
    await signPayloadOf(signer)(payload(remark(REMARKS.short), ALICE, 0));
    await signPayloadOf(signer)(payload(remark(REMARKS.short), ALICE, 1));
    expect(notices.slice(before)).toEqual([
      expect.objectContaining({ address: ALICE, accountName: 'Alice', description: 'Reserve a para id on Paseo', network: 'paseo' }),
      expect.objectContaining({ address: ALICE, accountName: 'Alice', description: 'Reserve a para id on Paseo', network: 'paseo' }),
    ]);
  });

  it('signs for its own account only, and only what the runtime it was made for would check', async () => {
    const { api, payload, remark } = signingFor('kusama');
    const before = notices.length;
    const signer = await vault.signerFor(ALICE, { description: 'Transfer 1 KSM' }, api.registry);
    const forBob = payload(remark(REMARKS.short), BOB, 0);
    expect((await serviceErrorOf(signPayloadOf(signer)(forBob))).code).toBe('invalid_input');
    const otherExtensions = { ...payload(remark(REMARKS.short), ALICE, 0), signedExtensions: ['CheckNonce'] };
    expect((await serviceErrorOf(signPayloadOf(signer)(otherExtensions))).code).toBe('invalid_input');
    expect(notices).toHaveLength(before);
  });

  it('refuses before the chain is asked anything: no description, an unknown address, a locked vault', async () => {
    const { api, payload, remark } = signingFor('kusama');
    expect((await serviceErrorOf(vault.signerFor(ALICE, { description: '  ' }, api.registry))).code).toBe('invalid_input');
    expect((await serviceErrorOf(vault.signerFor(encodeAddress(new Uint8Array(32).fill(7)), { description: 'x' }, api.registry))).code).toBe('not_found');

    const madeWhileOpen = await vault.signerFor(ALICE, { description: 'Transfer 1 KSM' }, api.registry);
    vault.lock();
    try {
      expect((await serviceErrorOf(vault.signerFor(ALICE, { description: 'Transfer 1 KSM' }, api.registry))).code).toBe('locked');
      // A signer made before the vault was locked cannot sign after it.
      expect((await serviceErrorOf(signPayloadOf(madeWhileOpen)(payload(remark(REMARKS.short), ALICE, 0)))).code).toBe('locked');
    } finally {
      await vault.unlock(PASSPHRASE);
    }
  });
});
