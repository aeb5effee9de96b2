import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomicSync } from '../../../main/fs/write-file-atomic';
import { silentLogger } from '../../../main/logging/logger';
import { OnboardingProgressStore } from '../../../main/onboarding/onboarding-progress';
import { OnboardingWizard } from '../../../main/onboarding/onboarding-wizard';
import { ParachainConfigStore } from '../../../main/settings/parachain-config';
import { moveParachainConfigOutOfOnboarding } from '../../../main/settings/parachain-config-migration';

const manager = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const collatorAccount = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

/** What a console before the split kept in `onboarding.json`: the wizard's progress and the para's configuration together. */
const combined = {
  step: 'collators',
  completed: ['network', 'prepare', 'register', 'blockspace'],
  networkId: 'paseo',
  rehearsal: true,
  signer: { kind: 'vault', address: manager, name: 'Parachain manager' },
  profileId: 'c1',
  collatorProfileIds: ['c1', 'c2'],
  paraId: 4242,
  watchedParaIds: [1000, 2000],
  blockspace: 'on-demand',
  orderPolicy: { enabled: true, trigger: 'either', maxPricePlanck: '20000000000', dailyBudgetPlanck: '1000000000000' },
  collators: { c2: { signer: { kind: 'vault', address: collatorAccount } } },
  txIds: { 'reserve:paseo': 'tx-1', 'register:paseo:4242': 'tx-2' },
  updatedAt: 1_700_000_000_000,
};
const progressFields = ['step', 'completed', 'rehearsal', 'txIds', 'updatedAt'];
const configFields = Object.keys(combined).filter((key) => !progressFields.includes(key));

/** The writer dying after `allowed` writes, as the console would if it were killed there (each write is atomic). */
function crashingWriter(allowed: number): (filePath: string, text: string) => void {
  let writes = 0;
  return (filePath, text) => {
    if (writes >= allowed) throw new Error('killed');
    writes += 1;
    writeFileAtomicSync(filePath, text);
  };
}

