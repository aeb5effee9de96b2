import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signatureVerify } from '@polkadot/util-crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountVault } from '../../../main/keys/account-vault';
import { createKeychainSecretBox, type SafeStorageLike } from '../../../main/keys/keychain-secret-box';
import { silentLogger } from '../../../main/logging/logger';
import { canChangePassphrase, PassphraseBox } from '../../../main/platform/passphrase-box';
import { serviceErrorOf } from '../../support/service-errors';
import { offlineSigning, signPayloadOf } from './support/offline-payload';

const TEST_COST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'desktop fallback passphrase';
const plain = new TextEncoder().encode('a secret key of an account');

/**
 * A scripted stand-in for Electron's safeStorage (no Electron binary here):
 * it really encrypts, with a key held in memory like the OS keychain would.
 */
function scriptedSafeStorage(options: { available: boolean; backend: string }): SafeStorageLike & { backendAsked: number } {
  const key = randomBytes(32);
  const scripted = {
    backendAsked: 0,
    isEncryptionAvailable: () => options.available,
    getSelectedStorageBackend: () => {
      scripted.backendAsked += 1;
      return options.backend;
    },
    encryptString: (text: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (sealed: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return scripted;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await serviceErrorOf(promise)).code;
}

describe('the desktop secret box: OS keychain when safe, passphrase otherwise', () => {
  let dataDir: string;
  const passphraseBox = () => PassphraseBox.open(dataDir, { cost: TEST_COST });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keychain-box-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses Linux\'s plain-text backend and asks for a passphrase, saying why', async () => {
    const box = createKeychainSecretBox({ safeStorage: scriptedSafeStorage({ available: true, backend: 'basic_text' }), platform: 'linux', passphrase: await passphraseBox(), log: silentLogger });
    const state = box.state();
    expect(state.status).toBe('uninitialised');
    expect(state.backend).toBe('passphrase');
    expect(state.status !== 'ready' && state.reason).toMatch(/"basic_text".*plain text/);
    expect(await codeOf(box.encrypt(plain))).toBe('locked');

    await box.unlock(PASSPHRASE);
    const sealed = Buffer.from(await box.encrypt(plain));
    expect(String.fromCharCode(sealed[0] ?? 0)).toBe('P');
    expect(sealed.includes(Buffer.from(plain))).toBe(false);
    expect(await box.decrypt(sealed)).toEqual(plain);

    expect(canChangePassphrase(box)).toBe(true);
    if (canChangePassphrase(box)) await box.changePassphrase(PASSPHRASE, 'another fallback passphrase');
    box.lock();
    await box.unlock('another fallback passphrase');
    expect(await box.decrypt(sealed)).toEqual(plain);
  });

  it('uses a Linux secret service, and records that it sealed each secret', async () => {
    const safeStorage = scriptedSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const box = createKeychainSecretBox({ safeStorage, platform: 'linux', passphrase: await passphraseBox(), log: silentLogger });
    expect(box.state()).toEqual({ status: 'ready', backend: 'gnome_libsecret' });
    expect(await codeOf(box.unlock('a passphrase nobody needs'))).toBe('conflict');
    expect(await codeOf(canChangePassphrase(box) ? box.changePassphrase('a', 'a passphrase nobody needs') : Promise.resolve())).toBe('conflict');
    const sealed = Buffer.from(await box.encrypt(plain));
    expect(String.fromCharCode(sealed[0] ?? 0)).toBe('K');
    expect(await box.decrypt(sealed)).toEqual(plain);
  });

  it('uses the macOS keychain without asking for a Linux backend, and falls back when no keychain exists', async () => {
    const mac = scriptedSafeStorage({ available: true, backend: 'unused' });
    expect(createKeychainSecretBox({ safeStorage: mac, platform: 'darwin', passphrase: await passphraseBox(), log: silentLogger }).state()).toEqual({ status: 'ready', backend: 'macos_keychain' });
    expect(mac.backendAsked).toBe(0);

    const none = createKeychainSecretBox({ safeStorage: scriptedSafeStorage({ available: false, backend: 'unknown' }), platform: 'win32', passphrase: await passphraseBox(), log: silentLogger });
    expect(none.state()).toMatchObject({ status: 'uninitialised', backend: 'passphrase' });
  });

  it('still opens keys saved with the passphrase (or headless) once the keychain works, after the passphrase is given', async () => {
    const fallback = createKeychainSecretBox({ safeStorage: scriptedSafeStorage({ available: true, backend: 'basic_text' }), platform: 'linux', passphrase: await passphraseBox(), log: silentLogger });
    await fallback.unlock(PASSPHRASE);
    const sealedByFallback = await fallback.encrypt(plain);
    const headless = await passphraseBox();
    await headless.unlock(PASSPHRASE);
    const sealedHeadless = await headless.encrypt(plain);
    expect(await fallback.decrypt(sealedHeadless)).toEqual(plain);

    const keychainStorage = scriptedSafeStorage({ available: true, backend: 'kwallet6' });
    const keychain = createKeychainSecretBox({ safeStorage: keychainStorage, platform: 'linux', passphrase: await passphraseBox(), log: silentLogger });
    expect(await codeOf(keychain.decrypt(sealedByFallback))).toBe('locked');
    await keychain.unlock(PASSPHRASE);
    expect(await keychain.decrypt(sealedByFallback)).toEqual(plain);
    expect(await keychain.decrypt(sealedHeadless)).toEqual(plain);

    const sealedByKeychain = await keychain.encrypt(plain);
    const keychainGone = createKeychainSecretBox({ safeStorage: scriptedSafeStorage({ available: false, backend: 'basic_text' }), platform: 'linux', passphrase: await passphraseBox(), log: silentLogger });
    await keychainGone.unlock(PASSPHRASE);
    expect(await codeOf(keychainGone.decrypt(sealedByKeychain))).toBe('unavailable');
  });

  it('lets the vault sign right after a restart when the keychain holds the keys (no passphrase asked)', async () => {
    const safeStorage = scriptedSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const open = async () => AccountVault.open({ dataDir, secrets: createKeychainSecretBox({ safeStorage, platform: 'linux', passphrase: await passphraseBox(), log: silentLogger }), log: silentLogger });
    const first = await open();
    await first.importMnemonic({ name: 'Alice', mnemonic: 'bottom drive obey lake curtain smoke basket hold race lonely fit walk', derivationPath: '//Alice' });

    const file = JSON.parse(await readFile(join(dataDir, 'keys', 'accounts.json'), 'utf8')) as { accounts: Array<{ sealedBy: string }> };
    expect(file.accounts.map((account) => account.sealedBy)).toEqual(['gnome_libsecret']);

    const restarted = await open();
    expect(restarted.state()).toEqual({ status: 'ready', backend: 'gnome_libsecret', accounts: 1, hasPassphrase: false });
    const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    const { api, payload, remark } = await offlineSigning('kusama', { specVersion: 1_009_002, transactionVersion: 26 });
    try {
      const signer = await restarted.signerFor(alice, { description: 'Transfer 1 ROC' }, api.registry);
      const signerPayload = payload(remark('after a restart'), alice, 0);
      const { signature } = await signPayloadOf(signer)(signerPayload);
      const signed = api.registry.createType('ExtrinsicPayload', signerPayload, { version: signerPayload.version }).toU8a({ method: true });
      expect(signatureVerify(signed, signature, alice).isValid).toBe(true);
    } finally {
      await api.disconnect();
    }
  });
});
