import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onboardingPatchSchema, type RotatedSessionKeysRecord } from '../../../shared/contract/onboarding';
import { silentLogger } from '../../../main/logging/logger';
import { OnboardingProgressStore } from '../../../main/onboarding/onboarding-progress';
import { ParachainConfigStore } from '../../../main/settings/parachain-config';
import { moveParachainConfigOutOfOnboarding } from '../../../main/settings/parachain-config-migration';

const manager = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const collatorAccount = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const aura = `0x${'d4'.repeat(32)}`;

function rotatedFor(owner: string): RotatedSessionKeysRecord {
  return { keys: aura, proof: `0x${'ab'.repeat(64)}`, owner, decoded: [{ keyType: 'aura', publicKey: aura }], at: 1 };
}

describe('the wizard keeps a signer and rotated keys per collator', () => {
  let dir: string;
  let onboardingPath: string;
  let filePath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-collator-signer-'));
    onboardingPath = join(dir, 'onboarding.json');
    filePath = join(dir, 'parachain.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads progress saved before collators had their own signers, with none chosen, keeping everything else', () => {
    // The shape an earlier console wrote: no `collators` field at all.
    writeFileSync(onboardingPath, JSON.stringify({
      step: 'collators', completed: ['network', 'prepare', 'register', 'blockspace'], networkId: 'paseo', rehearsal: false,
      signer: { kind: 'vault', address: manager, name: 'Parachain manager' }, collatorProfileIds: ['c1', 'c2'], paraId: 4242,
      watchedParaIds: [], txIds: { 'reserve:paseo': 'tx-1' }, updatedAt: 5,
    }));
    moveParachainConfigOutOfOnboarding({ onboardingPath, configPath: filePath, log: silentLogger });
    const progress = new OnboardingProgressStore({ filePath: onboardingPath, log: silentLogger }).get();
    const config = new ParachainConfigStore({ filePath, log: silentLogger }).get();
    expect(progress.step).toBe('collators');
    expect(config.paraId).toBe(4242);
    expect(progress.txIds).toEqual({ 'reserve:paseo': 'tx-1' });
    expect(config.collators).toEqual({});
  });

  it('gives one collator its own account and keys, and a restart finds them', () => {
    const store = new ParachainConfigStore({ filePath, log: silentLogger, now: () => 10 });
    store.update({ collatorProfileIds: ['c1', 'c2'] });
    store.update({ collator: { profileId: 'c2', signer: { kind: 'vault', address: collatorAccount, name: 'Collator 2' } } });
    store.update({ collator: { profileId: 'c2', rotated: rotatedFor(collatorAccount) } });

    const reopened = new ParachainConfigStore({ filePath, log: silentLogger }).get();
    expect(reopened.collators.c2?.signer?.address).toBe(collatorAccount);
    expect(reopened.collators.c2?.rotated?.owner).toBe(collatorAccount);
    expect(reopened.collators.c1).toBeUndefined();
    expect(JSON.parse(readFileSync(filePath, 'utf8')).collators.c2.rotated.keys).toBe(aura);
  });

  it('changing the signer leaves the rotated keys in place (the wizard shows them stale), and null goes back to the onboarding signer', () => {
    const store = new ParachainConfigStore({ filePath, log: silentLogger });
    store.update({ collator: { profileId: 'c1', rotated: rotatedFor(manager) } });
    const changed = store.update({ collator: { profileId: 'c1', signer: { kind: 'extension', address: collatorAccount } } });
    expect(changed.collators.c1).toEqual({ signer: { kind: 'extension', address: collatorAccount }, rotated: rotatedFor(manager) });
    const back = store.update({ collator: { profileId: 'c1', signer: null, rotated: null } });
    expect(back.collators.c1).toEqual({});
  });

  it('refuses a watch-only address as a collator signer: it cannot sign setKeys', () => {
    const watch = onboardingPatchSchema.safeParse({ collator: { profileId: 'c1', signer: { kind: 'watch', address: manager } } });
    expect(watch.success).toBe(false);
    const notHex = onboardingPatchSchema.safeParse({ collator: { profileId: 'c1', rotated: { ...rotatedFor(manager), keys: 'd4d4' } } });
    expect(notHex.success).toBe(false);
  });
});
