import type { ApiPromise } from '@polkadot/api';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { DispatchErrorData, TxIntent } from '../../../shared/contract/chain';
import { crowdloanFunds } from '../storage/crowdloan';
import {
  parasFutureCodeHash, parasFutureCodeUpgrade, parasLifecycle, parasPvfActiveVote, parasUpgradeCooldowns, parasUpgradeRestriction,
  type ParaLifecycle, type PvfVote,
} from '../storage/paras';
import { registrarParas, type RegistrarParaInfo } from '../storage/registrar';
import { hasItem, readItem, type StorageItem } from '../storage/storage-item';

/**
 * Why the relay refused a manager's registrar call, read from the chain
 * rather than guessed from the error's name. The runtime answers
 * `CannotDeregister`, `NotParathread`, `ParaLocked`, `BadOrigin` or
 * `CannotUpgradeCode` for several different states; the state itself says
 * which one it is and what ends it:
 *
 * - a code upgrade's PVF pre-check still running (`paras.futureCodeHash` and
 *   its `pvfActiveVoteMap` entry): the relay will not offboard a para then;
 * - the para's lifecycle (onboarding, a parachain, already offboarding…);
 * - the manager lock (`registrar.paras(id).locked`), set by `addLock`, by
 *   `crowdloan.create`, or by the runtime at the para's first block;
 * - an upgrade already scheduled (`futureCodeUpgrades`) or its cooldown
 *   (`upgradeRestrictionSignal`, `upgradeCooldowns`).
 */
export async function explainRegistrarRefusal(api: ApiPromise, intent: TxIntent, signer: string, error: DispatchErrorData): Promise<DispatchErrorData> {
  const paraId = paraIdOf(intent);
  if (paraId === undefined || !EXPLAINED.has(error.code)) return error;
  const state = await readParaState(api, paraId);
  const cause = causeOf(intent, error.code, signer, state);
  return cause === undefined ? error : { ...error, ...cause };
}

const EXPLAINED = new Set([
  'registrar.CannotDeregister',
  'registrar.NotParathread',
  'registrar.ParaLocked',
  'registrar.NotOwner',
  'registrar.NotRegistered',
  'paras.CannotUpgradeCode',
  'paras.CannotOffboard',
  'BadOrigin',
]);

/** What the relay holds about one para, for explaining a refusal. */
export interface ParaState {
  readonly paraId: number;
  readonly registration?: RegistrarParaInfo;
  readonly lifecycle?: ParaLifecycle;
  /** The pre-check of the code a scheduled upgrade would switch to, while it runs. */
  readonly upgradeVote?: PvfVote & { readonly codeHash: `0x${string}` };
  readonly futureCodeHash?: `0x${string}`;
  /** Relay block at which a scheduled upgrade applies. */
  readonly upgradeAtBlock?: number;
  /** Relay block at which the cooldown after the last upgrade ends. */
  readonly cooldownUntilBlock?: number;
  readonly upgradeRestricted: boolean;
  readonly hasCrowdloan: boolean;
}

export async function readParaState(api: ApiPromise, paraId: number): Promise<ParaState> {
  const [registration, lifecycle, futureCodeHash, upgradeAtBlock, restriction, cooldowns, fund] = await Promise.all([
    maybeRead(api, registrarParas, paraId),
    maybeRead(api, parasLifecycle, paraId),
    maybeRead(api, parasFutureCodeHash, paraId),
    maybeRead(api, parasFutureCodeUpgrade, paraId),
    maybeRead(api, parasUpgradeRestriction, paraId),
    maybeRead(api, parasUpgradeCooldowns),
    maybeRead(api, crowdloanFunds, paraId),
  ]);
  const vote = futureCodeHash === undefined ? undefined : await maybeRead(api, parasPvfActiveVote, futureCodeHash);
  const cooldownUntilBlock = cooldowns?.find((entry) => entry.paraId === paraId)?.untilBlock;
  return {
    paraId,
    ...(registration === undefined ? {} : { registration }),
    ...(lifecycle === undefined ? {} : { lifecycle }),
    ...(futureCodeHash === undefined ? {} : { futureCodeHash }),
    ...(vote === undefined || futureCodeHash === undefined ? {} : { upgradeVote: { ...vote, codeHash: futureCodeHash } }),
    ...(upgradeAtBlock === undefined ? {} : { upgradeAtBlock }),
    ...(cooldownUntilBlock === undefined ? {} : { cooldownUntilBlock }),
    upgradeRestricted: restriction !== undefined,
    hasCrowdloan: fund !== undefined,
  };
}

type Cause = Pick<DispatchErrorData, 'message' | 'hint'> & { readonly title?: string };

/** The cause of one refusal in words, or undefined when the state shows nothing more than the error's own words. */
export function causeOf(intent: TxIntent, code: string, signer: string, state: ParaState): Cause | undefined {
  const id = state.paraId;
  if (state.registration === undefined && code !== 'paras.CannotUpgradeCode') {
    return { title: 'Para not registered', message: `Para ${id} is not registered with the relay chain's registrar (no reservation, no registration).`, hint: 'Check the para id, or reserve and register it first.' };
  }
  const isManager = state.registration !== undefined && sameAccount(state.registration.manager, signer);
  if ((code === 'BadOrigin' || code === 'registrar.NotOwner') && !isManager && state.registration !== undefined) {
    return {
      title: 'Not the manager',
      message: `This account does not manage para ${id}; its manager is ${state.registration.manager}. Only the manager (while the para is unlocked), the para itself over XCM, or relay governance may do this.`,
      hint: 'Sign with the manager account.',
    };
  }
  if (code === 'registrar.ParaLocked' || ((code === 'BadOrigin' || code === 'registrar.NotOwner') && state.registration?.locked === true)) {
    return lockedCause(state);
  }
  if (state.upgradeVote !== undefined && (code === 'registrar.CannotDeregister' || code === 'paras.CannotOffboard' || code === 'paras.CannotUpgradeCode')) {
    return upgradeVoteCause(intent, state, state.upgradeVote);
  }
  if (code === 'paras.CannotUpgradeCode') return upgradeBlockedCause(state);
  if (code === 'registrar.NotParathread' || code === 'registrar.CannotDeregister' || code === 'paras.CannotOffboard') {
    return lifecycleCause(intent, state);
  }
  return undefined;
}

