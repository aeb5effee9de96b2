import { describe, expect, it } from 'vitest';
import { diagnosisEvidenceSchema, type DiagnosisCause, type DiagnosisEvidence } from '../../../../shared/contract/diagnosis';
import { diagnose, stallRelayBlocks } from '../../../../main/health/diagnosis/diagnose';

/**
 * Each combination of evidence and the cause it names. The evidence is the
 * contract's own shape (parsed by its schema), so a case that the gatherers
 * could not produce does not pass here either.
 */

const PARA = 2000;
const HEAD = 1_000;

type Parts = Partial<Omit<DiagnosisEvidence, 'paraId' | 'blockTimeMs' | 'relayBlockTimeMs'>>;

/** A collator of a para that holds a core, whose candidates stopped being included 10 relay blocks ago, and every other part healthy. */
function stalledCollator(parts: Parts = {}): DiagnosisEvidence {
  return diagnosisEvidenceSchema.parse({
    paraId: PARA,
    collatorId: 'alice',
    blockTimeMs: 6_000,
    relayBlockTimeMs: 6_000,
    registration: { read: true, lifecycle: 'Parachain' },
    blockspace: { read: true, relayBlock: HEAD, claimedCores: [0], assignedCores: [0], leasePeriodsHeld: 0, leaseEndsAtRelayBlock: null, legacyDedicatedCore: false, onDemandPoolCores: 0, onDemandOrdersQueued: 0, orderingAccount: null, regionEndedAtRelayBlock: null },
    inclusion: { read: true, fromRelayBlock: HEAD - 20, toRelayBlock: HEAD, backed: 0, included: 0, timedOut: 0, lastBackedRelayBlock: null, lastIncludedRelayBlock: null, lastTimedOutRelayBlock: null },
    collations: { read: true, generated: 40, advertised: 40, sendRequested: 40, sent: 40, backed: 10, included: 10, meanInclusionLatencyBlocks: 1, expiredByState: {} },
    relayNode: { read: true, best: HEAD, finalized: HEAD - 2, syncTarget: HEAD, peers: 12, majorSyncing: false, chainBest: HEAD },
    paraNode: { read: true, best: 500, finalized: 498, syncTarget: 500, peers: 3, majorSyncing: false, chainBest: null },
    keys: { read: true, accountsWithKeysInKeystore: ['5Alice'], accountsWithKeysOnChain: 2, authorityCount: 2, authorityKeyHeld: `0x${'aa'.repeat(32)}`, queuedForNextSession: true, collatorSelection: { invulnerable: true, candidate: false } },
    code: { read: true, upgradeAppliesAtRelayBlock: null, upgradeCodeHash: null, relayHeadNumber: 500, relayHeadHash: `0x${'11'.repeat(32)}`, nodeHashAtRelayHead: `0x${'11'.repeat(32)}` },
    ...parts,
  });
}

/** The same para seen without a collator: only the relay's side. */
function stalledPara(parts: Parts = {}): DiagnosisEvidence {
  const { collatorId: _omit, ...rest } = stalledCollator(parts);
  const notACollator = { read: false as const, why: 'the subject is a parachain' };
  return { ...rest, collations: notACollator, relayNode: notACollator, paraNode: notACollator, keys: notACollator, ...parts };
}

const base = stalledCollator();
const noCore = { ...base.blockspace, read: true as const, relayBlock: HEAD, claimedCores: [], assignedCores: [] } as Extract<DiagnosisEvidence['blockspace'], { read: true }>;
const included = (lastIncluded: number) => ({ read: true as const, fromRelayBlock: HEAD - 20, toRelayBlock: HEAD, backed: 5, included: 5, timedOut: 0, lastBackedRelayBlock: lastIncluded - 1, lastIncludedRelayBlock: lastIncluded, lastTimedOutRelayBlock: null });
const collations = (figures: Partial<Extract<DiagnosisEvidence['collations'], { read: true }>>) => ({ ...(base.collations as Extract<DiagnosisEvidence['collations'], { read: true }>), ...figures });
const keys = (figures: Partial<Extract<DiagnosisEvidence['keys'], { read: true }>>) => ({ ...(base.keys as Extract<DiagnosisEvidence['keys'], { read: true }>), ...figures });
const relayNode = (figures: Partial<Extract<DiagnosisEvidence['relayNode'], { read: true }>>) => ({ ...(base.relayNode as Extract<DiagnosisEvidence['relayNode'], { read: true }>), ...figures });

