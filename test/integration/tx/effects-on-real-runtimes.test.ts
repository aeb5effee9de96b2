import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventRecord } from '@polkadot/types/interfaces';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { balanceOf, eventsOfExtrinsic, feeCharged, openTxConsole, SETTLED, type TxConsole } from '../../fixtures/tx-console';

/**
 * What the review shows before signing is what the chain then takes: the
 * deposit, the fee and the dry run's verdict, on a runtime whose dry run
 * reports events (Paseo 1009003, `DryRunApi`) and on one that dry-runs only
 * signed bytes (Rococo 9430, `system_dryRun`). Each figure is compared, to the
 * planck, with the chain's own state and events after inclusion.
 */

const CODE = '0x0061736d0100000000000000000000000000000000000000000000000000000000' as const;
const HEAD = '0x00' as const;

function paraIdReserved(events: readonly EventRecord[]): number {
  const reserved = events.find(({ event }) => event.section === 'registrar' && event.method === 'Reserved');
  if (!reserved) throw new Error('no registrar.Reserved');
  return Number(reserved.event.data[0]?.toString());
}

const missingPaseo = realChainsMissing('paseo-relay');

describe.skipIf(missingPaseo)('the review on the Paseo relay 1009003 (DryRunApi): effects from the runtime\'s dry run', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let console_: TxConsole;

  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob'], decimals: 10, ss58Prefix: 0 });
  }, 300_000);
  afterAll(async () => {
    await console_?.close({ remove: true });
    await relay?.stop();
  });

  it('reserves a para id: the deposit from the dry run and the fee are what the chain holds and charges', async () => {
    // At the genesis block the runtime records no events (the pipeline then falls back to its estimate): build one first.
    if ((await relay.head()) === 0) await relay.newBlocks();
    const bob = console_.address('//Bob');
    const estimate = await console_.estimate({ kind: 'reserveParaId' }, '//Bob');
    expect(estimate.effectsSource).toBe('dry-run');
    expect(estimate.effects).toEqual([{ kind: 'held', amountPlanck: expect.stringMatching(/^\d+$/), source: 'dry-run', label: 'Reserved as a deposit' }]);
    const before = await balanceOf(relay.api, bob);
    const record = await console_.submit({ kind: 'reserveParaId' }, '//Bob', 'paseo-reserve');
    const done = await console_.until(record.txId, SETTLED);
    expect(done.phase).toMatch(/in-block|finalized/);
    const after = await balanceOf(relay.api, bob);
    const events = await eventsOfExtrinsic(relay.api, done.blockHash ?? '', done.hash ?? '');
    const fee = feeCharged(events);
    expect((after.reserved - before.reserved).toString()).toBe(estimate.effects[0]?.amountPlanck);
    expect(BigInt(estimate.effects[0]?.amountPlanck ?? 0)).toBe(BigInt(relay.constant('registrar', 'paraDeposit').toString()));
    expect(fee.toString()).toBe(estimate.feePlanck);
    expect(before.free - after.free).toBe(fee + BigInt(estimate.effects[0]?.amountPlanck ?? 0));
  });

  it('registers with a 1-byte head and 36-byte code: the dry run shows the deposit this runtime takes (sized by maxCodeSize)', async () => {
    const bob = console_.address('//Bob');
    // The reserve before it is final once the chain finalizes its block (chopsticks does so as it builds).
    await vi.waitFor(() => expect(console_.chain.pipeline.pending()).toEqual([]), { timeout: 120_000, interval: 500 });
    const paraId = Number((await relay.query('registrar', 'nextFreeParaId')).toString()) - 1;
    const intent = { kind: 'registerPara', paraId, genesisHeadHex: HEAD, validationCodeHex: CODE } as const;
    const estimate = await console_.estimate(intent, '//Bob');
    expect(estimate.effectsSource).toBe('dry-run');
    const held = estimate.effects.filter((effect) => effect.kind === 'held');
    expect(held).toHaveLength(1);
    const paraDeposit = BigInt(relay.constant('registrar', 'paraDeposit').toString());
    // Measured on this runtime: paraDeposit + dataDepositPerByte × (1 + maxCodeSize) in all.
    expect(BigInt(held[0]?.amountPlanck ?? 0) + paraDeposit).toBe(32_457_290_000_000n);
    const before = await balanceOf(relay.api, bob);
    const record = await console_.submit(intent, '//Bob', 'paseo-register');
    const done = await console_.until(record.txId, SETTLED);
    expect(done.phase).toMatch(/in-block|finalized/);
    const after = await balanceOf(relay.api, bob);
    const fee = feeCharged(await eventsOfExtrinsic(relay.api, done.blockHash ?? '', done.hash ?? ''));
    expect((after.reserved - before.reserved).toString()).toBe(held[0]?.amountPlanck);
    expect(fee.toString()).toBe(estimate.feePlanck);
  });

  it('a transfer shows the amount sent, from the dry run', async () => {
    const estimate = await console_.estimate({ kind: 'transfer', role: 'relay', dest: relay.alice.address, amountPlanck: '12345678900' }, '//Bob');
    expect(estimate.effectsSource).toBe('dry-run');
    expect(estimate.effects).toEqual([{ kind: 'transferred', amountPlanck: '12345678900', source: 'dry-run', label: `To ${relay.alice.address}` }]);
  });

  it('a call the runtime would refuse: the dry run says why and shows nothing taken', async () => {
    const estimate = await console_.estimate({ kind: 'registerPara', paraId: 4321, genesisHeadHex: HEAD, validationCodeHex: CODE }, '//Bob');
    expect(estimate.dryRun.outcome).toBe('would-fail');
    expect(estimate.dryRun.error?.code).toMatch(/registrar\.NotReserved/);
    expect(estimate).toMatchObject({ effects: [], effectsSource: 'dry-run' });
  });
});
if (missingPaseo) it.skip(missingPaseo, () => undefined);

