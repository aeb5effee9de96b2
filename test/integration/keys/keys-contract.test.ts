import Conf from 'conf';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindApi } from '../../../main/api/bind';
import type { ApiRouter } from '../../../main/api/router';
import type { Logger } from '../../../main/logging/logger';
import { createHeadlessPlatform } from '../../../main/platform/headless-platform';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { createServices } from '../../../main/services';
import type { Services } from '../../../main/api/services';
import type { Envelope } from '../../../shared/contract/envelope';
import { offlineSigning, signPayloadOf } from '../../unit/keys/support/offline-payload';

const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const BOB_SEED = '0x398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89';
const PASSPHRASE = 'four words for the vault';
const BACKUP_PASSWORD = 'backup password for charlie';
const SUBSTRATE_JSON_PASSWORD = 'json password of dave';

/** Field names that would mean a secret left the main process. */
const SECRET_FIELD = /^(mnemonic|seed|secret|secretKey|privateKey|suri|password|passphrase|sealed|encoded|pkcs8)$/i;

function secretFieldsIn(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => secretFieldsIn(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(SECRET_FIELD.test(key) ? [`${path}.${key}`] : []), ...secretFieldsIn(inner, `${path}.${key}`)]);
}

describe('keys.* through the real router: secrets go in, only addresses come out', () => {
  let dataDir: string;
  let services: Services;
  let router: ApiRouter;
  const logLines: string[] = [];
  const outputs: Array<{ name: string; envelope: Envelope<unknown> }> = [];
  const record = (...args: unknown[]) => void logLines.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
  const log: Logger = { debug: record, info: record, warn: record, error: record };

  async function call(name: string, input: unknown): Promise<Envelope<unknown>> {
    const envelope = await router.call(name, input);
    outputs.push({ name, envelope });
    return envelope;
  }
  async function data<T>(name: string, input: unknown): Promise<T> {
    const envelope = await call(name, input);
    if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.data as T;
  }

  beforeAll(async () => {
    await cryptoWaitReady();
    dataDir = await mkdtemp(join(tmpdir(), 'keys-contract-'));
    const platform = createHeadlessPlatform({ dataDir, secrets: await PassphraseBox.open(dataDir), log });
    services = await createServices({
      platform,
      log,
      version: '0.0.0-test',
      settingsPath: join(dataDir, 'settings.json'),
      openSettings: () => new Conf({ cwd: dataDir, configName: 'settings', projectName: 'parachain-console-keys-test', clearInvalidConfig: false }),
    });
    router = bindApi(services);
  });
  afterAll(async () => {
    await services?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('walks the operator through a first passphrase, a new account and three imports', async () => {
    expect(await data('keys.vaultState', {})).toMatchObject({ status: 'uninitialised', backend: 'passphrase', accounts: 0 });
    const locked = await call('keys.list', {});
    expect(locked).toEqual({ ok: true, data: [] });
    expect(await call('keys.importSeed', { name: 'Bob', seed: BOB_SEED })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await data('keys.unlock', { passphrase: PASSPHRASE })).toMatchObject({ status: 'ready', accounts: 0 });

    const created = await data<{ pendingId: string; mnemonic: string; confirmPositions: number[] }>('keys.create', { name: 'Fees' });
    const words = created.mnemonic.split(' ');
    await data('keys.confirmCreate', { pendingId: created.pendingId, words: created.confirmPositions.map((position) => words[position - 1]) });

    await data('keys.importMnemonic', { name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });
    await data('keys.importSeed', { name: 'Bob', seed: BOB_SEED });
    const dave = new Keyring({ type: 'sr25519' }).createFromUri(`${DEV_MNEMONIC}//Dave`, { name: 'Dave' });
    await data('keys.importJson', { json: JSON.stringify(dave.toJson(SUBSTRATE_JSON_PASSWORD)), password: SUBSTRATE_JSON_PASSWORD });
    await data('keys.rename', { address: ALICE, name: 'Alice (fees)' });
    const backup = await data<{ json: string }>('keys.exportBackup', { address: ALICE, password: BACKUP_PASSWORD, passphrase: PASSPHRASE });
    expect((JSON.parse(backup.json) as { encoding: { type: string[] } }).encoding.type).toEqual(['scrypt', 'xsalsa20-poly1305']);

    const accounts = await data<Array<{ name: string; address: string }>>('keys.list', {});
    expect(accounts.map((account) => account.name)).toEqual(['Fees', 'Alice (fees)', 'Bob', 'Dave']);
    expect(accounts.map((account) => account.address).slice(1)).toEqual([ALICE, BOB, dave.address]);
    expect(await data('keys.vaultState', {})).toMatchObject({ status: 'ready', accounts: 4 });

    // The words of a new account come back once, from keys.create; nothing else carries a secret field.
    const secretFields = outputs.filter(({ name }) => name !== 'keys.create').flatMap(({ name, envelope }) => secretFieldsIn(envelope).map((field) => `${name}${field}`));
    expect(secretFields).toEqual([]);
    const everyOtherOutput = JSON.stringify(outputs.filter(({ name }) => name !== 'keys.create'));
    for (const secret of [created.mnemonic, DEV_MNEMONIC, BOB_SEED.slice(2), PASSPHRASE, BACKUP_PASSWORD, SUBSTRATE_JSON_PASSWORD, dave.toJson().encoded]) {
      expect(everyOtherOutput).not.toContain(secret);
    }
  });

  it('answers bad secrets with clear errors that never repeat them, and logs none of them', async () => {
    const misspelt = DEV_MNEMONIC.replace('curtain', 'curtian');
    const unknownWord = await call('keys.importMnemonic', { name: 'x', mnemonic: misspelt });
    expect(unknownWord).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Word 5 is not in the BIP-39 English word list.' } });

    const strayField = await call('keys.importMnemonic', { name: 'x', mnemonic: misspelt, passphrase: PASSPHRASE });
    expect(strayField).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const wrongJsonPassword = await call('keys.importJson', {
      json: JSON.stringify(new Keyring({ type: 'sr25519' }).createFromUri(`${DEV_MNEMONIC}//Eve`).toJson('right password')),
      password: 'wrong password',
    });
    expect(wrongJsonPassword).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await call('keys.importJson', { json: `{"encoded": "${misspelt}"`, password: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_file' } });
    expect(await call('keys.importSeed', { name: 'x', seed: '0xnot-a-seed-at-all' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('keys.exportBackup', { address: ALICE, password: 'short', passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const NEW_PASSPHRASE = 'five words for the vault now';
    expect(await call('keys.changePassphrase', { current: 'not the passphrase', next: NEW_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await data('keys.changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE })).toMatchObject({ status: 'ready', accounts: 4 });
    await data('keys.lock', {});
    expect(await call('keys.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await data('keys.unlock', { passphrase: NEW_PASSPHRASE })).toMatchObject({ status: 'ready', accounts: 4 });
    expect(await data('keys.changePassphrase', { current: NEW_PASSPHRASE, next: PASSPHRASE })).toMatchObject({ status: 'ready' });

    await data('keys.lock', {});
    expect(await call('keys.unlock', { passphrase: 'not the passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_passphrase', hint: expect.stringMatching(/Nothing was changed/) },
    });
    expect(await data('keys.unlock', { passphrase: PASSPHRASE })).toMatchObject({ status: 'ready' });

    const insert = await call('keys.insertSessionKey', { endpoint: 'ws://10.1.2.3:9944', keyType: 'aura', suri: `${DEV_MNEMONIC}//Alice`, publicKey: '0x00' });
    expect(insert).toMatchObject({ ok: false, error: { code: 'not_supported' } });

    const everything = JSON.stringify(outputs) + logLines.join('\n');
    for (const secret of ['curtian', 'bottom drive obey', PASSPHRASE, NEW_PASSPHRASE, 'not the passphrase', 'wrong password', 'right password', 'not-a-seed']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('reports a disk failure during an import as an internal error, with the mnemonic in neither the log nor the answer', async () => {
    // The account file's path taken by a non-empty folder: the save fails with a real filesystem error.
    const accountsPath = join(dataDir, 'keys', 'accounts.json');
    await rename(accountsPath, `${accountsPath}.aside`);
    await mkdir(join(accountsPath, 'blocker'), { recursive: true });
    const linesBefore = logLines.length;
    try {
      const result = await call('keys.importMnemonic', { name: 'Ferdie', mnemonic: DEV_MNEMONIC, derivationPath: '//Ferdie' });
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      const newLines = logLines.slice(linesBefore).join('\n');
      expect(newLines).toContain('keys.importMnemonic failed');
      expect(newLines).toContain('details withheld');
      expect(newLines + JSON.stringify(result)).not.toContain('bottom drive');
    } finally {
      await rm(accountsPath, { recursive: true, force: true });
      await rename(`${accountsPath}.aside`, accountsPath);
    }
    expect((await data<unknown[]>('keys.list', {})).length).toBe(4);
  });

  it('announces every signature with what it signs on the keys.signing stream', async () => {
    const seen: unknown[] = [];
    const subscription = router.subscribe('keys.signing', {}, (event) => seen.push(event));
    expect(subscription.ok).toBe(true);
    const { api, payload, remark } = await offlineSigning('kusama', { specVersion: 1_009_002, transactionVersion: 26 });
    try {
      const signer = await services.vault.signerFor(ALICE, { description: 'Register para 2000 on Paseo', network: 'paseo' }, api.registry);
      expect(seen).toEqual([]);
      const signed = await signPayloadOf(signer)(payload(remark('registrar.register(2000)'), ALICE, 0));
      expect(secretFieldsIn([signed])).toEqual([]);
    } finally {
      await api.disconnect();
    }
    expect(seen).toEqual([expect.objectContaining({ address: ALICE, accountName: 'Alice (fees)', description: 'Register para 2000 on Paseo', network: 'paseo' })]);
    expect(secretFieldsIn(seen)).toEqual([]);
    if (subscription.ok) subscription.unsubscribe();
  });
});