const table: Array<{ name: string; evidence: DiagnosisEvidence; cause: DiagnosisCause; verdict: string; words?: RegExp }> = [
  { name: 'a para the relay does not have', evidence: stalledPara({ registration: { read: true, lifecycle: null } }), cause: 'not-registered', verdict: 'problem' },
  { name: 'a para still onboarding', evidence: stalledPara({ registration: { read: true, lifecycle: 'Onboarding' } }), cause: 'onboarding', verdict: 'idle' },
  { name: 'a para offboarding', evidence: stalledPara({ registration: { read: true, lifecycle: 'OffboardingParathread' } }), cause: 'offboarding', verdict: 'problem' },
  { name: 'no lease, no region, no order', evidence: stalledPara({ blockspace: { ...noCore, onDemandPoolCores: null, onDemandOrdersQueued: null } }), cause: 'no-core', verdict: 'idle', words: /^No core assigned/ },
  { name: 'a region that ended', evidence: stalledPara({ blockspace: { ...noCore, regionEndedAtRelayBlock: 960 } }), cause: 'region-ended', verdict: 'idle', words: /^No core assigned: the region ended at relay block 960\.$/ },
  { name: 'a lease that ended', evidence: stalledPara({ registration: { read: true, lifecycle: 'DowngradingParachain' }, blockspace: noCore }), cause: 'lease-ended', verdict: 'idle' },
  { name: 'an idle on-demand para: no order placed', evidence: stalledPara({ blockspace: { ...noCore, onDemandPoolCores: 1, onDemandOrdersQueued: 0 } }), cause: 'on-demand-no-order', verdict: 'idle' },
  { name: 'an on-demand para whose ordering account cannot pay one order', evidence: stalledPara({ blockspace: { ...noCore, onDemandPoolCores: 1, onDemandOrdersQueued: 0, orderingAccount: { address: '5Dave', spendablePlanck: '10', orderPricePlanck: '1000' } } }), cause: 'on-demand-no-funds', verdict: 'idle' },
  // Blockspace first: with no core, a collator whose figures all read badly is still not blamed.
  { name: 'no core, and a collator with no peers and no keys', evidence: stalledCollator({ blockspace: { ...noCore, onDemandPoolCores: 1 }, relayNode: relayNode({ peers: 0 }), keys: keys({ authorityKeyHeld: null, accountsWithKeysInKeystore: [] }), collations: collations({ generated: 0 }) }), cause: 'on-demand-no-order', verdict: 'idle' },
  { name: 'an order queued counts as a core', evidence: stalledPara({ blockspace: { ...noCore, onDemandPoolCores: 1, onDemandOrdersQueued: 1 } }), cause: 'not-backed', verdict: 'problem' },
  { name: 'a lease counts as a core', evidence: stalledPara({ blockspace: { ...noCore, leasePeriodsHeld: 3, leaseEndsAtRelayBlock: 9_000 } }), cause: 'not-backed', verdict: 'problem' },
  { name: 'a Parachain before coretime has a core of its own', evidence: stalledPara({ blockspace: { ...noCore, legacyDedicatedCore: true } }), cause: 'not-backed', verdict: 'problem' },
  { name: 'the relay node has no peers', evidence: stalledCollator({ relayNode: relayNode({ peers: 0 }), collations: collations({ advertised: 0, sent: 0 }) }), cause: 'relay-node-no-peers', verdict: 'problem', words: /^Collations generated but never advertised: the relay node has 0 peers\.$/ },
  { name: 'the relay node is far behind the relay', evidence: stalledCollator({ relayNode: relayNode({ best: HEAD - 50, majorSyncing: false }) }), cause: 'relay-node-syncing', verdict: 'problem' },
  { name: 'the para node is major-syncing', evidence: stalledCollator({ paraNode: { read: true, best: 10, finalized: 8, syncTarget: 500, peers: 3, majorSyncing: true, chainBest: null } }), cause: 'para-node-syncing', verdict: 'problem' },
  { name: 'no session keys on chain and none held', evidence: stalledCollator({ keys: keys({ authorityKeyHeld: null, accountsWithKeysInKeystore: [], accountsWithKeysOnChain: 0 }) }), cause: 'keys-not-set', verdict: 'problem' },
  { name: 'session keys on chain, none in this keystore', evidence: stalledCollator({ keys: keys({ authorityKeyHeld: null, accountsWithKeysInKeystore: [] }) }), cause: 'keys-not-in-keystore', verdict: 'problem' },
  { name: 'keys held and set, but not yet an authority', evidence: stalledCollator({ keys: keys({ authorityKeyHeld: null, queuedForNextSession: false, collatorSelection: null }) }), cause: 'not-in-authority-set', verdict: 'problem', words: /Aura key is not in the authority set/ },
  { name: 'keys set, neither invulnerable nor candidate', evidence: stalledCollator({ keys: keys({ authorityKeyHeld: null, collatorSelection: { invulnerable: false, candidate: false } }) }), cause: 'not-in-authority-set', verdict: 'problem', words: /neither an invulnerable nor a candidate/ },
  { name: 'no collation generated', evidence: stalledCollator({ collations: collations({ generated: 0, advertised: 0, sent: 0 }) }), cause: 'collations-not-generated', verdict: 'problem' },
  { name: 'generated, never advertised, with peers', evidence: stalledCollator({ collations: collations({ advertised: 0, sent: 0 }) }), cause: 'collations-not-advertised', verdict: 'problem', words: /relay node has 12 peers/ },
  { name: 'advertised, never fetched', evidence: stalledCollator({ collations: collations({ sent: 0, expiredByState: { advertised: 7 } }) }), cause: 'collations-not-fetched', verdict: 'problem', words: /7 expired as advertised/ },
  { name: "the collator's chain is on another fork", evidence: stalledCollator({ code: { read: true, upgradeAppliesAtRelayBlock: null, upgradeCodeHash: null, relayHeadNumber: 500, relayHeadHash: `0x${'11'.repeat(32)}`, nodeHashAtRelayHead: `0x${'22'.repeat(32)}` } }), cause: 'head-mismatch', verdict: 'problem' },
  { name: 'backed, not included for 5 blocks', evidence: stalledPara({ inclusion: { read: true, fromRelayBlock: HEAD - 20, toRelayBlock: HEAD, backed: 3, included: 0, timedOut: 1, lastBackedRelayBlock: HEAD - 5, lastIncludedRelayBlock: null, lastTimedOutRelayBlock: HEAD - 2 } }), cause: 'backed-not-included', verdict: 'problem', words: /^Backed but not included for 5 relay blocks, 1 timed out: / },
  { name: 'nothing backed while an upgrade is scheduled', evidence: stalledPara({ code: { read: true, upgradeAppliesAtRelayBlock: 1_010, upgradeCodeHash: `0x${'33'.repeat(32)}`, relayHeadNumber: 500, relayHeadHash: `0x${'11'.repeat(32)}`, nodeHashAtRelayHead: null } }), cause: 'code-upgrade-pending', verdict: 'problem' },
  { name: "nothing backed while an upgrade's pre-check runs", evidence: stalledPara({ code: { read: true, upgradeAppliesAtRelayBlock: null, upgradeCodeHash: `0x${'33'.repeat(32)}`, relayHeadNumber: 500, relayHeadHash: `0x${'11'.repeat(32)}`, nodeHashAtRelayHead: null } }), cause: 'code-upgrade-pending', verdict: 'problem', words: /its pre-check still running/ },
  { name: 'nothing backed, nothing else wrong', evidence: stalledPara(), cause: 'not-backed', verdict: 'problem' },
  { name: 'included one relay block ago', evidence: stalledPara({ inclusion: included(HEAD - 1) }), cause: 'advancing', verdict: 'ok' },
  // An on-demand para whose last order was included is advancing, though it holds no core now.
  { name: 'included recently, holding no core now', evidence: stalledPara({ inclusion: included(HEAD - 1), blockspace: { ...noCore, onDemandPoolCores: 1 } }), cause: 'advancing', verdict: 'ok' },
  { name: 'the para advances, this collator is not an authority', evidence: stalledCollator({ inclusion: included(HEAD), keys: keys({ authorityKeyHeld: null }) }), cause: 'not-in-authority-set', verdict: 'problem' },
  { name: 'nothing could be read', evidence: stalledPara({ registration: { read: false, why: 'not connected' }, blockspace: { read: false, why: 'not connected' }, inclusion: { read: false, why: 'not connected' }, code: { read: false, why: 'not connected' } }), cause: 'unknown', verdict: 'unknown' },
];

