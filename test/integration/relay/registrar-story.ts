import { hexToU8a, u8aEq } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadValue, TxIntent, TxRecord } from '../../../shared/contract/chain';
import { readRegistrationFacts } from '../../../main/onboarding/registration-facts';
import { realChainsMissing, startRealChain, type RealChain, type RealChainName } from '../../fixtures/real-chains';
import { passSessions, trustValidationCode } from '../../fixtures/network-stand-ins';
import { balanceOf, openTxConsole, SETTLED, type TxConsole } from '../../fixtures/tx-console';

/**
 * The registrar's story on one real relay runtime, driven the way the UI
 * drives it (the console's ChainService, signing with its vault), with every
 * figure shown before signing compared, to the planck, with what the chain
 * then holds, and every refusal's words compared with the state behind it.
 */

/** A 1-byte genesis head and 33 bytes that start like Wasm: the registrar checks the magic, not the module. */
export const HEAD = '0x00' as const;
export const CODE = '0x0061736d0100000000000000000000000000000000000000000000000000000000' as const;
/** The code a later upgrade switches to: different bytes, so a different hash and a vote of its own. */
export const UPGRADE_CODE = '0x0061736d0100000000000000000000000000000000000000000000000000000001ff' as const;

type EtaValue = Extract<ReadValue, { kind: 'onboardingEta' }>;

/** Follows the console's read-model stream of a para's progress and waits for the value a step expects. */
export class ProgressWatch {
  readonly seen: EtaValue[] = [];
  private readonly stop: () => void;
  private waiters: Array<{ done: (value: EtaValue) => boolean; resolve: (value: EtaValue) => void }> = [];

