import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { ReadQuery, ReadValue } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import { paraProgress, pvfVerdict, queuedOnboardingSession, SESSION_DELAY, votesStillNeeded, type SessionEta } from '../calc/onboarding-eta';
import { someOf } from '../storage/codec-values';
import {
  parasActionsQueue, parasFutureCodeHash, parasFutureCodeUpgrade, parasLifecycle, parasPvfActiveVote, parasPvfActiveVoteList,
  parasUpgradeCooldowns, parasUpgradeRestriction, type PvfVote,
} from '../storage/paras';
import { babeEpochStart, readEpochTiming, sessionCurrentIndex } from '../storage/session';
import { hasItem, readItem, resolveEntry, type StorageItem } from '../storage/storage-item';

type OnboardingEtaValue = Extract<ReadValue, { kind: 'onboardingEta' }>;
type AnyItem = StorageItem<readonly unknown[], unknown>;

/**
 * A para's life on the relay, followed: lifecycle, the pre-check vote of its
 * registration or of a code upgrade (found by the vote's causes, so no code
 * hash is needed), the session it changes at, and when that is.
 *
 * One multi-key subscription carries what changes per block (block number,
 * session, lifecycle, epoch start, the list of running votes, the para's
 * upgrade entries): no request per block. The actions queue of the next two
 * sessions is read again only when the session, the lifecycle or the list of
 * running votes changes (an accepted vote queues the para); the
 * running votes only when their list changes, and then the ones about this
 * para are followed by a subscription of their own, so each validator's vote
 * shows as it lands.
 */