function lockedCause(state: ParaState): Cause {
  const why = state.hasCrowdloan
    ? `a crowdloan exists for it, and creating a crowdloan locks the para so its code and head cannot change under the contributors`
    : `its manager locked it (registrar.addLock), or the relay locked it when the para produced its first block`;
  return {
    title: 'Para locked',
    message: `Para ${state.paraId} is locked (registrar.paras(${state.paraId}).locked is true): ${why}. While it is locked the manager account can no longer deregister it, upgrade its code or change its head.`,
    hint: 'The lock is lifted by registrar.removeLock, which only the para itself (over XCM from its own origin) or relay governance may call. Make the change that way instead.',
  };
}

function upgradeVoteCause(intent: TxIntent, state: ParaState, vote: NonNullable<ParaState['upgradeVote']>): Cause {
  const tally = `${vote.votesAccept} for and ${vote.votesReject} against of ${vote.validatorCount} validators, running for ${vote.ageSessions} session${vote.ageSessions === 1 ? '' : 's'}`;
  const what = intent.kind === 'deregisterPara'
    ? 'the relay does not offboard a para while a pre-check of its new code runs'
    : 'a para has one code upgrade in flight at a time';
  return {
    title: 'Code upgrade being pre-checked',
    message: `Validators are still pre-checking the code of a code upgrade for para ${state.paraId} (code ${short(vote.codeHash)}: ${tally}), and ${what}.`,
    hint: 'Wait until the pre-check ends (accepted or rejected; the Parachains page follows the vote), then try again.',
  };
}

function upgradeBlockedCause(state: ParaState): Cause | undefined {
  if (state.futureCodeHash !== undefined || state.upgradeAtBlock !== undefined) {
    return {
      title: 'Upgrade already scheduled',
      message: `Para ${state.paraId} already has a code upgrade scheduled${state.upgradeAtBlock === undefined ? '' : ` to apply at relay block ${state.upgradeAtBlock.toLocaleString('en-US')}`}${state.futureCodeHash === undefined ? '' : ` (code ${short(state.futureCodeHash)})`}; the relay takes one at a time.`,
      hint: 'Wait until it applies (the para must produce a block after that relay block), then schedule the next one.',
    };
  }
  if (state.upgradeRestricted) {
    return {
      title: 'Upgrade cooldown',
      message: `Para ${state.paraId} upgraded its code recently and is in the relay's upgrade cooldown${state.cooldownUntilBlock === undefined ? '' : ` until relay block ${state.cooldownUntilBlock.toLocaleString('en-US')}`}.`,
      hint: 'Schedule the upgrade once the cooldown has passed.',
    };
  }
  return undefined;
}

function lifecycleCause(intent: TxIntent, state: ParaState): Cause | undefined {
  const id = state.paraId;
  const action = intent.kind === 'deregisterPara' ? 'deregistered' : 'changed this way';
  switch (state.lifecycle) {
    case 'Onboarding':
      return { title: 'Still onboarding', message: `Para ${id} is still onboarding (its code's pre-check, then two session changes), and only a parathread can be ${action}.`, hint: 'Wait until it is a parathread: the onboarding status shows the ETA.' };
    case 'Parachain':
      return { title: 'A parachain', message: `Para ${id} is a parachain (it holds a lease), and only a parathread can be ${action}.`, hint: 'It becomes a parathread when its lease ends; then try again.' };
    case 'UpgradingParathread':
      return { title: 'Becoming a parachain', message: `Para ${id} is being upgraded from parathread to parachain at the next session change.`, hint: 'Wait for the session change; a parachain cannot be deregistered until it is a parathread again.' };
    case 'DowngradingParachain':
      return { title: 'Becoming a parathread', message: `Para ${id} is being downgraded to a parathread at the next session change.`, hint: 'Try again after the session change.' };
    case 'OffboardingParathread':
    case 'OffboardingParachain':
      return { title: 'Already offboarding', message: `Para ${id} is already being offboarded: it leaves at the next session change and its deposit is returned then.`, hint: 'Nothing to do: wait for the session change.' };
    case undefined:
      return { title: 'Not registered yet', message: `Para ${id} is reserved but not registered: there is no genesis head or code to remove.`, hint: 'Register it first, or keep the reservation.' };
    default:
      return undefined;
  }
}

function paraIdOf(intent: TxIntent): number | undefined {
  switch (intent.kind) {
    case 'deregisterPara':
    case 'addParaLock':
    case 'scheduleCodeUpgrade':
    case 'registerPara':
      return intent.paraId;
    default:
      return undefined;
  }
}

async function maybeRead<Args extends readonly unknown[], T>(api: ApiPromise, item: StorageItem<Args, T>, ...args: Args): Promise<T | undefined> {
  if (!hasItem(api, item as unknown as StorageItem<readonly unknown[], unknown>)) return undefined;
  return readItem(api, item, ...args).catch(() => undefined);
}

function sameAccount(a: string, b: string): boolean {
  try {
    return u8aEq(decodeAddress(a), decodeAddress(b));
  } catch {
    return false;
  }
}

function short(hash: string): string {
  return `${hash.slice(0, 10)}…`;
}