describe('the parachain configuration moves out of the wizard\'s progress file', () => {
  let dir: string;
  let onboardingPath: string;
  let configPath: string;
  const readJson = (filePath: string): Record<string, unknown> => JSON.parse(readFileSync(filePath, 'utf8')) as Record<string, unknown>;
  const asideCopies = (): string[] => readdirSync(dir).filter((name) => /\.(unreadable|superseded|before-parachain-config)-/.test(name));
  const move = (writeFile?: (filePath: string, text: string) => void) =>
    moveParachainConfigOutOfOnboarding({ onboardingPath, configPath, log: silentLogger, ...(writeFile ? { writeFile } : {}) });
  const wizard = () => new OnboardingWizard({
    progress: new OnboardingProgressStore({ filePath: onboardingPath, log: silentLogger }),
    parachain: new ParachainConfigStore({ filePath: configPath, log: silentLogger }),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-parachain-config-'));
    onboardingPath = join(dir, 'onboarding.json');
    configPath = join(dir, 'parachain.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('splits the file in two and loses nothing: the wizard shows exactly what it showed before', () => {
    writeFileSync(onboardingPath, JSON.stringify(combined));
    expect(move()).toEqual({ kind: 'moved', fields: configFields });

    const progress = readJson(onboardingPath);
    const config = readJson(configPath);
    expect(Object.keys(progress).sort()).toEqual([...progressFields].sort());
    expect(config).toEqual({ ...Object.fromEntries(configFields.map((key) => [key, combined[key as keyof typeof combined]])), updatedAt: combined.updatedAt });
    expect(wizard().get()).toEqual(combined);
    expect(asideCopies()).toEqual([]);
    // Once is enough: a second start finds nothing left to move.
    expect(move()).toEqual({ kind: 'nothing-to-move' });
    expect(wizard().get()).toEqual(combined);
  });

  it('survives a crash between its two writes: the next start finishes the move and keeps the configuration', () => {
    writeFileSync(onboardingPath, JSON.stringify(combined));
    expect(() => move(crashingWriter(1))).toThrow('killed');
    // The configuration is in its own file and still in the wizard's: both hold it, neither is half written.
    expect(readJson(onboardingPath)).toEqual(combined);
    expect(readJson(configPath).paraId).toBe(4242);

    expect(move()).toEqual({ kind: 'finished', fields: configFields });
    expect(Object.keys(readJson(onboardingPath)).sort()).toEqual([...progressFields].sort());
    expect(wizard().get()).toEqual(combined);
    expect(asideCopies()).toEqual([]);
  });

  it('survives a crash before its first write: nothing changed, and the next start moves it all', () => {
    writeFileSync(onboardingPath, JSON.stringify(combined));
    expect(() => move(crashingWriter(0))).toThrow('killed');
    expect(readJson(onboardingPath)).toEqual(combined);
    expect(existsSync(configPath)).toBe(false);

    expect(move().kind).toBe('moved');
    expect(wizard().get()).toEqual(combined);
  });

  it('keeps an unreadable progress file aside and starts the wizard over, as before the split', () => {
    const damaged = '{"step": "register", "paraId": 4242,,,';
    writeFileSync(onboardingPath, damaged);
    expect(move()).toEqual({ kind: 'nothing-to-move' });
    expect(wizard().get()).toMatchObject({ step: 'network', completed: [] });
    const [aside] = asideCopies();
    expect(aside).toMatch(/^onboarding\.json\.unreadable-/);
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe(damaged);
  });

  it('carries every field it can when one is not valid, and keeps the whole old file aside', () => {
    writeFileSync(onboardingPath, JSON.stringify({ ...combined, paraId: 'four thousand' }));
    const moved = move();
    expect(moved).toMatchObject({ kind: 'moved', keptAside: expect.stringContaining('onboarding.json.before-parachain-config-') });
    const config = new ParachainConfigStore({ filePath: configPath, log: silentLogger }).get();
    expect(config.paraId).toBeUndefined();
    expect(config.signer?.address).toBe(manager);
    expect(config.orderPolicy).toEqual(combined.orderPolicy);
    const keptAside = moved.kind === 'nothing-to-move' ? undefined : moved.keptAside;
    expect(readJson(keptAside ?? '').paraId).toBe('four thousand');
  });

  it('replaces an unreadable configuration file with the copy in the wizard\'s file, keeping the damaged one aside', () => {
    writeFileSync(onboardingPath, JSON.stringify(combined));
    writeFileSync(configPath, 'not json');
    expect(move().kind).toBe('moved');
    expect(wizard().get()).toEqual(combined);
    const [aside] = asideCopies();
    expect(aside).toMatch(/^parachain\.json\.unreadable-/);
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('not json');
  });

  it('takes the wizard\'s copy when it is newer than the configuration file (an older console ran since), keeping the older file aside', () => {
    writeFileSync(configPath, JSON.stringify({ networkId: 'paseo', paraId: 1111, collatorProfileIds: [], watchedParaIds: [], collators: {}, updatedAt: combined.updatedAt - 1 }));
    writeFileSync(onboardingPath, JSON.stringify(combined));
    expect(move().kind).toBe('moved');
    expect(wizard().get().paraId).toBe(4242);
    const [aside] = asideCopies();
    expect(aside).toMatch(/^parachain\.json\.superseded-/);
    expect(readJson(join(dir, aside ?? '')).paraId).toBe(1111);
  });
});

describe('the wizard edits the configuration and its progress as one shape, each kept in its own file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-wizard-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each change to the file it belongs in, and a new network forgets the para id and the transactions', () => {
    let clock = 100;
    const progress = new OnboardingProgressStore({ filePath: join(dir, 'onboarding.json'), log: silentLogger, now: () => clock });
    const parachain = new ParachainConfigStore({ filePath: join(dir, 'parachain.json'), log: silentLogger, now: () => clock });
    const wizard = new OnboardingWizard({ progress, parachain });

    wizard.update({ networkId: 'paseo', paraId: 4242, step: 'prepare', tx: { intentKey: 'reserve:paseo', txId: 'tx-1' } });
    clock = 200;
    wizard.update({ blockspace: 'bulk' });
    expect(progress.get()).toEqual({ step: 'prepare', completed: [], rehearsal: false, txIds: { 'reserve:paseo': 'tx-1' }, updatedAt: 100 });
    expect(parachain.get()).toMatchObject({ networkId: 'paseo', paraId: 4242, blockspace: 'bulk', updatedAt: 200 });
    expect(wizard.get().updatedAt).toBe(200);

    clock = 300;
    const switched = wizard.update({ networkId: 'kusama' });
    expect(switched).toMatchObject({ networkId: 'kusama', step: 'prepare', txIds: {}, blockspace: 'bulk', updatedAt: 300 });
    expect('paraId' in switched).toBe(false);

    const reset = wizard.reset();
    expect(reset).toMatchObject({ step: 'network', completed: [], txIds: {}, collatorProfileIds: [], watchedParaIds: [] });
    expect('networkId' in reset).toBe(false);
  });
});
