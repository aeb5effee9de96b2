import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { jumpRelayTo, passSessions, trustValidationCode } from '../../fixtures/network-stand-ins';
import { balanceOf, extrinsicsWithNonce, openTxConsole, SETTLED, type TxConsole } from '../../fixtures/tx-console';

/**
 * Issue #11 item 8: a transaction the node dropped stayed "ready — in the
 * transaction pool" until the console's own 10-minute timeout. On the real
 * Rococo 9430 runtime (chopsticks, blocks built only when the test says), the
 * pipeline reads the chain and says `dropped`, in words, with what to do:
 * when another transaction took its nonce, and when the node cannot apply it
 * (`crowdloan.contribute` in --genesis mode, where child storage is not served:
 * chopsticks 1.5.1 keeps it in its pool and builds every block without it),
 * first that it is being left out, then `dropped` once its era has passed.
 */

const CODE = '0x0061736d0100000000000000000000000000000000000000000000000000000000' as const;
const ROC = 10n ** 12n;
const missing = realChainsMissing('rococo-9430-relay');

describe.skipIf(missing)('a dropped transaction is seen as dropped (Rococo 9430 under chopsticks)', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let console_: TxConsole;

  beforeAll(async () => {
    relay = await startRealChain('rococo-9430-relay', { buildBlockMode: 'Manual' });
    await relay.newBlocks();
    console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob', '//Charlie'], decimals: 12, ss58Prefix: 42 });
  }, 300_000);
  afterAll(async () => {
    await console_?.close({ remove: true });
    await relay?.stop();
  });

  it('goes dropped when another transaction with the same nonce is included instead', async () => {
    const bob = relay.account('//Bob');
    expect(console_.address('//Bob')).toBe(bob.address);
    const record = await console_.submit({ kind: 'remark', role: 'relay', text: 'the console sent this' }, '//Bob', 'remark-to-be-replaced');
    const waiting = await console_.until(record.txId, ['ready', ...SETTLED]);
    expect(waiting.phase).toBe('ready');
    const nonce = waiting.nonce ?? -1;
    const from = await relay.head();

    // The same account signs another transaction with the same nonce elsewhere (a wallet, a script), with a tip; a block holds only that one.
    const other = await relay.tx('system', 'remarkWithEvent', 'sent from elsewhere').signAsync(bob, { nonce, tip: 1_000_000 });
    await relay.rpc('dev_newBlock', [{ transactions: [other.toHex()] }]);

    const done = await console_.until(record.txId, SETTLED);
    expect(done.phase).toBe('dropped');
    expect(done.error?.code).toBe('Dropped.NonceUsed');
    expect(done.error?.message).toContain(`nonce ${nonce}`);
    expect(done.error?.hint).toMatch(/submit this one again/);
    // The chain holds exactly one transaction with that nonce: the other one.
    expect(await extrinsicsWithNonce(relay.api, bob.address, nonce, from)).toEqual([other.hash.toHex()]);
  });

  it('says when the node keeps leaving it out of blocks, and goes dropped once its era passes, with its nonce unused and nothing taken', async () => {
    // A crowdloan to contribute to: Dave reserves and registers a para, the code is trusted, it onboards, Dave opens the fund.
    // (Not Bob: the transaction replaced above still sits in chopsticks' pool with Bob's old nonce.)
    const dave = relay.account('//Dave');
    const reserved = await relay.submit(relay.tx('registrar', 'reserve'), dave);
    const paraIdEvent = reserved.events.find(({ event }) => event.section === 'registrar' && event.method === 'Reserved');
    const paraId = Number(paraIdEvent?.event.data[0]?.toString());
    await trustValidationCode(relay, CODE);
    await relay.submit(relay.tx('registrar', 'register', paraId, '0x00', CODE), dave);
    await passSessions(relay, 2);
    const leasePeriod = Number(relay.constant('slots', 'leasePeriod').toString());
    const head = await relay.head();
    const currentPeriod = Math.floor(head / leasePeriod);
    await relay.submit(relay.tx('crowdloan', 'create', paraId, 1_000n * ROC, currentPeriod + 1, currentPeriod + 2, head + 5_000, null), dave);

    const charlie = console_.address('//Charlie');
    const before = await balanceOf(relay.api, charlie);
    const record = await console_.submit({ kind: 'contributeCrowdloan', paraId, amountPlanck: (10n * ROC).toString() }, '//Charlie', 'contribute-that-will-not-build');
    const waiting = await console_.until(record.txId, ['ready', ...SETTLED]);
    expect(waiting.phase).toBe('ready');
    // Without child storage the node cannot apply it: chopsticks 1.5.1 keeps it in its pool and builds every block without it.
    await relay.newBlocks({ count: 4 });
    const leftOut = await console_.chain.pipeline.waitFor(record.txId, (next) => /left out of the last \d+ blocks/.test(next.note ?? '') || SETTLED.includes(next.phase), 120_000);
    expect(leftOut.phase).toBe('ready');
    expect(leftOut.note).toMatch(/may be unable to include it\. It can be included only before block [\d,]+/);

    // The network goes on (the relay clock jumps there rather than building 64 blocks); once its era has passed it can never be included.
    const deathBlock = Number((/before block ([\d,]+)/.exec(leftOut.note ?? '')?.[1] ?? '0').replace(/,/g, ''));
    expect(deathBlock).toBeGreaterThan(await relay.head());
    // To the last block it could go into (it is left out again), then the first it never can.
    expect(await jumpRelayTo(relay, deathBlock - 1)).toBe(deathBlock - 1);
    await relay.newBlocks();
    const done = await console_.until(record.txId, SETTLED, 120_000);
    expect(done.phase).toBe('dropped');
    expect(done.error?.code).toBe('Dropped.Expired');
    expect(done.error?.message).toMatch(/can no longer be included, and nothing was taken/);
    expect(done.error?.hint).toMatch(/Submit it again/);
    const after = await balanceOf(relay.api, charlie);
    expect(after).toEqual(before);
  });
});
if (missing) it.skip(missing, () => undefined);
