import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract/envelope';
import { plainSpec } from '../fixtures/fake-collator/plain-spec';
import { fakeCollatorPath } from '../integration/collators/support';
import { environmentOf, startConsoleProcess, type ConsoleProcess } from './support/console-process';

/**
 * One operator's session with the real headless console, as an operator
 * runs it: the passphrase in the environment, accounts imported, a webhook
 * with credentials, a backup exported, a collator started. Then the data
 * folder, the logs and the collator's environment are searched for every
 * secret used, and every file the console wrote is checked to be private.
 */
const PASSPHRASE = 'vault passphrase from the environment 7Q';
const SEED = '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a';
const MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const BACKUP_PASSWORD = 'backup password only the operator has';
const WEBHOOK_USER = 'pager-user';
const WEBHOOK_PASSWORD = 'webhook-basic-auth-pw-91';
const WEBHOOK_TOKEN = 'T0KEN-IN-THE-WEBHOOK-PATH';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const isLinux = process.platform === 'linux';
let workDir: string;
let dataDir: string;
let consoleProcess: ConsoleProcess;

async function data<T>(name: string, input: unknown): Promise<T> {
  const answer: Envelope<T> = await consoleProcess.call<T>(name, input);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error.message} ${answer.error.hint ?? ''}`);
  return answer.data;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'pc-security-'));
  dataDir = join(workDir, 'data');
  writeFileSync(join(workDir, 'spec.json'), JSON.stringify(plainSpec));
  consoleProcess = await startConsoleProcess({
    dataDir,
    env: { ...process.env, PARACHAIN_CONSOLE_PASSPHRASE: PASSPHRASE, NODE_OPTIONS: '--no-deprecation' },
  });
}, 120_000);

afterAll(async () => {
  // The console leaves collators running when it stops headless: stop ours first (also when a test failed midway).
  const list = await consoleProcess.call<Array<{ profile: { id: string } }>>('collators.list', {});
  if (list.ok) for (const { profile } of list.data) await consoleProcess.call('collators.stop', { id: profile.id });
  await consoleProcess.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe('an operator session on the headless console', () => {
  it('unlocks the vault from the environment, and asks for the passphrase again before a backup leaves', async () => {
    expect(await data('keys.vaultState', {})).toMatchObject({ status: 'ready', hasPassphrase: true });
    await data('keys.importSeed', { name: 'Alice', seed: SEED });
    await data('keys.importMnemonic', { name: 'Bob', mnemonic: MNEMONIC, derivationPath: '//Bob' });

    const withoutPassphrase = await consoleProcess.call('keys.exportBackup', { address: ALICE, password: BACKUP_PASSWORD });
    expect(withoutPassphrase).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const backup = await data<{ json: string }>('keys.exportBackup', { address: ALICE, password: BACKUP_PASSWORD, passphrase: PASSPHRASE });
    expect(backup.json).not.toContain(SEED.slice(2));
  });

  it('keeps the webhook address out of every answer, even when delivery fails', async () => {
    const url = `http://${WEBHOOK_USER}:${WEBHOOK_PASSWORD}@127.0.0.1:9/hooks/${WEBHOOK_TOKEN}`;
    const view = await data('health.updateWebhook', { patch: { url, enabled: true, maxAttempts: 1 } });
    expect(JSON.stringify(view)).not.toContain(WEBHOOK_PASSWORD);
    const tested = await consoleProcess.call('health.testWebhook', {});
    const text = JSON.stringify(tested);
    for (const secret of [WEBHOOK_PASSWORD, WEBHOOK_TOKEN, WEBHOOK_USER]) expect(text).not.toContain(secret);
  });

  it.runIf(isLinux)('starts collators without the passphrase, the console\'s own variables or NODE_OPTIONS in their environment', async () => {
    const profile = await data<{ id: string }>('collators.create', {
      profile: {
        name: 'security-collator',
        binaryPath: fakeCollatorPath,
        chainSpecPath: join(workDir, 'spec.json'),
        basePath: join(dataDir, 'base', 'security-collator'),
        relay: { mode: 'embedded', chain: 'rococo-local' },
      },
    });
    const state = await data<{ pid: number | null }>('collators.start', { id: profile.id });
    expect(state.pid).not.toBeNull();
    const env = environmentOf(state.pid ?? 0);
    expect(env).not.toBeNull();
    expect(Object.keys(env ?? {}).filter((key) => key.startsWith('PARACHAIN_CONSOLE_'))).toEqual([]);
    expect(Object.values(env ?? {}).some((value) => value.includes(PASSPHRASE))).toBe(false);
    expect(env?.NODE_OPTIONS).toBeUndefined();
    // While it runs, its pid file (which decides what the console may signal) is the operator's alone.
    const pidFiles = filesUnder(dataDir).filter((file) => file.endsWith('.pid.json'));
    expect(pidFiles).toHaveLength(1);
    for (const file of pidFiles) expect((lstatSync(file).mode & 0o777).toString(8)).toBe('600');
    await data('collators.stop', { id: profile.id });
  });

  it('writes no secret in the data folder or the logs', () => {
    const secrets = [PASSPHRASE, SEED.slice(2), MNEMONIC, BACKUP_PASSWORD, WEBHOOK_PASSWORD, WEBHOOK_TOKEN, consoleProcess.token];
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file, 'latin1');
      // The access token's own file keeps it on purpose (0600, checked below), so a restarted console accepts an open page.
      const expected = file === join(dataDir, 'access-token') ? secrets.filter((secret) => secret !== consoleProcess.token) : secrets;
      for (const secret of expected) expect(text.includes(secret), `${secret.slice(0, 6)}… found in ${file}`).toBe(false);
    }
    // The console's own output carries the access address by design (the operator opens it), and nothing else secret.
    for (const secret of secrets.filter((secret) => secret !== consoleProcess.token)) expect(consoleProcess.output()).not.toContain(secret);
  });

  it.runIf(isLinux)('leaves every file it wrote readable by the operator alone (0600 files, 0700 folders)', () => {
    const loose: string[] = [];
    for (const path of [dataDir, ...filesUnder(dataDir, { folders: true })]) {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if ((stat.mode & 0o077) !== 0) loose.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    }
    expect(loose).toEqual([]);
    const names = filesUnder(dataDir).map((file) => file.slice(dataDir.length));
    // What this test means to cover is really there: keys, profiles, pid files, logs.
    expect(names.some((name) => name.includes('accounts.json'))).toBe(true);
    expect(names.some((name) => name.includes('profiles'))).toBe(true);
    expect(names.some((name) => name.includes(`${join('logs')}`))).toBe(true);
  });
});

function filesUnder(dir: string, options: { folders?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (options.folders) found.push(path);
      found.push(...filesUnder(path, options));
    } else if (entry.isFile()) {
      found.push(path);
    }
  }
  return found;
}
