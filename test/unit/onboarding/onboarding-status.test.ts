import { describe, expect, it } from 'vitest';
import { onboardingEta } from '../../../main/chain/calc/onboarding-eta';
import { toView } from '../../../main/onboarding/onboarding-status';

// Six-second blocks, 600-block sessions, 300 blocks into session 100; 300 validators need 201 accepting votes.
const clock = { currentSession: 100, currentBlock: 60_300, sessionLengthBlocks: 600, blockTimeMs: 6_000, currentSessionStartBlock: 60_000 };

describe('what the wizard says while a para onboards', () => {
  it('shows the PVF vote with the votes still needed and the earliest parathread session', () => {
    const view = toView('Onboarding', 100, onboardingEta({ clock, pvfVote: { votesAccept: 120, votesReject: 2, validatorCount: 300 } }), 1);
    expect(view).toMatchObject({ stage: 'pvf-check', votesAccept: 120, votesNeeded: 81, verdict: 'pending', targetSession: 102, sessionsToGo: 2, ageSessions: 1 });
    // The rest of session 100 (300 blocks) and all of session 101 (600 blocks).
    expect(view.etaMinMs).toBe(900 * 6_000);
    expect(view.etaMaxMs).toBe(view.etaMinMs);
  });

  it('counts down to the session whose actions queue holds the accepted para', () => {
    expect(toView('Onboarding', 100, onboardingEta({ clock, queuedSession: 101 }))).toMatchObject({ stage: 'queued', targetSession: 101, sessionsToGo: 1, etaMinMs: 300 * 6_000 });
  });

  it('says so when neither the vote nor the queue shows the para', () => {
    expect(toView(undefined, 100, onboardingEta({ clock }))).toEqual({ currentSession: 100, stage: 'unknown' });
  });
});