const missingRococo = realChainsMissing('rococo-9430-relay');

describe.skipIf(missingRococo)('the review on Rococo 9430 (no DryRunApi; chopsticks serves system_dryRun): checked when signed', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let console_: TxConsole;

  beforeAll(async () => {
    relay = await startRealChain('rococo-9430-relay');
    console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob'], decimals: 12, ss58Prefix: 42 });
    await relay.newBlocks();
  }, 300_000);
  afterAll(async () => {
    await console_?.close({ remove: true });
    await relay?.stop();
  });

  it('says the signed bytes are dry-run before sending, labels the deposit as an estimate, and the chain holds exactly that', async () => {
    const methods = (await relay.api.rpc.rpc.methods()).methods.map(String);
    expect(methods).toContain('system_dryRun');
    expect(relay.api.call['dryRunApi']).toBeUndefined();
    const bob = console_.address('//Bob');
    const estimate = await console_.estimate({ kind: 'reserveParaId' }, '//Bob');
    expect(estimate.dryRun).toEqual({ outcome: 'when-signed', method: 'system_dryRun' });
    expect(estimate.effectsSource).toBe('estimate');
    expect(estimate.effects).toEqual([{ kind: 'held', amountPlanck: relay.constant('registrar', 'paraDeposit').toString(), source: 'estimate', label: 'Deposit for the para id' }]);
    const before = await balanceOf(relay.api, bob);
    const record = await console_.submit({ kind: 'reserveParaId' }, '//Bob', 'rococo-reserve');
    const done = await console_.until(record.txId, SETTLED);
    expect(done.phase).toMatch(/in-block|finalized/);
    // What the review promised: the signed bytes were dry-run before they were sent.
    expect(done.dryRun).toEqual({ outcome: 'success', method: 'system_dryRun' });
    const after = await balanceOf(relay.api, bob);
    const events = await eventsOfExtrinsic(relay.api, done.blockHash ?? '', done.hash ?? '');
    expect(paraIdReserved(events)).toBeGreaterThanOrEqual(2000);
    expect((after.reserved - before.reserved).toString()).toBe(estimate.effects[0]?.amountPlanck);
    expect(feeCharged(events).toString()).toBe(estimate.feePlanck);
  });

  it('a call that would fail is stopped by the signed dry run: nothing is sent, no fee, the nonce unused', async () => {
    const bob = console_.address('//Bob');
    const before = await balanceOf(relay.api, bob);
    const intent = { kind: 'registerPara', paraId: 4321, genesisHeadHex: HEAD, validationCodeHex: CODE } as const;
    expect((await console_.estimate(intent, '//Bob')).dryRun.outcome).toBe('when-signed');
    const record = await console_.submit(intent, '//Bob', 'rococo-register-unreserved');
    const done = await console_.until(record.txId, SETTLED);
    expect(done.phase).toBe('failed');
    expect(done.dryRun).toMatchObject({ outcome: 'would-fail', method: 'system_dryRun' });
    expect(done.error?.code).toMatch(/NotReserved/);
    const after = await balanceOf(relay.api, bob);
    expect(after).toEqual(before);
  });
});
if (missingRococo) it.skip(missingRococo, () => undefined);
