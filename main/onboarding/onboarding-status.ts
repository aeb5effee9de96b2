import type { ApiPromise } from '@polkadot/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { OnboardingStatusView } from '../../shared/contract/onboarding';
import { onboardingEta, queuedOnboardingSession } from '../chain/calc/onboarding-eta';
import { parasActionsQueue, parasLifecycle, parasPvfActiveVote } from '../chain/storage/paras';
import { babeEpochStart, readEpochTiming, sessionCurrentIndex } from '../chain/storage/session';
import { readItem } from '../chain/storage/storage-item';

/** Sessions ahead whose actions queue may hold a para accepted by the PVF vote. */
const LOOKAHEAD_SESSIONS = 3;

/**
 * Where a registering para stands: the validators' PVF pre-check vote on its
 * code and the session at which it becomes a parathread, with a wall-clock
 * ETA. This is the wait operators otherwise sit through without knowing why.
 */
export async function readOnboardingStatus(relay: ApiPromise, paraId: number, validationCodeHex: string | undefined, fallbackBlockTimeMs: number): Promise<OnboardingStatusView> {
  const lifecycle = await readItem(relay, parasLifecycle, paraId);
  const currentSession = (await readItem(relay, sessionCurrentIndex)) ?? 0;
  const timing = readEpochTiming(relay);
  const epochStart = await readItem(relay, babeEpochStart).catch(() => undefined);
  const currentBlock = (await relay.rpc.chain.getHeader()).number.toNumber();
  const clock = {
    currentSession,
    currentBlock,
    sessionLengthBlocks: timing?.epochLengthBlocks ?? 600,
    blockTimeMs: timing?.expectedBlockTimeMs ?? fallbackBlockTimeMs,
    ...(epochStart ? { currentSessionStartBlock: epochStart.currentStartBlock } : {}),
  };
  const actions = new Map<number, number[]>();
  for (let session = currentSession + 1; session <= currentSession + LOOKAHEAD_SESSIONS; session++) {
    actions.set(session, (await readItem(relay, parasActionsQueue, session)) ?? []);
  }
  const vote = validationCodeHex ? await readItem(relay, parasPvfActiveVote, blake2AsHex(validationCodeHex, 256)) : undefined;
  const eta = onboardingEta({ clock, queuedSession: queuedOnboardingSession(paraId, actions), ...(vote ? { pvfVote: vote } : {}) });
  return toView(lifecycle, currentSession, eta, vote?.ageSessions);
}

export function toView(lifecycle: string | undefined, currentSession: number, eta: ReturnType<typeof onboardingEta>, ageSessions?: number): OnboardingStatusView {
  const base = { ...(lifecycle ? { lifecycle } : {}), currentSession };
  switch (eta.stage) {
    case 'queued':
      return { ...base, stage: 'queued', targetSession: eta.eta.targetSession, sessionsToGo: eta.eta.sessionsToGo, etaMinMs: eta.eta.minMs, etaMaxMs: eta.eta.maxMs };
    case 'pvf-check':
      return {
        ...base,
        stage: 'pvf-check',
        votesAccept: eta.vote.votesAccept,
        votesReject: eta.vote.votesReject,
        validatorCount: eta.vote.validatorCount,
        votesNeeded: eta.votesNeeded,
        verdict: eta.verdict,
        ...(ageSessions === undefined ? {} : { ageSessions }),
        targetSession: eta.earliest.targetSession,
        sessionsToGo: eta.earliest.sessionsToGo,
        etaMinMs: eta.earliest.minMs,
        etaMaxMs: eta.earliest.maxMs,
      };
    default:
      return { ...base, stage: 'unknown' };
  }
}