  constructor(console_: TxConsole, paraId: number) {
    this.stop = console_.chain.watch({ kind: 'onboardingEta', paraId }, (value) => {
      if (value.kind !== 'onboardingEta') return;
      this.seen.push(value);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.done(value)) return true;
        waiter.resolve(value);
        return false;
      });
    });
  }

  until(done: (value: EtaValue) => boolean, what: string, timeoutMs = 120_000): Promise<EtaValue> {
    const last = this.seen.at(-1);
    if (last && done(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the read model never showed ${what}; last: ${JSON.stringify(this.seen.at(-1))}`)), timeoutMs);
      this.waiters.push({ done, resolve: (value) => { clearTimeout(timer); resolve(value); } });
    });
  }

  close(): void {
    this.stop();
  }
}

export async function submitAndSettle(console_: TxConsole, intent: TxIntent, uri: string, key: string): Promise<TxRecord> {
  const record = await console_.submit(intent, uri, `${key}:${Date.now()}`);
  return console_.until(record.txId, SETTLED);
}

export async function reservedOf(chain: RealChain, address: string): Promise<bigint> {
  return (await balanceOf(chain.api, address)).reserved;
}

export async function registrarEntry(chain: RealChain, paraId: number): Promise<{ manager: string; deposit: bigint; locked: boolean | null } | undefined> {
  const value = await chain.query('registrar', 'paras', paraId);
  if (value.isEmpty) return undefined;
  const json = value.toJSON() as { manager: string; deposit: string | number; locked: boolean | null };
  return { manager: json.manager, deposit: BigInt(json.deposit), locked: json.locked };
}

/**
 * Reserve, then register with what `onboarding.registrationFacts` and the
 * review show: both equal, to the planck, what the chain then reserves and
 * what `registrar.paras(id).deposit` and the Parachains page (read model
 * `para`) hold. Returns the para id.
 */
export async function reserveAndRegister(chain: RealChain, console_: TxConsole, uri: string, expected: { source: 'dry-run' | 'computed'; basis: 'code-size' | 'max-code-size' }): Promise<number> {
  const who = console_.address(uri);
  const relayApi = await console_.chain.pool.api('relay');

  const reserveEstimate = await console_.estimate({ kind: 'reserveParaId' }, uri);
  const beforeReserve = await reservedOf(chain, who);
  const reserved = await submitAndSettle(console_, { kind: 'reserveParaId' }, uri, 'reserve');
  expect(reserved.phase, JSON.stringify(reserved.error)).toMatch(/in-block|finalized/);
  const paraId = Number((await chain.query('registrar', 'nextFreeParaId')).toString()) - 1;
  expect(sameAccount((await registrarEntry(chain, paraId))?.manager ?? '', who)).toBe(true);
  const reserveHeld = (await reservedOf(chain, who)) - beforeReserve;
  expect(reserveEstimate.effects.filter((effect) => effect.kind === 'held').map((effect) => effect.amountPlanck)).toEqual([reserveHeld.toString()]);

  // What the wizard shows before registering (the handler reads the exported genesis from disk; the same bytes here).
  const facts = await readRegistrationFacts(relayApi, paraId, { genesisHeadHex: HEAD, validationCodeHex: CODE });
  expect(facts).toMatchObject({ registerDepositSource: expected.source, registerDepositBasis: expected.basis });
  const intent: TxIntent = { kind: 'registerPara', paraId, genesisHeadHex: HEAD, validationCodeHex: CODE };
  const review = await console_.estimate(intent, uri);
  const reviewHeld = review.effects.filter((effect) => effect.kind === 'held').map((effect) => effect.amountPlanck);
  expect(reviewHeld).toEqual([facts.registerAdditionalPlanck]);
  expect(review.description).toContain(expected.basis === 'code-size' ? 'of this code' : 'maximum code size');

  const before = await reservedOf(chain, who);
  const registered = await submitAndSettle(console_, intent, uri, `register-${paraId}`);
  expect(registered.phase, JSON.stringify(registered.error)).toMatch(/in-block|finalized/);
  const heldByRegister = (await reservedOf(chain, who)) - before;
  const entry = await registrarEntry(chain, paraId);
  expect(heldByRegister.toString()).toBe(facts.registerAdditionalPlanck);
  expect(entry?.deposit.toString()).toBe(facts.registerDepositPlanck);
  // The Parachains page shows the read model's `para` value: the same figure.
  const page = await console_.chain.read({ kind: 'para', paraId });
  expect(page.kind === 'para' ? page.depositPlanck : undefined).toBe(facts.registerDepositPlanck);
  // And the formula of the runtime's generation, checked against the chain's own figure.
  const paraDeposit = BigInt(chain.constant('registrar', 'paraDeposit').toString());
  const perByte = BigInt(chain.constant('registrar', 'dataDepositPerByte').toString());
  const maxCodeSize = BigInt((await chain.query('configuration', 'activeConfig')).toJSON() ? ((await chain.query('configuration', 'activeConfig')).toJSON() as { maxCodeSize: number }).maxCodeSize : 0);
  const codeBytes = BigInt(hexToU8a(CODE).length);
  const headBytes = BigInt(hexToU8a(HEAD).length);
  const formula = paraDeposit + perByte * (headBytes + (expected.basis === 'code-size' ? codeBytes : maxCodeSize));
  expect(entry?.deposit).toBe(formula);
  return paraId;
}

/** Registration's pre-check, trusted code, two session changes: Onboarding → Parathread, as the read model streams it. */
export async function walkOnboarding(chain: RealChain, watch: ProgressWatch): Promise<{ votedSession: number }> {
  const voting = await watch.until((value) => value.stage === 'pvf-check', 'the registration\'s pre-check vote');
  expect(voting).toMatchObject({ lifecycle: 'Onboarding', votesAccept: 0, verdict: 'pending' });
  expect(voting.validatorCount).toBeGreaterThan(0);
  expect(voting.targetSession).toBe(voting.currentSession + 2);

  await trustValidationCode(chain, CODE);
  const queued = await watch.until((value) => value.stage === 'queued', 'the para queued for a session');
  expect(queued.targetSession).toBe(queued.currentSession + 2);
  expect(queued.sessionsToGo).toBe(2);
  await passSessions(chain, 1);
  const oneToGo = await watch.until((value) => value.stage === 'queued' && value.sessionsToGo === 1, 'one session to go');
  expect(oneToGo.targetSession).toBe(queued.targetSession);
  await passSessions(chain, 1);
  const done = await watch.until((value) => value.stage === 'onboarded', 'the para onboarded');
  expect(done).toMatchObject({ lifecycle: 'Parathread', currentSession: queued.targetSession });
  return { votedSession: voting.currentSession };
}

export interface RegistrarExpectations {
  readonly deposit: { source: 'dry-run' | 'computed'; basis: 'code-size' | 'max-code-size' };
  /** What the runtime answers a locked manager: `ParaLocked`, or (before the origin check was reordered) `BadOrigin`. */
  readonly lockedError: 'registrar.ParaLocked' | 'BadOrigin';
}

/**
 * After onboarding: a code upgrade (its pre-check shown), a deregister refused
 * because that pre-check runs, a lock added by a stranger (refused: not the
 * manager) and by the manager, a deregister refused because of the lock, and,
 * once governance lifts the lock, a deregister that offboards the para and
 * returns its deposit to the planck.
 */
export async function upgradeLockAndDeregister(chain: RealChain, console_: TxConsole, watch: ProgressWatch, paraId: number, manager: string, stranger: string, expected: RegistrarExpectations): Promise<void> {
  const who = console_.address(manager);

  // A code upgrade: nothing more held (the review says so), and its pre-check shows on the para's progress.
  const upgrade: TxIntent = { kind: 'scheduleCodeUpgrade', paraId, validationCodeHex: UPGRADE_CODE };
  const upgradeReview = await console_.estimate(upgrade, manager);
  const heldBeforeUpgrade = await reservedOf(chain, who);
  const upgraded = await submitAndSettle(console_, upgrade, manager, `upgrade-${paraId}`);
  expect(upgraded.phase, JSON.stringify(upgraded.error)).toMatch(/in-block|finalized/);
  const heldByUpgrade = (await reservedOf(chain, who)) - heldBeforeUpgrade;
  const reviewHeld = upgradeReview.effects.filter((effect) => effect.kind === 'held').reduce((sum, effect) => sum + BigInt(effect.amountPlanck), 0n);
  expect(heldByUpgrade).toBe(reviewHeld);
  const upgradeVote = await watch.until((value) => value.upgrade?.stage === 'pvf-check', 'the upgrade\'s pre-check');
  expect(upgradeVote, JSON.stringify(watch.seen.slice(-6))).toMatchObject({ stage: 'onboarded', lifecycle: 'Parathread', upgrade: { votesAccept: 0, verdict: 'pending' } });

  // Deregistering now is refused, and the words name the running pre-check, not the lock.
  const refused = await submitAndSettle(console_, { kind: 'deregisterPara', paraId }, manager, `deregister-during-vote-${paraId}`);
  expect(refused.phase).toBe('failed');
  expect(refused.error).toMatchObject({ code: 'registrar.CannotDeregister', title: 'Code upgrade being pre-checked' });
  expect(refused.error?.message).toMatch(new RegExp(`code upgrade for para ${paraId}.*0 for and 0 against of \\d+ validators.*does not offboard a para while a pre-check`));
  expect(refused.error?.message).not.toMatch(/locked/);

  // The vote ends (governance trusts the code in the validators' stead): the upgrade is scheduled.
  await trustValidationCode(chain, UPGRADE_CODE);
  await watch.until((value) => value.upgrade?.stage !== 'pvf-check', 'the upgrade\'s pre-check ended');

  // A stranger cannot lock the para: the words say who manages it.
  const strangerLock = await submitAndSettle(console_, { kind: 'addParaLock', paraId }, stranger, `lock-by-stranger-${paraId}`);
  expect(strangerLock.phase).toBe('failed');
  expect(strangerLock.error).toMatchObject({ code: 'BadOrigin', title: 'Not the manager' });
  expect(strangerLock.error?.message).toContain(encodeAddress(who, chain.api.registry.chainSS58 ?? 42));

  // The manager locks it: nothing held, the chain shows the lock.
  const lockReview = await console_.estimate({ kind: 'addParaLock', paraId }, manager);
  const heldBeforeLock = await reservedOf(chain, who);
  const locked = await submitAndSettle(console_, { kind: 'addParaLock', paraId }, manager, `lock-${paraId}`);
  expect(locked.phase, JSON.stringify(locked.error)).toMatch(/in-block|finalized/);
  expect((await registrarEntry(chain, paraId))?.locked).toBe(true);
  expect(lockReview.effects.filter((effect) => effect.kind === 'held')).toEqual([]);
  expect(await reservedOf(chain, who)).toBe(heldBeforeLock);

  // Deregistering a locked para is refused; the words say it is locked, why, and how the lock lifts.
  const lockedOut = await submitAndSettle(console_, { kind: 'deregisterPara', paraId }, manager, `deregister-locked-${paraId}`);
  expect(lockedOut.phase).toBe('failed');
  expect(lockedOut.error).toMatchObject({ code: expected.lockedError, title: 'Para locked' });
  expect(lockedOut.error?.message).toMatch(new RegExp(`Para ${paraId} is locked.*registrar\\.addLock`));
  expect(lockedOut.error?.hint).toMatch(/removeLock.*para itself.*governance/);

  // Governance lifts the lock; the manager deregisters: the whole deposit comes back, the para offboards.
  await chain.sudo(chain.tx('registrar', 'removeLock', paraId));
  // The stand-in's sudo builds blocks of its own beside chopsticks' batch builder, which can replace the head the
  // console then signs its mortal transaction against (the node answered 'invalid' / 'badProof'): one more block settles it.
  await chain.newBlocks();
  const deposit = (await registrarEntry(chain, paraId))?.deposit ?? 0n;
  const heldBefore = await reservedOf(chain, who);
  const gone = await submitAndSettle(console_, { kind: 'deregisterPara', paraId }, manager, `deregister-${paraId}`);
  expect(gone.phase, JSON.stringify(gone)).toMatch(/in-block|finalized/);
  await waitForChain(async () => (await registrarEntry(chain, paraId)) === undefined, `para ${paraId} deregistered`);
  expect(heldBefore - (await reservedOf(chain, who))).toBe(deposit);
  const offboarding = await watch.until((value) => value.stage === 'offboarding', 'the para offboarding');
  // Offboarding lands where onboarding does: two session changes later.
  expect(offboarding).toMatchObject({ lifecycle: 'OffboardingParathread', targetSession: offboarding.currentSession + 2, sessionsToGo: 2 });
  await passSessions(chain, 2);
  await watch.until((value) => value.stage === 'not-registered', 'the para gone');
}

function sameAccount(a: string, b: string): boolean {
  return a !== '' && u8aEq(decodeAddress(a), decodeAddress(b));
}

async function waitForChain(done: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`the chain never showed ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export interface RegistrarRelay {
  chain: RealChainName;
  /** How the suite is named: the runtime and how its deposit is known. */
  title: string;
  token: { decimals: number; ss58Prefix: number };
  expected: RegistrarExpectations;
}

/**
 * Reserve, register, onboard, upgrade, lock and deregister on one real relay,
 * through the console's ChainService signing with its vault: each figure shown
 * before signing equals what the chain reserves, each refusal names the state
 * that caused it, and the onboarding status walks Onboarding → Parathread →
 * offboarding as the read model streams it. One file per relay, so the relays
 * run side by side.
 */
export function describeRegistrarStory(relaySpec: RegistrarRelay): void {
  const missing = realChainsMissing(relaySpec.chain);
  describe.skipIf(missing)(`the registrar on ${relaySpec.title}`, { timeout: 600_000 }, () => {
    let relay: RealChain;
    let console_: TxConsole;
    let watch: ProgressWatch | undefined;
    let paraId: number;

    beforeAll(async () => {
      relay = await startRealChain(relaySpec.chain);
      try {
        // At the genesis block the runtime records no events, so no dry run reports any: build one first.
        if ((await relay.head()) === 0) await relay.newBlocks();
        console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob', '//Charlie'], ...relaySpec.token });
        // One more block once the console follows the chain: the head it signs its first transaction against is then settled
        // (a block built beside chopsticks' batch builder can replace it: the node answered badProof or dropped the transaction).
        await relay.newBlocks();
      } catch (error) {
        await relay.stop();
        throw error;
      }
    }, 300_000);
    afterAll(async () => {
      watch?.close();
      await console_?.close({ remove: true });
      await relay?.stop();
    });

    it('reserves and registers: the deposit shown before signing is what the chain holds, on the review, the wizard and the Parachains page', async () => {
      paraId = await reserveAndRegister(relay, console_, '//Bob', relaySpec.expected.deposit);
      expect(paraId).toBeGreaterThanOrEqual(2000);
    }, 300_000);

    it('follows onboarding from the pre-check vote to Parathread, two session changes after the code is accepted', async () => {
      watch = new ProgressWatch(console_, paraId);
      await walkOnboarding(relay, watch);
    }, 300_000);

    it('upgrades, locks and deregisters: nothing held that was not shown, each refusal naming its cause, the deposit returned', async () => {
      if (!watch) throw new Error('the onboarding step did not run');
      await upgradeLockAndDeregister(relay, console_, watch, paraId, '//Bob', '//Charlie', relaySpec.expected);
    }, 400_000);
  });
  if (missing) it.skip(missing, () => undefined);
}