export async function watchParaProgress(api: ApiPromise, query: Extract<ReadQuery, { kind: 'onboardingEta' }>, emit: (value: ReadValue) => void): Promise<() => void> {
  for (const item of [sessionCurrentIndex, parasLifecycle] as AnyItem[]) {
    if (!hasItem(api, item)) throw new ServiceError('not_supported', 'This chain\'s runtime does not offer para onboarding (sessions and para lifecycles).', 'Connect to the relay chain of your network.');
  }
  const timing = readEpochTiming(api);
  if (!timing) throw new ServiceError('not_supported', 'This chain\'s runtime has no BABE session timing, so no onboarding ETA can be given.', 'Connect to the relay chain of your network.');
  const blockNumber = api.query.system?.number;
  if (!blockNumber) throw new ServiceError('not_supported', 'This chain\'s runtime does not expose its block number.');
  const paraId = query.paraId;

  // Keys of the one subscription; optional ones only where the runtime has them.
  const slots: Array<{ name: string; key: Parameters<ApiPromise['queryMulti']>[0][number]; item?: AnyItem }> = [
    { name: 'number', key: blockNumber },
    { name: 'session', key: resolveEntry(api, sessionCurrentIndex as AnyItem), item: sessionCurrentIndex as AnyItem },
    { name: 'lifecycle', key: [resolveEntry(api, parasLifecycle as AnyItem), paraId], item: parasLifecycle as AnyItem },
  ];
  const optional: Array<[string, AnyItem, boolean]> = [
    ['epochStart', babeEpochStart as AnyItem, false],
    ['voteList', parasPvfActiveVoteList as AnyItem, false],
    ['futureCodeHash', parasFutureCodeHash as AnyItem, true],
    ['futureCodeUpgrade', parasFutureCodeUpgrade as AnyItem, true],
    ['restriction', parasUpgradeRestriction as AnyItem, true],
    ['cooldowns', parasUpgradeCooldowns as AnyItem, false],
  ];
  for (const [name, item, keyed] of optional) {
    if (hasItem(api, item)) slots.push({ name, key: keyed ? [resolveEntry(api, item), paraId] : resolveEntry(api, item), item });
  }

  let queue: { key: string; queuedSession: number | undefined } | undefined;
  let voteListKey: string | undefined;
  let votes = new Map<string, PvfVote>();
  let stopVotes: (() => void) | undefined;
  let latest: Record<string, unknown> = {};
  let number = 0;
  let working = Promise.resolve();

  const send = async (): Promise<void> => {
    const currentSession = (latest['session'] as number | undefined) ?? 0;
    const lifecycle = latest['lifecycle'] as string | undefined;
    // The queue changes when a session passes, the lifecycle changes, or a vote ends (acceptance queues the para).
    const queueKey = `${currentSession}|${lifecycle ?? ''}|${voteListKey ?? ''}`;
    if (queue?.key !== queueKey) {
      const actions = new Map<number, number[]>();
      for (let ahead = 1; ahead <= SESSION_DELAY; ahead++) actions.set(currentSession + ahead, (await readItem(api, parasActionsQueue, currentSession + ahead)) ?? []);
      queue = { key: queueKey, queuedSession: queuedOnboardingSession(paraId, actions) };
    }
    const epochStart = latest['epochStart'] as { currentStartBlock: number } | undefined;
    const clock = {
      currentSession,
      currentBlock: number,
      sessionLengthBlocks: timing.epochLengthBlocks,
      blockTimeMs: timing.expectedBlockTimeMs,
      ...(epochStart === undefined ? {} : { currentSessionStartBlock: epochStart.currentStartBlock }),
    };
    const registrationVote = [...votes.values()].find((vote) => vote.causes.some((cause) => cause.kind === 'onboarding' && cause.paraId === paraId));
    const progress = paraProgress({
      clock,
      ...(lifecycle === undefined ? {} : { lifecycle }),
      ...(queue.queuedSession === undefined ? {} : { queuedSession: queue.queuedSession }),
      ...(registrationVote === undefined ? {} : { pvfVote: registrationVote }),
    });
    const value: OnboardingEtaValue = { kind: 'onboardingEta', paraId, stage: progress.stage, currentSession, ...(lifecycle === undefined ? {} : { lifecycle }) };
    if (progress.stage === 'queued' || progress.stage === 'offboarding' || progress.stage === 'lifecycle-change') Object.assign(value, sessionEtaOf(progress.eta));
    if (progress.stage === 'pvf-check') {
      Object.assign(value, sessionEtaOf(progress.earliest), voteWords(progress.vote as PvfVote), { votesNeeded: progress.votesNeeded, verdict: progress.verdict });
    }
    const upgrade = upgradeOf();
    emit(upgrade === undefined ? value : { ...value, upgrade });
  };

  const upgradeOf = (): OnboardingEtaValue['upgrade'] => {
    const futureCodeHash = latest['futureCodeHash'] as `0x${string}` | undefined;
    const vote = [...votes.entries()].find(([, candidate]) => candidate.causes.some((cause) => cause.kind === 'upgrade' && cause.paraId === paraId));
    if (vote !== undefined) {
      const [codeHash, tally] = vote;
      return { stage: 'pvf-check', codeHash: codeHash as `0x${string}`, ...voteWords(tally), votesNeeded: votesStillNeeded(tally), verdict: pvfVerdict(tally) };
    }
    const applyAtBlock = latest['futureCodeUpgrade'] as number | undefined;
    if (applyAtBlock !== undefined || futureCodeHash !== undefined) {
      return { stage: 'scheduled', ...(futureCodeHash === undefined ? {} : { codeHash: futureCodeHash }), ...(applyAtBlock === undefined ? {} : { applyAtBlock }) };
    }
    if (latest['restriction'] !== undefined) {
      const until = (latest['cooldowns'] as Array<{ paraId: number; untilBlock: number }> | undefined)?.find((entry) => entry.paraId === paraId)?.untilBlock;
      return { stage: 'cooldown', ...(until === undefined ? {} : { cooldownUntilBlock: until }) };
    }
    return undefined;
  };

  /** The running votes about this para, followed by a subscription of their own; called when the list of running votes changes. */
  const followVotes = async (list: readonly `0x${string}`[]): Promise<void> => {
    stopVotes?.();
    stopVotes = undefined;
    const mine = new Map<string, PvfVote>();
    for (const codeHash of list) {
      const vote = await readItem(api, parasPvfActiveVote, codeHash);
      if (vote?.causes.some((cause) => cause.paraId === paraId)) mine.set(codeHash, vote);
    }
    votes = mine;
    if (mine.size === 0) return;
    const hashes = [...mine.keys()];
    stopVotes = await api.queryMulti(hashes.map((codeHash) => [resolveEntry(api, parasPvfActiveVote as AnyItem), codeHash] as [ReturnType<typeof resolveEntry>, string]), (values: Codec[]) => {
      working = working.then(async () => {
        const next = new Map<string, PvfVote>();
        values.forEach((value, index) => {
          const inner = someOf(value);
          const codeHash = hashes[index];
          if (inner !== undefined && codeHash !== undefined) next.set(codeHash, parasPvfActiveVote.decode(inner));
        });
        votes = next;
        await send();
      }).catch(() => undefined);
    });
  };

  const stopMain = await api.queryMulti(slots.map((slot) => slot.key), (values: Codec[]) => {
    working = working.then(async () => {
      const next: Record<string, unknown> = {};
      slots.forEach((slot, index) => {
        const value = values[index];
        if (value === undefined) return;
        if (slot.name === 'number') {
          number = Number(value.toString());
          return;
        }
        const inner = someOf(value);
        next[slot.name] = inner === undefined || slot.item === undefined ? undefined : slot.item.decode(inner);
      });
      latest = next;
      const list = (next['voteList'] as `0x${string}`[] | undefined) ?? [];
      const listKey = list.join(',');
      if (listKey !== voteListKey) {
        voteListKey = listKey;
        await followVotes(list);
      }
      await send();
    }).catch(() => undefined);
  });
  return () => {
    stopMain();
    stopVotes?.();
  };
}

function voteWords(vote: PvfVote): { votesAccept: number; votesReject: number; validatorCount: number; ageSessions: number } {
  return { votesAccept: vote.votesAccept, votesReject: vote.votesReject, validatorCount: vote.validatorCount, ageSessions: vote.ageSessions };
}

function sessionEtaOf(eta: SessionEta): { targetSession: number; sessionsToGo: number; minMs: number; maxMs: number } {
  return { targetSession: eta.targetSession, sessionsToGo: eta.sessionsToGo, minMs: Math.round(eta.minMs), maxMs: Math.round(eta.maxMs) };
}
