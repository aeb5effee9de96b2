import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../../../main/chain/connection/connection-pool';
import { DiagnosisService } from '../../../../main/health/diagnosis/diagnosis-service';
import { readBlockspaceEvidence } from '../../../../main/health/diagnosis/relay-evidence';
import { silentLogger } from '../../../../main/logging/logger';
import { diagnosisSchema } from '../../../../shared/contract/diagnosis';
import { ordersInOneBlock, parathreadOnAnOnDemandCore, TINY_VALIDATION_CODE } from '../../../fixtures/on-demand-stand-ins';
import { trustValidationCode } from '../../../fixtures/network-stand-ins';
import { candidateEventsAtHead } from '../../../fixtures/candidate-events';
import { realChainsMissing, startRealChain, type RealChain } from '../../../fixtures/real-chains';

/**
 * The relay's side of a diagnosis on the real runtimes under chopsticks,
 * read through the chain layer's own connection pool: a Paseo parathread on
 * an on-demand core with no order (no core: never the collator's fault),
 * then with an order; its candidates backed and included, as real
 * `paraInclusion` events encoded with the Paseo runtime's own metadata; and
 * a lease on the Rococo 9430 relay, before coretime.
 */

const paseoMissing = realChainsMissing('paseo-relay');
const rococoMissing = realChainsMissing('rococo-9430-relay');

async function relayPool(relay: RealChain): Promise<ConnectionPool> {
  const pool = new ConnectionPool({ log: silentLogger });
  await pool.open({ networkId: `local-${relay.name}`, role: 'relay', endpoints: [relay.wsUrl] });
  await pool.api('relay', 60_000);
  return pool;
}

describe.skipIf(paseoMissing)('diagnosis on the real Paseo relay', { timeout: 600_000 }, () => {
  let relay: RealChain;
  let pool: ConnectionPool;
  let paraId: number;
  let orderingAccount: string | undefined;

  const service = () => new DiagnosisService({
    connections: pool,
    collator: () => undefined,
    blockTimes: () => ({ blockTimeMs: 6_000, relayBlockTimeMs: 6_000 }),
    orderingAccountOf: () => orderingAccount,
  });

  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    paraId = await parathreadOnAnOnDemandCore(relay, relay.account('//Bob'));
    // The pool assignment takes effect from the block after governance's assignCore.
    await relay.newBlocks({ count: 2 });
    pool = await relayPool(relay);
  });
  afterAll(async () => {
    await pool?.closeAll();
    await relay?.stop();
  });

  it('an idle on-demand para gets "no core", never a collator cause', async () => {
    const diagnosis = diagnosisSchema.parse(await service().read({ kind: 'parachain', paraId }));
    expect(diagnosis.evidence.registration).toEqual({ read: true, lifecycle: 'Parathread' });
    expect(diagnosis.evidence.blockspace).toMatchObject({ read: true, claimedCores: [], assignedCores: [], onDemandPoolCores: 1, onDemandOrdersQueued: 0, leasePeriodsHeld: 0 });
    expect(diagnosis.cause).toBe('on-demand-no-order');
    expect(diagnosis.verdict).toBe('idle');
    expect(diagnosis.words).toMatch(/^No core assigned: para \d+ is on demand and no order is placed for it/);
    expect(diagnosis.checks.find((check) => check.id === 'blockspace')?.status).toBe('fail');
  });

  it('an ordering account that cannot pay one order is named', async () => {
    orderingAccount = relay.account('//DiagnosisEmpty').address;
    try {
      const diagnosis = await service().read({ kind: 'parachain', paraId });
      expect(diagnosis.cause).toBe('on-demand-no-funds');
      expect(diagnosis.evidence.blockspace).toMatchObject({ orderingAccount: { address: orderingAccount, spendablePlanck: '0', orderPricePlanck: expect.stringMatching(/^[1-9]\d*$/) } });
    } finally {
      orderingAccount = undefined;
    }
  });

  it('a para the relay does not have is "not registered"', async () => {
    const diagnosis = await service().read({ kind: 'parachain', paraId: 3_999 });
    expect(diagnosis.cause).toBe('not-registered');
    expect(diagnosis.evidence.registration).toEqual({ read: true, lifecycle: null });
  });

  it('with an order placed the para holds a core, and the relay side is weighed: nothing backed', async () => {
    await ordersInOneBlock(relay, relay.account('//Charlie'), paraId, 1, 10n ** 13n);
    const diagnosis = await service().read({ kind: 'parachain', paraId });
    const blockspace = diagnosis.evidence.blockspace;
    if (!blockspace.read) throw new Error(blockspace.why);
    // Queued in the on-demand queue, or already taken into core 0's claim queue.
    expect(blockspace.onDemandOrdersQueued! + blockspace.claimedCores.length).toBeGreaterThan(0);
    expect(diagnosis.checks.find((check) => check.id === 'blockspace')?.status).toBe('pass');
    expect(diagnosis.cause).toBe('not-backed');
    expect(diagnosis.evidence.inclusion).toMatchObject({ read: true, backed: 0, included: 0 });
  });

  it('reads a candidate backed and not included from real paraInclusion events: availability, not the operator\'s', async () => {
    await relay.newBlocks({ count: 1 });
    const head = await relay.head();
    await candidateEventsAtHead(relay, [{ kind: 'CandidateBacked', paraId }, { kind: 'CandidateIncluded', paraId: paraId + 1 }]);
    const diagnosis = await service().read({ kind: 'parachain', paraId });
    expect(diagnosis.evidence.inclusion).toMatchObject({ read: true, toRelayBlock: head, backed: 1, included: 0, lastBackedRelayBlock: head, lastIncludedRelayBlock: null });
    expect(diagnosis.cause).toBe('backed-not-included');
    expect(diagnosis.operatorCanFix).toBe(false);
  });

  it('reads a candidate included at the head from real paraInclusion events: advancing', async () => {
    await relay.newBlocks({ count: 1 });
    const head = await relay.head();
    await candidateEventsAtHead(relay, [{ kind: 'CandidateIncluded', paraId, headNumber: 7 }]);
    const diagnosis = await service().read({ kind: 'parachain', paraId });
    expect(diagnosis.evidence.inclusion).toMatchObject({ read: true, included: 1, lastIncludedRelayBlock: head });
    expect(diagnosis.cause).toBe('advancing');
    expect(diagnosis.verdict).toBe('ok');
  });

  it('a scheduled code upgrade is named when nothing is backed while the para holds a core', async () => {
    // Another trusted code (governance in place of the validators' pre-check), scheduled for the para as root would.
    const newCode = `${TINY_VALIDATION_CODE}01` as const;
    await trustValidationCode(relay, newCode);
    await relay.sudo(relay.tx('paras', 'forceScheduleCodeUpgrade', paraId, newCode, await relay.head()));
    await ordersInOneBlock(relay, relay.account('//Charlie'), paraId, 1, 10n ** 13n);
    await relay.newBlocks({ count: 2 });
    const diagnosis = await service().read({ kind: 'parachain', paraId });
    const code = diagnosis.evidence.code;
    if (!code.read) throw new Error(code.why);
    expect(code.upgradeCodeHash).toBe(blake2AsHex(hexToU8a(newCode), 256));
    expect(diagnosis.checks.find((check) => check.id === 'code')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('A code upgrade is under way: code ') });
    expect(diagnosis.cause).toBe('code-upgrade-pending');
  });

  it('a para registered after the session change is still onboarding: nothing to fix on the operator\'s side', async () => {
    const manager = relay.account('//Dave');
    const reserved = await relay.submit(relay.tx('registrar', 'reserve'), manager);
    const event = reserved.events.find(({ event: e }) => e.section === 'registrar' && e.method === 'Reserved');
    const newPara = Number(event?.event.data[0]?.toString());
    await relay.submit(relay.tx('registrar', 'register', newPara, '0x00', TINY_VALIDATION_CODE), manager);
    const diagnosis = await service().read({ kind: 'parachain', paraId: newPara });
    expect(diagnosis.evidence.registration).toEqual({ read: true, lifecycle: 'Onboarding' });
    expect(diagnosis.cause).toBe('onboarding');
    expect(diagnosis.operatorCanFix).toBe(false);
  });
});

