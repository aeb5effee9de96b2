import { describe, expect, it } from 'vitest';
import { causeOf, type ParaState } from '../../../main/chain/calls/registrar-refusals';
import { registerDeposit } from '../../../main/chain/calc/register-deposit';
import { registerDepositBasisFromDocs } from '../../../main/chain/capabilities/registrar';

const MANAGER = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const STRANGER = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
const deregister = { kind: 'deregisterPara', paraId: 2000 } as const;
const parathread: ParaState = {
  paraId: 2000,
  registration: { manager: MANAGER, depositPlanck: 1n, locked: false },
  lifecycle: 'Parathread',
  upgradeRestricted: false,
  hasCrowdloan: false,
};

describe('a registrar refusal names the state behind it', () => {
  it('a deregister refused while an upgrade is pre-checked names the vote, not the lock', () => {
    const cause = causeOf(deregister, 'registrar.CannotDeregister', MANAGER, {
      ...parathread,
      upgradeVote: { codeHash: '0x1234567890abcdef', votesAccept: 1, votesReject: 0, validatorCount: 4, ageSessions: 1, createdAtBlock: 10, causes: [] },
    });
    expect(cause?.title).toBe('Code upgrade being pre-checked');
    expect(cause?.message).toMatch(/1 for and 0 against of 4 validators, running for 1 session\b/);
    expect(cause?.message).not.toMatch(/lock/);
  });

  it('a locked manager hears that the para is locked, why, and who can lift it: a crowdloan, or addLock / the first block', () => {
    const locked = { ...parathread, registration: { manager: MANAGER, depositPlanck: 1n, locked: true } };
    expect(causeOf(deregister, 'BadOrigin', MANAGER, { ...locked, hasCrowdloan: true })?.message).toMatch(/a crowdloan exists for it/);
    const cause = causeOf(deregister, 'registrar.ParaLocked', MANAGER, locked);
    expect(cause?.message).toMatch(/registrar\.addLock.*first block/);
    expect(cause?.hint).toMatch(/removeLock.*para itself.*governance/);
  });

  it('another account hears who manages the para', () => {
    expect(causeOf(deregister, 'BadOrigin', STRANGER, parathread)).toMatchObject({ title: 'Not the manager' });
  });

  it('a para still onboarding or already leaving says so', () => {
    expect(causeOf(deregister, 'registrar.NotParathread', MANAGER, { ...parathread, lifecycle: 'Onboarding' })?.title).toBe('Still onboarding');
    expect(causeOf(deregister, 'registrar.NotParathread', MANAGER, { ...parathread, lifecycle: 'OffboardingParathread' })?.title).toBe('Already offboarding');
  });

  it('an upgrade refused because one is scheduled or cooling down says until when', () => {
    const upgrade = { kind: 'scheduleCodeUpgrade', paraId: 2000, validationCodeHex: '0x00' } as const;
    expect(causeOf(upgrade, 'paras.CannotUpgradeCode', MANAGER, { ...parathread, upgradeAtBlock: 1_234 })?.message).toMatch(/relay block 1,234/);
    expect(causeOf(upgrade, 'paras.CannotUpgradeCode', MANAGER, { ...parathread, upgradeRestricted: true, cooldownUntilBlock: 99 })?.title).toBe('Upgrade cooldown');
  });
});

describe('the register deposit of each runtime generation', () => {
  it('tells the generation from the register call\'s docs', () => {
    expect(registerDepositBasisFromDocs(['This accounts for the potential to store validation code of a size up to the', '`max_code_size`, as defined in the configuration pallet'])).toBe('max-code-size');
    expect(registerDepositBasisFromDocs(['The origin signed account must reserve a corresponding deposit for the registration.'])).toBe('code-size');
    expect(registerDepositBasisFromDocs([])).toBeUndefined();
  });

  it('charges the code\'s own length before polkadot-sdk #3020: Rococo 9430 held 40,001,133,333,322 for a 1-byte head and 33-byte code', () => {
    const rococo = { paraDepositPlanck: 40_000_000_000_000n, dataDepositPerBytePlanck: 33_333_333n, genesisHeadBytes: 1, maxCodeSize: 3_145_728 };
    expect(registerDeposit({ ...rococo, basis: 'code-size', validationCodeBytes: 33 }).totalPlanck).toBe(40_001_133_333_322n);
    // The same on Paseo 1009003's formula: 32,457,290,000,000 measured.
    expect(registerDeposit({ paraDepositPlanck: 1_000_000_000_000n, dataDepositPerBytePlanck: 10_000_000n, genesisHeadBytes: 1, maxCodeSize: 3_145_728, basis: 'max-code-size' }).totalPlanck).toBe(32_457_290_000_000n);
  });
});
