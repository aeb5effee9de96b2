import { describe, expect, it } from 'vitest';
import { paraProgress, votesStillNeeded } from '../../../main/chain/calc/onboarding-eta';
import { toStatusView } from '../../../main/onboarding/onboarding-status';

// Six-second blocks, 600-block sessions, 300 blocks into session 100; 300 validators need 201 accepting votes.
const clock = { currentSession: 100, currentBlock: 60_300, sessionLengthBlocks: 600, blockTimeMs: 6_000, currentSessionStartBlock: 60_000 };

describe('where a para stands in its life, as the wizard and the Parachains page say it', () => {
  it('shows the registration vote with the votes still needed and the earliest parathread session, two session changes after it passes', () => {
    const progress = paraProgress({ clock, lifecycle: 'Onboarding', pvfVote: { votesAccept: 120, votesReject: 2, validatorCount: 300 } });
    expect(progress).toMatchObject({ stage: 'pvf-check', votesNeeded: 81, verdict: 'pending', earliest: { targetSession: 102, sessionsToGo: 2 } });
    // The rest of session 100 (300 blocks) and all of session 101 (600 blocks).
    if (progress.stage === 'pvf-check') expect(progress.earliest.minMs).toBe(900 * 6_000);
  });

  it('counts down to the session whose actions queue holds the accepted para', () => {
    expect(paraProgress({ clock, lifecycle: 'Onboarding', queuedSession: 102 })).toMatchObject({ stage: 'queued', eta: { targetSession: 102, sessionsToGo: 2, minMs: 900 * 6_000 } });
  });

  it('names a finished parathread onboarded, an offboarding para offboarding, and a lifecycle change as such', () => {
    expect(paraProgress({ clock, lifecycle: 'Parathread' })).toEqual({ stage: 'onboarded' });
    expect(paraProgress({ clock, lifecycle: 'Parachain' })).toEqual({ stage: 'onboarded' });
    expect(paraProgress({ clock, lifecycle: 'OffboardingParathread', queuedSession: 101 })).toMatchObject({ stage: 'offboarding', eta: { targetSession: 101, minMs: 300 * 6_000 } });
    expect(paraProgress({ clock, lifecycle: 'OffboardingParachain' })).toMatchObject({ stage: 'offboarding', eta: { targetSession: 101 } });
    expect(paraProgress({ clock, lifecycle: 'UpgradingParathread', queuedSession: 102 })).toMatchObject({ stage: 'lifecycle-change', eta: { targetSession: 102 } });
    expect(paraProgress({ clock })).toEqual({ stage: 'not-registered' });
  });

  it('counts the accepting votes still missing the same way for a registration and a code upgrade, never below none', () => {
    expect(votesStillNeeded({ votesAccept: 120, votesReject: 2, validatorCount: 300 })).toBe(81);
    expect(votesStillNeeded({ votesAccept: 250, votesReject: 0, validatorCount: 300 })).toBe(0);
  });

  it('says so when an onboarding para shows neither a vote nor a queue entry', () => {
    expect(paraProgress({ clock, lifecycle: 'Onboarding' })).toEqual({ stage: 'unknown' });
  });

  it('answers onboarding.status with the read model value itself', () => {
    expect(toStatusView({ kind: 'onboardingEta', paraId: 2000, stage: 'onboarded', lifecycle: 'Parathread', currentSession: 7 })).toEqual({ paraId: 2000, stage: 'onboarded', lifecycle: 'Parathread', currentSession: 7 });
  });
});