describe.skipIf(rococoMissing)('diagnosis on the real Rococo 9430 relay (before coretime)', { timeout: 600_000 }, () => {
  let relay: RealChain;
  let api: ApiPromise;
  let pool: ConnectionPool;

  beforeAll(async () => {
    relay = await startRealChain('rococo-9430-relay');
    pool = await relayPool(relay);
    api = await pool.api('relay');
  });
  afterAll(async () => {
    await pool?.closeAll();
    await relay?.stop();
  });

  it('reads a lease from slots.leases, and that this relay has no on-demand pool', async () => {
    const reserved = await relay.submit(relay.tx('registrar', 'reserve'), relay.alice);
    const event = reserved.events.find(({ event: e }) => e.section === 'registrar' && e.method === 'Reserved');
    const paraId = Number(event?.event.data[0]?.toString());
    const before = await readBlockspaceEvidence(api, paraId, { lifecycle: null });
    expect(before).toMatchObject({ leasePeriodsHeld: 0, leaseEndsAtRelayBlock: null, onDemandPoolCores: null, legacyDedicatedCore: false, claimedCores: [] });

    const lease = () => relay.sudo(relay.tx('slots', 'forceLease', paraId, relay.alice.address, 10n ** 13n, 0, 2));
    // A session-end block has no room for it; chopsticks then drops it, and the next block takes it.
    await lease().catch(async () => {
      await relay.newBlocks();
      return lease();
    });
    const after = await readBlockspaceEvidence(api, paraId, { lifecycle: null });
    const leasePeriod = Number(relay.constant('slots', 'leasePeriod').toString());
    const offset = Number(relay.constant('slots', 'leaseOffset').toString());
    expect(after).toMatchObject({ read: true, leasePeriodsHeld: 2, leaseEndsAtRelayBlock: offset + 2 * leasePeriod, onDemandPoolCores: null, onDemandOrdersQueued: null });

    // A reserved para with a lease is still not registered: registration is weighed first.
    const diagnosis = await new DiagnosisService({ connections: pool, collator: () => undefined, blockTimes: () => ({ blockTimeMs: 12_000, relayBlockTimeMs: 6_000 }) }).read({ kind: 'parachain', paraId });
    expect(diagnosis.cause).toBe('not-registered');
    expect(diagnosis.checks.find((check) => check.id === 'blockspace')).toMatchObject({ status: 'pass', evidence: expect.stringContaining(`2 lease periods held (until relay block ${(offset + 2 * leasePeriod).toLocaleString('en-US')})`) });
  });
});
