import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { diagnosisSchema, type DiagnosisEvidence } from '../../../../shared/contract/diagnosis';
import { diagnose } from '../../../../main/health/diagnosis/diagnose';
import { DiagnosisView } from '../../../../renderer/src/features/diagnosis/WhyNotAdvancing';
import { causeCheckId, verdictBadge, whoseMove } from '../../../../renderer/src/features/diagnosis/diagnosis-view';

/** The panel shows what `diagnose` concluded: the cause in words, the next step, each check with its evidence. */

const notACollator = { read: false as const, why: 'the subject is a parachain' };
const idleOnDemand: DiagnosisEvidence = {
  paraId: 2000,
  blockTimeMs: 6_000,
  relayBlockTimeMs: 6_000,
  registration: { read: true, lifecycle: 'Parathread' },
  blockspace: { read: true, relayBlock: 1_200, claimedCores: [], assignedCores: [], leasePeriodsHeld: 0, leaseEndsAtRelayBlock: null, legacyDedicatedCore: false, onDemandPoolCores: 1, onDemandOrdersQueued: 0, orderingAccount: null, regionEndedAtRelayBlock: null },
  inclusion: { read: true, fromRelayBlock: 1_181, toRelayBlock: 1_200, backed: 0, included: 0, timedOut: 0, lastBackedRelayBlock: null, lastIncludedRelayBlock: null, lastTimedOutRelayBlock: null },
  collations: notACollator,
  relayNode: notACollator,
  paraNode: notACollator,
  keys: notACollator,
  code: { read: false, why: 'the relay holds no head for the para' },
};

function diagnosisOf(evidence: DiagnosisEvidence) {
  return diagnosisSchema.parse({ subject: { kind: 'parachain', paraId: evidence.paraId }, paraId: evidence.paraId, ...diagnose(evidence), evidence, readAtMs: 0 });
}

describe('the "Why not advancing?" panel', () => {
  it('shows an idle on-demand para as having no blockspace, the blockspace check failing with its evidence', () => {
    const diagnosis = diagnosisOf(idleOnDemand);
    const html = renderToStaticMarkup(<DiagnosisView diagnosis={diagnosis} />);
    expect(html).toContain('No blockspace');
    expect(html).toContain('No core assigned: para 2000 is on demand and no order is placed for it');
    expect(html).toContain('Your move: ');
    expect(html).toContain('class="diagnosis-check is-fail is-cause"');
    expect(html).toContain('1 on-demand core; 0 orders queued for it');
    expect(html).toContain('Not read: the relay holds no head for the para');
  });

  it('says availability is nothing to do on the operator\'s side', () => {
    const diagnosis = diagnosisOf({ ...idleOnDemand, blockspace: { ...idleOnDemand.blockspace, read: true, relayBlock: 1_200, claimedCores: [0] } as DiagnosisEvidence['blockspace'], inclusion: { read: true, fromRelayBlock: 1_181, toRelayBlock: 1_200, backed: 2, included: 0, timedOut: 0, lastBackedRelayBlock: 1_195, lastIncludedRelayBlock: null, lastTimedOutRelayBlock: null } });
    expect(diagnosis.cause).toBe('backed-not-included');
    expect(whoseMove(diagnosis)).toBe('Nothing to do on your side');
    expect(causeCheckId(diagnosis)).toBe('inclusion');
    expect(verdictBadge(diagnosis)).toEqual({ label: 'Not advancing', className: 'badge badge-crit' });
  });
});
