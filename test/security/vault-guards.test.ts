import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountVault } from '../../main/keys/account-vault';
import { silentLogger } from '../../main/logging/logger';
import { AttemptBackoff } from '../../main/platform/attempt-backoff';
import { PassphraseBox } from '../../main/platform/passphrase-box';
import { serviceErrorOf } from '../support/service-errors';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_SEED = '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a';
const PASSPHRASE = 'only the operator knows this';
/** Cheaper than the product's cost so the story runs quickly; the floor test below uses the product's default. */
const TEST_COST = { N: 2 ** 14, r: 8, p: 1 };

let dataDir: string;
beforeAll(() => cryptoWaitReady());
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-vault-guards-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A clock the test moves by hand: the waits are checked without sleeping. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('the key vault against someone at an unlocked console', () => {
  it('asks for the vault passphrase again before exporting a backup, and refuses a wrong one', async () => {
    const secrets = await PassphraseBox.open(dataDir, { cost: TEST_COST });
    const vault = await AccountVault.open({ dataDir, secrets, log: silentLogger });
    await vault.unlock(PASSPHRASE);
    await vault.importSeed({ name: 'Alice', seed: ALICE_SEED });
    expect(vault.state()).toMatchObject({ status: 'ready', hasPassphrase: true });

    const missing = await serviceErrorOf(vault.exportBackup(ALICE, 'attacker chosen password', undefined));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toContain('vault passphrase');
    expect((await serviceErrorOf(vault.exportBackup(ALICE, 'attacker chosen password', 'a wrong guess here'))).code).toBe('wrong_passphrase');

    const { json } = await vault.exportBackup(ALICE, 'operator chosen password', PASSPHRASE);
    expect(JSON.parse(json)).toMatchObject({ address: ALICE });
  });
});

describe('wrong passphrases', () => {
  it('are free a few times, then each one makes the next attempt wait longer, the right one included', async () => {
    const clock = manualClock();
    const box = await PassphraseBox.open(dataDir, { cost: TEST_COST, backoff: new AttemptBackoff({ now: clock.now }) });
    await box.unlock(PASSPHRASE);
    box.lock();

    for (let i = 0; i < 3; i += 1) expect((await serviceErrorOf(box.unlock(`wrong guess ${i}`))).code).toBe('wrong_passphrase');
    expect((await serviceErrorOf(box.unlock('wrong guess 3'))).code).toBe('wrong_passphrase');

    const waiting = await serviceErrorOf(box.unlock(PASSPHRASE));
    expect(waiting.code).toBe('too_many_attempts');
    expect(waiting.message).toMatch(/next attempt in \d+ s/);
    expect(box.state().status).toBe('locked');

    clock.advance(1_000);
    expect((await serviceErrorOf(box.unlock('wrong guess 4'))).code).toBe('wrong_passphrase');
    clock.advance(1_000);
    // The wait doubled: one second is no longer enough.
    expect((await serviceErrorOf(box.unlock(PASSPHRASE))).code).toBe('too_many_attempts');
    clock.advance(1_000);
    await box.unlock(PASSPHRASE);
    expect(box.state().status).toBe('ready');
  });

  it('count for the passphrase check of a backup export too, so it cannot be used to guess faster', async () => {
    const clock = manualClock();
    const box = await PassphraseBox.open(dataDir, { cost: TEST_COST, backoff: new AttemptBackoff({ now: clock.now, freeAttempts: 1 }) });
    await box.unlock(PASSPHRASE);
    expect((await serviceErrorOf(box.confirmPassphrase('wrong guess 1'))).code).toBe('wrong_passphrase');
    expect((await serviceErrorOf(box.confirmPassphrase('wrong guess 2'))).code).toBe('wrong_passphrase');
    expect((await serviceErrorOf(box.confirmPassphrase(PASSPHRASE))).code).toBe('too_many_attempts');
  });
});

describe('a passphrase file changed on disk', () => {
  it('is refused when its scrypt cost was lowered, naming the cost and what to do', async () => {
    const weak = await PassphraseBox.open(dataDir, { cost: { N: 4, r: 1, p: 1 } });
    await weak.unlock(PASSPHRASE);
    const file = join(dataDir, 'keys', 'passphrase-box.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ cost: { N: 4 } });

    const refused = await serviceErrorOf(PassphraseBox.open(dataDir));
    expect(refused.code).toBe('bad_file');
    expect(refused.message).toContain('N=4');
    expect(refused.hint).toContain('backup');
  });

  it('is refused when its cost would make deriving the key exhaust memory', async () => {
    const box = await PassphraseBox.open(dataDir, { cost: TEST_COST });
    await box.unlock(PASSPHRASE);
    const file = join(dataDir, 'keys', 'passphrase-box.json');
    const content = JSON.parse(await readFile(file, 'utf8')) as { cost: { N: number } };
    await writeFile(file, JSON.stringify({ ...content, cost: { N: 2 ** 30, r: 8, p: 1 } }));
    expect((await serviceErrorOf(PassphraseBox.open(dataDir))).code).toBe('bad_file');
  });
});

describe('a burst of passphrase checks', () => {
  it('runs them one at a time, so the wait after wrong ones applies within the burst too', async () => {
    const clock = manualClock();
    const box = await PassphraseBox.open(dataDir, { cost: TEST_COST, backoff: new AttemptBackoff({ now: clock.now, freeAttempts: 1 }) });
    await box.unlock(PASSPHRASE);
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => serviceErrorOf(box.confirmPassphrase(`wrong guess ${i}`))));
    const codes = burst.map((error) => error.code);
    // Two are judged (the free one, and the one that starts the wait); the rest meet the wait.
    expect(codes.filter((code) => code === 'wrong_passphrase')).toHaveLength(2);
    expect(codes.filter((code) => code === 'too_many_attempts')).toHaveLength(6);
  });
});
