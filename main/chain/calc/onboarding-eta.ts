/**
 * How long until a registered para becomes a parathread. Registration starts
 * a PVF pre-check: validators vote on the code; once a supermajority accepts,
 * the relay queues the onboarding two session boundaries later
 * (`paras.actionsQueue(session)`), and the para turns into a parathread when
 * that session starts. This is where teams wait hours without knowing why.
 */

/** Sessions between acceptance and the lifecycle change (polkadot `SESSION_DELAY`). */
export const SESSION_DELAY = 2;

/** Votes a validator set of `n` needs to accept code: n − ⌊(n − 1) / 3⌋. */
export function supermajorityThreshold(validatorCount: number): number {
  return validatorCount - byzantineThreshold(validatorCount);
}

/** More rejections than ⌊(n − 1) / 3⌋ reject the code. */
export function byzantineThreshold(validatorCount: number): number {
  return Math.floor(Math.max(0, validatorCount - 1) / 3);
}

export interface PvfVoteProgress {
  readonly votesAccept: number;
  readonly votesReject: number;
  readonly validatorCount: number;
}

export type PvfVerdict = 'accepting' | 'rejecting' | 'pending';

/** Accepting votes still missing before the code is accepted; 0 once a supermajority has voted for it. */
export function votesStillNeeded(vote: PvfVoteProgress): number {
  return Math.max(0, supermajorityThreshold(vote.validatorCount) - vote.votesAccept);
}

export function pvfVerdict(vote: PvfVoteProgress): PvfVerdict {
  if (vote.votesAccept >= supermajorityThreshold(vote.validatorCount)) return 'accepting';
  if (vote.votesReject > byzantineThreshold(vote.validatorCount)) return 'rejecting';
  return 'pending';
}

export interface SessionClock {
  readonly currentSession: number;
  readonly currentBlock: number;
  /** Blocks per session (on the relays, the BABE epoch length). */
  readonly sessionLengthBlocks: number;
  readonly blockTimeMs: number;
  /** First block of the current session (`babe.epochStart`); without it the ETA is a range. */
  readonly currentSessionStartBlock?: number;
}

export interface SessionEta {
  readonly targetSession: number;
  readonly sessionsToGo: number;
  /** Earliest and latest wall-clock wait; equal when the session start is known. */
  readonly minMs: number;
  readonly maxMs: number;
}

/** Time until session `targetSession` starts. */
export function etaToSession(targetSession: number, clock: SessionClock): SessionEta {
  const sessionsToGo = Math.max(0, targetSession - clock.currentSession);
  if (sessionsToGo === 0) return { targetSession, sessionsToGo, minMs: 0, maxMs: 0 };
  const fullSessionsBlocks = (sessionsToGo - 1) * clock.sessionLengthBlocks;
  if (clock.currentSessionStartBlock !== undefined) {
    const leftInCurrent = Math.max(0, clock.currentSessionStartBlock + clock.sessionLengthBlocks - clock.currentBlock);
    const ms = (leftInCurrent + fullSessionsBlocks) * clock.blockTimeMs;
    return { targetSession, sessionsToGo, minMs: ms, maxMs: ms };
  }
  return {
    targetSession,
    sessionsToGo,
    minMs: fullSessionsBlocks * clock.blockTimeMs,
    maxMs: (fullSessionsBlocks + clock.sessionLengthBlocks) * clock.blockTimeMs,
  };
}

/** The session whose actions queue holds the para, looking at the sessions that can hold it. */
export function queuedOnboardingSession(paraId: number, actionsBySession: ReadonlyMap<number, readonly number[]>): number | undefined {
  const sessions = [...actionsBySession.keys()].sort((a, b) => a - b);
  return sessions.find((session) => actionsBySession.get(session)?.includes(paraId));
}

export type OnboardingEta =
  | { readonly stage: 'queued'; readonly eta: SessionEta }
  | { readonly stage: 'pvf-check'; readonly vote: PvfVoteProgress; readonly votesNeeded: number; readonly verdict: PvfVerdict; readonly earliest: SessionEta }
  | { readonly stage: 'unknown' };

/**
 * Where onboarding stands: queued for a session (exact ETA), or still in the
 * PVF vote (how many more votes, and the earliest it can finish: acceptance
 * now plus two session boundaries).
 */
export function onboardingEta(input: {
  readonly clock: SessionClock;
  readonly queuedSession?: number;
  readonly pvfVote?: PvfVoteProgress;
}): OnboardingEta {
  if (input.queuedSession !== undefined) return { stage: 'queued', eta: etaToSession(input.queuedSession, input.clock) };
  if (input.pvfVote !== undefined) {
    return {
      stage: 'pvf-check',
      vote: input.pvfVote,
      votesNeeded: votesStillNeeded(input.pvfVote),
      verdict: pvfVerdict(input.pvfVote),
      earliest: etaToSession(input.clock.currentSession + SESSION_DELAY, input.clock),
    };
  }
  return { stage: 'unknown' };
}

/** Lifecycles in which the para changes at a coming session boundary (`paras.actionsQueue`). */
const CHANGING: Readonly<Record<string, 'offboarding' | 'lifecycle-change'>> = {
  OffboardingParathread: 'offboarding',
  OffboardingParachain: 'offboarding',
  UpgradingParathread: 'lifecycle-change',
  DowngradingParachain: 'lifecycle-change',
};

export type ParaProgress =
  | OnboardingEta
  /** No lifecycle: the id is not registered (reserved only, or never). */
  | { readonly stage: 'not-registered' }
  /** A parathread or parachain: onboarding is over. */
  | { readonly stage: 'onboarded' }
  /** Leaving (offboarding) or changing between parathread and parachain at `eta.targetSession`. */
  | { readonly stage: 'offboarding' | 'lifecycle-change'; readonly eta: SessionEta };

/**
 * Where a para stands in its life, with when the next change lands. The one
 * ETA of the console: the read model streams it (`onboardingEta`), the
 * wizard and the Parachains page show it.
 *
 * Measured on Rococo 9430 under chopsticks: code trusted in session s lands
 * in `actionsQueue(s + 2)` and the para is a parathread once session s + 2
 * starts: two session changes (SESSION_DELAY), so the queue of the next two
 * sessions is the one to read.
 */
export function paraProgress(input: {
  readonly clock: SessionClock;
  readonly lifecycle?: string;
  readonly queuedSession?: number;
  readonly pvfVote?: PvfVoteProgress;
}): ParaProgress {
  const { lifecycle } = input;
  if (lifecycle === undefined) return { stage: 'not-registered' };
  if (lifecycle === 'Onboarding') return onboardingEta(input);
  const changing = CHANGING[lifecycle];
  if (changing !== undefined) {
    // Queued for a session change; when the queue is not read (yet), the next boundary is the earliest it can be.
    return { stage: changing, eta: etaToSession(input.queuedSession ?? input.clock.currentSession + 1, input.clock) };
  }
  return { stage: 'onboarded' };
}