describe('diagnose: each combination of evidence names its cause', () => {
  it.each(table)('$name → $cause', ({ evidence, cause, verdict, words }) => {
    const found = diagnose(evidence);
    expect(found.cause).toBe(cause);
    expect(found.verdict).toBe(verdict);
    if (words) expect(found.words).toMatch(words);
    expect(found.nextStep.length).toBeGreaterThan(0);
  });

  it('availability is not the operator\'s to fix; blockspace is', () => {
    const availability = table.find((row) => row.cause === 'backed-not-included');
    expect(diagnose(availability!.evidence).operatorCanFix).toBe(false);
    expect(diagnose(stalledPara({ blockspace: { ...noCore, onDemandPoolCores: 1 } })).operatorCanFix).toBe(true);
  });

  it('lists the chain of checks with each one\'s evidence, the collator\'s only for a collator', () => {
    const forCollator = diagnose(stalledCollator({ collations: collations({ advertised: 0, sent: 0 }) }));
    expect(forCollator.checks.map((check) => check.id)).toEqual(['registration', 'blockspace', 'inclusion', 'relay-node', 'para-node', 'keys', 'collations', 'head', 'code']);
    expect(forCollator.checks.find((check) => check.id === 'collations')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('advertised 0') });
    expect(forCollator.checks.find((check) => check.id === 'blockspace')).toMatchObject({ status: 'pass', evidence: expect.stringContaining('claim queue of core 0') });
    const forPara = diagnose(stalledPara({ registration: { read: false, why: 'the relay chain is not connected' } }));
    expect(forPara.checks.map((check) => check.id)).toEqual(['registration', 'blockspace', 'inclusion', 'head', 'code']);
    expect(forPara.checks[0]).toMatchObject({ status: 'not-read', evidence: 'Not read: the relay chain is not connected' });
  });

  it('counts a stall in two of the para\'s block times, in relay blocks', () => {
    expect(stallRelayBlocks({ blockTimeMs: 6_000, relayBlockTimeMs: 6_000 })).toBe(2);
    expect(stallRelayBlocks({ blockTimeMs: 12_000, relayBlockTimeMs: 6_000 })).toBe(4);
    expect(stallRelayBlocks({ blockTimeMs: 2_000, relayBlockTimeMs: 6_000 })).toBe(1);
  });
});
