import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { TypeRegistry } from '@polkadot/types';
import { cryptoWaitReady, encodeAddress, signatureVerify } from '@polkadot/util-crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountVault } from '../../../main/keys/account-vault';
import type { SigningNotice } from '../../../main/keys/signing';
import { silentLogger } from '../../../main/logging/logger';
import { NoticeBoard } from '../../../main/notices/notice-board';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { serviceErrorOf } from '../../support/service-errors';
import { offlineSigning, pairsIn, signPayloadOf } from './support/offline-payload';

const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_SEED = '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a';
const PASSPHRASE = 'collators never sleep';
/** The box's own tests use the strong default; here a cheaper scrypt keeps the story quick. */
const TEST_COST = { N: 2 ** 14, r: 8, p: 1 };

const failure = serviceErrorOf;

async function everyFileUnder(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return texts.join('\n');
}

describe('the account vault', () => {
  let dataDir: string;
  let notices: NoticeBoard;

  async function openVault(options: { unlocked?: boolean } = {}): Promise<AccountVault> {
    const secrets = await PassphraseBox.open(dataDir, { cost: TEST_COST });
    const vault = await AccountVault.open({ dataDir, secrets, log: silentLogger, notices });
    if (options.unlocked !== false) await vault.unlock(PASSPHRASE);
    return vault;
  }

  beforeAll(async () => {
    await cryptoWaitReady();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'account-vault-'));
    notices = new NoticeBoard();
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates an account only after the operator re-types the asked words, and shows the words once', async () => {
    const vault = await openVault();
    const created = await vault.create('Collator fees');
    const words = created.mnemonic.split(' ');
    expect(words).toHaveLength(12);
    expect(created.confirmPositions).toHaveLength(3);
    expect(vault.list()).toEqual([]);

    const wrong = await failure(vault.confirmCreate(created.pendingId, ['wrong', 'words', 'here']));
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.message).toMatch(/^Words? [\d, ]+ (does|do) not match/);
    expect(vault.list()).toEqual([]);

    const asked = created.confirmPositions.map((position) => ` ${words[position - 1]?.toUpperCase()} `);
    const account = await vault.confirmCreate(created.pendingId, asked);
    expect(account).toMatchObject({ name: 'Collator fees', address: created.address, type: 'sr25519', source: 'generated' });
    expect(vault.list()).toEqual([account]);

    expect((await failure(vault.confirmCreate(created.pendingId, asked))).code).toBe('not_found');
    const onDisk = await everyFileUnder(dataDir);
    expect(onDisk).toContain(created.address);
    expect(onDisk).not.toContain(created.mnemonic);
    for (let i = 1; i < words.length; i += 1) expect(onDisk).not.toContain(`${words[i - 1]} ${words[i]}`);
  });

  it('forgets a pending new account when the vault locks', async () => {
    const vault = await openVault();
    const created = await vault.create('Forgotten');
    vault.lock();
    await vault.unlock(PASSPHRASE);
    const words = created.mnemonic.split(' ');
    const error = await failure(vault.confirmCreate(created.pendingId, created.confirmPositions.map((p) => words[p - 1] ?? '')));
    expect(error.code).toBe('not_found');
  });

  it('imports the dev mnemonic with //Alice, a raw seed and a JSON backup to the well-known Alice address', async () => {
    const vault = await openVault();
    const fromMnemonic = await vault.importMnemonic({ name: 'Alice', mnemonic: `  ${DEV_MNEMONIC.toUpperCase()} `, derivationPath: '//Alice' });
    expect(fromMnemonic).toMatchObject({ address: ALICE, type: 'sr25519', source: 'mnemonic' });

    const duplicate = await failure(vault.importSeed({ name: 'Alice again', seed: ALICE_SEED }));
    expect(duplicate.code).toBe('already_exists');
    expect(duplicate.message).toContain('"Alice"');

    await vault.remove(ALICE);
    expect(await vault.importSeed({ name: 'Alice seed', seed: ALICE_SEED })).toMatchObject({ address: ALICE, source: 'seed' });

    const { json } = await vault.exportBackup(ALICE, 'backup password 1', PASSPHRASE);
    await vault.remove(ALICE);
    expect(await vault.importJson({ json, password: 'backup password 1' })).toMatchObject({ address: ALICE, name: 'Alice seed', source: 'json' });
  });

  it('imports an ed25519 key and a backup made by polkadot-js itself', async () => {
    const vault = await openVault();
    const ed = await vault.importMnemonic({ name: 'ed', mnemonic: DEV_MNEMONIC, derivationPath: '//Bob', keyType: 'ed25519' });
    expect(ed.type).toBe('ed25519');
    expect(ed.address).toBe(new Keyring({ type: 'ed25519' }).createFromUri(`${DEV_MNEMONIC}//Bob`).address);

    const charlie = new Keyring({ type: 'sr25519' }).createFromUri(`${DEV_MNEMONIC}//Charlie`, { name: 'Charlie from polkadot-js' });
    const backup = JSON.stringify(charlie.toJson('charlie password'));
    expect(await vault.importJson({ json: backup, password: 'charlie password' })).toMatchObject({ address: charlie.address, name: 'Charlie from polkadot-js' });
  });

  it('says which mnemonic word is wrong without repeating any word', async () => {
    const vault = await openVault();
    const misspelt = DEV_MNEMONIC.replace('lake', 'laek').replace('hold', 'holdd');
    const unknownWord = await failure(vault.importMnemonic({ name: 'x', mnemonic: misspelt }));
    expect(unknownWord.code).toBe('invalid_input');
    expect(unknownWord.message).toBe('Words 4 and 8 are not in the BIP-39 English word list.');
    expect(`${unknownWord.message} ${unknownWord.hint}`).not.toMatch(/laek|holdd|bottom/);

    const tooShort = await failure(vault.importMnemonic({ name: 'x', mnemonic: 'bottom drive obey lake' }));
    expect(tooShort.message).toBe('A mnemonic has 12, 15, 18, 21 or 24 words; this one has 4.');

    const swapped = await failure(vault.importMnemonic({ name: 'x', mnemonic: DEV_MNEMONIC.replace('bottom drive', 'drive bottom') }));
    expect(swapped.message).toMatch(/checksum does not match/);

    const badPath = await failure(vault.importMnemonic({ name: 'x', mnemonic: DEV_MNEMONIC, derivationPath: 'Alice' }));
    expect(badPath.code).toBe('invalid_input');
    expect(vault.list()).toEqual([]);
  });

  it('refuses malformed seeds and JSON backups with a clear reason', async () => {
    const vault = await openVault();
    expect((await failure(vault.importSeed({ name: 'x', seed: '0x1234' }))).message).toMatch(/64 hex characters\); this one has 4/);
    expect((await failure(vault.importSeed({ name: 'x', seed: `0x${'zz'.repeat(32)}` }))).message).toMatch(/not hexadecimal/);

    const notJson = await failure(vault.importJson({ json: '{"address": "5Grw', password: 'whatever1' }));
    expect([notJson.code, notJson.message]).toEqual(['bad_file', 'The backup is not valid JSON.']);

    const notABackup = await failure(vault.importJson({ json: '{"hello": "world"}', password: 'whatever1' }));
    expect(notABackup.code).toBe('bad_file');
    expect(notABackup.message).toMatch(/not a polkadot-js account backup/);

    const backup = JSON.stringify(new Keyring({ type: 'sr25519' }).createFromUri(`${DEV_MNEMONIC}//Dave`).toJson('the right one'));
    const wrongPassword = await failure(vault.importJson({ json: backup, password: 'the wrong one' }));
    expect(wrongPassword.code).toBe('wrong_passphrase');

    const damaged = JSON.parse(backup) as { encoded: string };
    damaged.encoded = damaged.encoded.slice(0, 40);
    expect(['bad_file', 'wrong_passphrase']).toContain((await failure(vault.importJson({ json: JSON.stringify(damaged), password: 'the right one' }))).code);
    expect(vault.list()).toEqual([]);
  });

  it('keeps no plaintext key on disk, and exports a backup encrypted with the chosen password', async () => {
    const vault = await openVault();
    await vault.importSeed({ name: 'Alice', seed: ALICE_SEED });
    const alice = new Keyring({ type: 'sr25519' }).createFromUri(ALICE_SEED);
    const unencryptedPkcs8 = alice.toJson().encoded;

    const onDisk = await everyFileUnder(dataDir);
    expect(onDisk).toContain(ALICE);
    expect(onDisk.toLowerCase()).not.toContain(ALICE_SEED.slice(2));
    expect(onDisk).not.toContain(unencryptedPkcs8);
    expect(onDisk).not.toContain(PASSPHRASE);

    expect((await failure(vault.exportBackup(ALICE, 'short', PASSPHRASE))).code).toBe('invalid_input');
    const { json, fileName } = await vault.exportBackup(ALICE, 'a long backup password', PASSPHRASE);
    expect(fileName).toBe(`${ALICE}.json`);
    const exported = JSON.parse(json) as { encoding: { type: string[] }; encoded: string; meta: { name: string } };
    expect(exported.encoding.type).toEqual(['scrypt', 'xsalsa20-poly1305']);
    expect(exported.meta.name).toBe('Alice');
    expect(json).not.toContain(unencryptedPkcs8);
    const reopened = new Keyring({ type: 'sr25519' }).createFromJson(JSON.parse(json));
    reopened.decodePkcs8('a long backup password');
    expect(reopened.address).toBe(ALICE);
  });

  it('lists addresses while locked but refuses to import, export or sign until unlocked', async () => {
    const first = await openVault();
    await first.importMnemonic({ name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });

    const vault = await openVault({ unlocked: false });
    expect(vault.state()).toMatchObject({ status: 'locked', accounts: 1 });
    expect(vault.list().map((account) => account.address)).toEqual([ALICE]);
    expect((await failure(vault.importSeed({ name: 'x', seed: ALICE_SEED }))).code).toBe('locked');
    expect((await failure(vault.exportBackup(ALICE, 'long enough password', PASSPHRASE))).code).toBe('locked');
    expect((await failure(vault.signerFor(ALICE, { description: 'Transfer 1 PAS' }, new TypeRegistry()))).code).toBe('locked');
    expect((await failure(vault.create('new'))).code).toBe('locked');

    const wrong = await failure(vault.unlock('not the passphrase'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(vault.state().status).toBe('locked');

    expect(await vault.unlock(PASSPHRASE)).toMatchObject({ status: 'ready', accounts: 1 });
  });

  it('gives the chain layer a Signer whose signature verifies, announced as it signs, for the address in any network format', async () => {
    const vault = await openVault();
    await vault.importMnemonic({ name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });
    const seen: SigningNotice[] = [];
    const stop = vault.onSigning((notice) => seen.push(notice));
    const { api, payload, remark } = await offlineSigning('kusama', { specVersion: 1_009_002, transactionVersion: 26 });
    try {
      const polkadotFormat = encodeAddress(ALICE, 0);
      const signer = await vault.signerFor(polkadotFormat, { description: 'Reserve a para id on Paseo', network: 'paseo' }, api.registry);
      const signerPayload = payload(remark('registrar.reserve()'), polkadotFormat, 0);
      const result = await signPayloadOf(signer)(signerPayload);
      const signed = api.registry.createType('ExtrinsicPayload', signerPayload, { version: signerPayload.version }).toU8a({ method: true });
      expect(signatureVerify(signed, result.signature, ALICE).isValid).toBe(true);
      expect(seen).toEqual([expect.objectContaining({ address: ALICE, accountName: 'Alice', description: 'Reserve a para id on Paseo', network: 'paseo' })]);

      expect((await failure(vault.signerFor(ALICE, { description: '  ' }, api.registry))).code).toBe('invalid_input');
      expect((await failure(vault.signerFor(encodeAddress(new Uint8Array(32).fill(7)), { description: 'x' }, api.registry))).code).toBe('not_found');
    } finally {
      stop();
      await api.disconnect();
    }
  });

  it('answers nothing that holds a key: no pair, no seed, no mnemonic, no unencrypted key, from any of its calls', async () => {
    const vault = await openVault();
    const alice = new Keyring({ type: 'sr25519' }).createFromUri(ALICE_SEED);
    const secrets = [ALICE_SEED.slice(2), alice.toJson().encoded, DEV_MNEMONIC];
    const { api, payload, remark } = await offlineSigning('kusama', { specVersion: 1_009_002, transactionVersion: 26 });
    try {
      const answers: unknown[] = [vault.state(), await vault.unlock(PASSPHRASE)];
      answers.push(await vault.importSeed({ name: 'Alice', seed: ALICE_SEED }));
      answers.push(await vault.importMnemonic({ name: 'Bob', mnemonic: DEV_MNEMONIC, derivationPath: '//Bob' }));
      const bob = vault.list().find((account) => account.name === 'Bob')?.address ?? '';
      answers.push(vault.list(), await vault.rename(ALICE, 'Fee payer'), await vault.remove(bob));
      const created = await vault.create('Fresh');
      // The only words the vault ever answers: a new account's, shown once to be written down.
      answers.push({ ...created, mnemonic: undefined }, vault.cancelCreate(created.pendingId));
      answers.push(await vault.exportBackup(ALICE, 'a long backup password', PASSPHRASE));
      const signer = await vault.signerFor(ALICE, { description: 'Transfer 1 KSM' }, api.registry);
      answers.push(signer, await signPayloadOf(signer)(payload(remark('hello'), ALICE, 0)));
      answers.push(vault.lock());

      expect(Object.keys(signer)).toEqual(['signPayload']);
      for (const answer of answers) {
        expect(pairsIn(answer)).toEqual([]);
        const text = JSON.stringify(answer) ?? '';
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
      // What the class offers, checked at run time (TypeScript's `private` is not): no method hands out a pair.
      const methods = Object.getOwnPropertyNames(AccountVault.prototype).filter((name) => name !== 'constructor');
      expect(methods.filter((name) => /pair/i.test(name))).toEqual([]);
    } finally {
      await api.disconnect();
    }
  });

  it('renames and removes accounts, and keeps the change across a restart', async () => {
    const vault = await openVault();
    await vault.importMnemonic({ name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });
    await vault.importMnemonic({ name: 'Bob', mnemonic: DEV_MNEMONIC, derivationPath: '//Bob' });
    expect(await vault.rename(ALICE, 'Fee payer')).toMatchObject({ address: ALICE, name: 'Fee payer' });
    const bob = vault.list().find((account) => account.name === 'Bob');
    await vault.remove(bob?.address ?? '');

    const restarted = await openVault({ unlocked: false });
    expect(restarted.list().map(({ name, address }) => ({ name, address }))).toEqual([{ name: 'Fee payer', address: ALICE }]);
    expect((await failure(restarted.rename('not an address', 'x'))).code).toBe('not_found');
  });

  it('moves a damaged account file aside and tells the operator, instead of losing it', async () => {
    const first = await openVault();
    await first.importSeed({ name: 'Alice', seed: ALICE_SEED });
    await writeFile(join(dataDir, 'keys', 'accounts.json'), '{"version": 1, "accounts": [');

    const vault = await openVault({ unlocked: false });
    expect(vault.list()).toEqual([]);
    expect(notices.list()).toEqual([expect.objectContaining({ level: 'error', title: 'Account file damaged' })]);
    const files = await readdir(join(dataDir, 'keys'));
    expect(files.some((name) => name.startsWith('accounts.json.damaged-'))).toBe(true);
  });
});
