import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventRecord } from '@polkadot/types/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TxEstimate, TxIntent, TxRecord } from '../../../shared/contract/chain';
import { ChainService } from '../../../main/chain/chain-service';
import { readOnDemandQuote } from '../../../main/chain/read/on-demand-quote';
import { readBlockspaceRound, readParaBlockspace } from '../../../main/blockspace/read-blockspace';
import { ordersLeft } from '../../../main/health/rules/parachain-rules';
import { AccountVault } from '../../../main/keys/account-vault';
import { silentLogger } from '../../../main/logging/logger';
import { NoticeBoard } from '../../../main/notices/notice-board';
import { AutoOrderDriver, type CollatorSignalsSource } from '../../../main/blockspace/auto-order-driver';
import { OnDemandSpendingLedger } from '../../../main/blockspace/on-demand-spending';
import { OrderRecorder } from '../../../main/blockspace/order-recorder';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { ParachainConfigStore } from '../../../main/settings/parachain-config';
import { creditOnDemandAccount, ordersInOneBlock, parathreadOnAnOnDemandCore } from '../../fixtures/on-demand-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';

/**
 * On-demand orders on the real Paseo relay runtime (spec 1009003) under
 * chopsticks, driven through the console's own services: the price and fee
 * the console shows before signing are what the chain then takes, under an
 * idle and a loaded queue; the auto-order driver keeps its budget in what was
 * charged, across a restart; health's runway reads the same figures.
 */

const missing = realChainsMissing('paseo-relay');
const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const PASSPHRASE = 'on-demand orders on paseo';
const NETWORK = 'paseo-local';
/** Where 12 queued orders are well above target: 10 % of a 40-order queue (governance's configuration calls). */
const TUNING = { queueMaxSize: 40, targetQueueUtilizationPerbill: 100_000_000, feeVariabilityPerbill: 30_000_000 };

interface Console {
  chain: ChainService;
  ledger: OnDemandSpendingLedger;
  recorder: OrderRecorder;
  parachain: ParachainConfigStore;
  dispose(): Promise<void>;
}

describe.skipIf(missing)('on-demand orders on the real Paseo relay', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let dataDir: string;
  let vault: AccountVault;
  let dave: string;
  let paraId: number;
  let console_: Console;

  /** The console's services on the data folder, as after a start: its chain layer, the spending ledger and its recorder. */
  async function startConsole(): Promise<Console> {
    const chain = await ChainService.create({ dataDir, log: silentLogger, vault });
    await chain.addNetwork({ id: NETWORK, name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo relay', rpcEndpoints: [relay.wsUrl] } } });
    const states = await chain.connect({ networkId: NETWORK, roles: ['relay'] });
    expect(states[0]?.status).toBe('connected');
    const ledger = new OnDemandSpendingLedger({ filePath: path.join(dataDir, 'on-demand-orders.json'), log: silentLogger });
    const recorder = new OrderRecorder({ chain, ledger, log: silentLogger });
    recorder.start();
    const parachain = new ParachainConfigStore({ filePath: path.join(dataDir, 'parachain.json'), log: silentLogger });
    return { chain, ledger, recorder, parachain, async dispose() { recorder.stop(); await chain.dispose(); } };
  }

  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    // A first block before any transaction: on a loaded machine the first build (the runtime compiled) can fail a transaction sent into it.
    await relay.newBlocks({ count: 1 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'on-demand-'));
    const secrets = await PassphraseBox.open(dataDir);
    vault = await AccountVault.open({ dataDir, secrets, log: silentLogger, notices: new NoticeBoard() });
    await vault.unlock(PASSPHRASE);
    dave = (await vault.importMnemonic({ name: 'Dave', mnemonic: DEV_MNEMONIC, derivationPath: '//Dave' })).address;
    paraId = await parathreadOnAnOnDemandCore(relay, relay.account('//Bob'), TUNING);
    console_ = await startConsole();
  }, 600_000);

  afterAll(async () => {
    await console_?.dispose();
    await relay?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('charges exactly the price and the fee the console showed for an order signed with a console key', async () => {
    const shown = await shownQuote(console_.chain, await queueSizeOnChain());
    const intent: TxIntent = { kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: shown.toString(), keepAlive: true };
    // Estimated on a head no block moved under it: a stray block from chopsticks' batch builder (one the test's own
    // set-up left scheduled) would leave the estimate between two fee multipliers.
    let estimate: TxEstimate | undefined;
    let estimatedUnder = '';
    for (let attempt = 0; attempt < 5 && !estimate; attempt++) {
      const headBefore = await relay.head();
      const multiplierBefore = await feeMultiplierAt();
      const made = await console_.chain.estimate(intent, { kind: 'vault', address: dave });
      if ((await relay.head()) === headBefore) [estimate, estimatedUnder] = [made, multiplierBefore];
    }
    if (!estimate) throw new Error('the relay built a block during each of 5 estimates');
    expect(estimate.dryRun.outcome).toBe('success');
    expect(estimate.effects).toEqual([expect.objectContaining({ kind: 'paid', amountPlanck: shown.toString() })]);
    const before = await freeOf(dave);

    const done = await settled(console_.chain, await console_.chain.submit(intent, { kind: 'vault', address: dave }, 'order-idle-queue'));
    expect(done.phase).toMatch(/in-block|finalized/);
    const charged = await chargedIn(done);
    expect(charged.pricePlanck).toBe(shown);
    expect(before - (await freeAt(dave, done.blockHash))).toBe(shown + charged.feePlanck);
    const paidUnder = await feeMultiplierAt(await parentOf(done.blockHash));
    if (paidUnder === estimatedUnder) {
      // Charged under the fee multiplier the estimate was made under: the fee is the estimate's, to the planck.
      expect(charged.feePlanck).toBe(BigInt(estimate.feePlanck));
    } else {
      // A block was built between the estimate and the inclusion (chopsticks dropped the transaction, or built one
      // beside it): the fee multiplier moved by a block or more, a few millionths, as the review says it may.
      console.info(`fee multiplier moved from ${estimatedUnder} to ${paidUnder}: fee estimated ${estimate.feePlanck}, paid ${charged.feePlanck}`);
      expect(charged.feePlanck * 10_000n / BigInt(estimate.feePlanck)).toBeGreaterThanOrEqual(9_999n);
    }
    // The console's own record of the order says the same.
    await console_.recorder.charged(done.txId);
    expect(console_.ledger.summary(NETWORK, paraId).recent[0]).toMatchObject({ txId: done.txId, by: 'manual', placed: true, pricePlanck: shown.toString(), feePlanck: charged.feePlanck.toString() });
  });

  it('prices the next order under a queue of many orders as the chain then charges it, not at the stale stored price', async () => {
    await ordersInOneBlock(relay, relay.account('//Charlie'), paraId, 12, 10n ** 12n);
    const queued = await queueSizeOnChain();
    expect(queued).toBeGreaterThanOrEqual(12);
    const shown = await shownQuote(console_.chain, queued);
    const relayApi = await console_.chain.pool.api('relay');
    const quote = await readOnDemandQuote(relayApi);
    const stored = quote?.storedSpotPricePlanck ?? 0n;
    // Capped at exactly the price shown: the chain takes it.
    const intent: TxIntent = { kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: shown.toString(), keepAlive: true };
    const estimate = await console_.chain.estimate(intent, { kind: 'vault', address: dave });
    // The review's price is the console's: the dry run runs on this block's state and would name a lower one.
    expect(estimate.effectsSource).toBe('estimate');
    expect(estimate.effects).toEqual([expect.objectContaining({ kind: 'paid', amountPlanck: shown.toString() })]);
    const done = await settled(console_.chain, await console_.chain.submit(intent, { kind: 'vault', address: dave }, 'order-busy-queue'));
    expect(done.phase).toMatch(/in-block|finalized/);
    const charged = await chargedIn(done);
    console.info(`on-demand under a queue of ${queued}: stored traffic × base fee ${stored}, shown ${shown}, charged ${charged.pricePlanck}; fee estimated ${estimate.feePlanck}, paid ${charged.feePlanck}`);
    expect(charged.pricePlanck).toBe(shown);
    expect(shown).toBeGreaterThan(stored);
  });

  it('auto-orders under its price cap and within a daily budget counted in what was charged, fees included, across a console restart', async () => {
    // Let the queue drain below its target, so the price is back at its floor.
    await relay.newBlocks({ count: 16 });
    const relayApi = await console_.chain.pool.api('relay');
    const quote = await readOnDemandQuote(relayApi);
    if (!quote) throw new Error('no on-demand quote on this relay');
    const fee = BigInt((await console_.chain.estimate({ kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: quote.nextOrderPricePlanck.toString(), keepAlive: true }, { kind: 'vault', address: dave })).feePlanck);
    const perOrder = quote.nextOrderPricePlanck + fee;
    // Room for three orders at what they cost, not for a fourth; the cap alone (10× the price) would allow one.
    const budget = 3n * perOrder + perOrder / 2n;
    console_.parachain.update({ networkId: NETWORK, paraId, signer: { kind: 'vault', address: dave }, collatorProfileIds: ['collator-1'], orderPolicy: { enabled: true, trigger: 'transactions-waiting', maxPricePlanck: (quote.nextOrderPricePlanck - 1n).toString(), dailyBudgetPlanck: budget.toString() } });
    const collators: CollatorSignalsSource = { lastAuthored: () => null, readyTransactions: () => 3 };
    const driverOf = (c: Console) => new AutoOrderDriver({ parachain: c.parachain, chain: c.chain, collators, ledger: c.ledger, recorder: c.recorder, log: silentLogger });
    const before = await freeOf(dave);

    const first = driverOf(console_);
    expect(await first.onRelayBlock()).toMatchObject({ order: false, reason: 'The spot price is above your max price.' });
    console_.parachain.update({ orderPolicy: { enabled: true, trigger: 'transactions-waiting', maxPricePlanck: (10n * quote.nextOrderPricePlanck).toString(), dailyBudgetPlanck: budget.toString() } });
    const placed: bigint[] = [];
    for (let order = 0; order < 2; order++) {
      const outcome = await first.onRelayBlock();
      expect(outcome).toMatchObject({ order: true, charged: { placed: true } });
      if (outcome?.order && outcome.charged) placed.push((outcome.charged.pricePlanck ?? 0n) + outcome.charged.feePlanck);
    }
    first.stop();
    await console_.dispose();

    // A restart: new services on the same data folder continue the same day's budget.
    console_ = await startConsole();
    const second = driverOf(console_);
    expect(console_.ledger.autoSpentOn(NETWORK, paraId)).toBe(placed[0]! + placed[1]!);
    const third = await second.onRelayBlock();
    expect(third).toMatchObject({ order: true, charged: { placed: true } });
    if (third?.order && third.charged) placed.push((third.charged.pricePlanck ?? 0n) + third.charged.feePlanck);
    expect(await second.onRelayBlock()).toMatchObject({ order: false, reason: 'Another order (price and fee) would pass today’s budget.' });

    const spent = placed.reduce((sum, cost) => sum + cost, 0n);
    expect(console_.ledger.autoSpentOn(NETWORK, paraId)).toBe(spent);
    expect(spent).toBeLessThanOrEqual(budget);
    // What the ledger counts is what left the account.
    expect(before - (await freeOf(dave))).toBe(spent);
    const summary = console_.ledger.summary(NETWORK, paraId);
    expect(summary.recent.filter((order) => order.by === 'auto')).toHaveLength(3);
    console.info(`auto-order: 3 orders for ${spent} planck (price and fees) within a budget of ${budget}; one order costs ${perOrder} (price ${quote.nextOrderPricePlanck}, fee ${fee})`);
  });

  it('feeds health the ordering account and a runway counted in price and fee, from this chain', async () => {
    const relayApi = await console_.chain.pool.api('relay');
    const round = await readBlockspaceRound({ relay: relayApi }, { nowMs: Date.now(), relayBlockTimeMs: 6_000 });
    if (!round) throw new Error('no blockspace round');
    const signal = await readParaBlockspace(paraId, { relay: relayApi }, round, { address: dave, ordering: true });
    if (signal.kind !== 'on-demand') throw new Error(`expected an on-demand signal, got ${signal.kind}`);
    const quote = await readOnDemandQuote(relayApi);
    const fee = BigInt((await console_.chain.estimate({ kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: signal.spotPricePlanck.toString(), keepAlive: true }, { kind: 'vault', address: dave })).feePlanck);
    const existentialDeposit = BigInt(relay.constant('balances', 'existentialDeposit').toString());
    expect(signal.spotPricePlanck).toBe(quote?.nextOrderPricePlanck);
    expect(signal.orderFeePlanck).toBe(fee);
    expect(signal.balancePlanck).toBe((await freeOf(dave)) - existentialDeposit);
    expect(ordersLeft(signal)).toBe(signal.balancePlanck / (signal.spotPricePlanck + fee));
  });

  it('orders with on-demand credits where the runtime offers it: the price out of the credits, the fee out of the balance', async () => {
    const relayApi = await console_.chain.pool.api('relay');
    const price = (await readOnDemandQuote(relayApi))?.nextOrderPricePlanck ?? 0n;
    // Without credits, the relay's own dry run refuses it, in words, before anything is signed.
    const eveVault = (await vault.importMnemonic({ name: 'Eve', mnemonic: DEV_MNEMONIC, derivationPath: '//Eve' })).address;
    const intent: TxIntent = { kind: 'placeOnDemandOrderWithCredits', paraId, maxAmountPlanck: price.toString() };
    const refused = await console_.chain.estimate(intent, { kind: 'vault', address: eveVault });
    expect(refused.dryRun).toMatchObject({ outcome: 'would-fail', error: { code: 'onDemand.InsufficientCredits' } });

    await creditOnDemandAccount(relay, dave, 5n * price);
    const estimate = await console_.chain.estimate(intent, { kind: 'vault', address: dave });
    expect(estimate.dryRun.outcome).toBe('success');
    const before = await freeOf(dave);
    const done = await settled(console_.chain, await console_.chain.submit(intent, { kind: 'vault', address: dave }, 'order-with-credits'));
    expect(done.phase).toMatch(/in-block|finalized/);
    const charged = await chargedIn(done);
    expect(charged.pricePlanck).toBe(price);
    expect(BigInt((await relay.query('onDemand', 'credits', dave)).toString())).toBe(4n * price);
    expect(before - (await freeAt(dave, done.blockHash))).toBe(charged.feePlanck);
    expect(charged.feePlanck).toBe(BigInt(estimate.feePlanck));
    await console_.recorder.charged(done.txId);
    expect(console_.ledger.summary(NETWORK, paraId).recent[0]).toMatchObject({ txId: done.txId, paidWith: 'credits', pricePlanck: price.toString() });
  });

  async function queueSizeOnChain(): Promise<number> {
    const status = (await relay.query('onDemand', 'queueStatus')).toJSON() as { nextIndex: number; smallestIndex: number; freedIndices: unknown[] };
    return status.nextIndex - status.smallestIndex - status.freedIndices.length;
  }

  /** The price the console shows (the read model's live value), once it reflects the queue the chain has. */
  async function shownQuote(chain: ChainService, queueSize: number): Promise<bigint> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const value = await chain.read({ kind: 'onDemandQueue' });
      if (value.kind === 'onDemandQueue' && value.queueSize === queueSize && value.spotPricePlanck !== undefined) return BigInt(value.spotPricePlanck);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the console never showed the queue of ${queueSize} the chain has`);
  }

  /** `transactionPayment.nextFeeMultiplier` at a block (the head when none): what a transaction in the block after it pays under. */
  async function feeMultiplierAt(blockHash?: string): Promise<string> {
    const api = blockHash ? await relay.api.at(blockHash) : relay.api;
    const multiplier = await (api.query as unknown as Record<string, Record<string, () => Promise<{ toString(): string }>>>)['transactionPayment']!['nextFeeMultiplier']!();
    return multiplier.toString();
  }

  async function parentOf(blockHash: string | undefined): Promise<string> {
    if (!blockHash) throw new Error('the order has no block');
    return (await relay.api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
  }

  async function freeOf(address: string): Promise<bigint> {
    return BigInt(((await relay.query('system', 'account', address)).toJSON() as { data: { free: number | string } }).data.free);
  }

  async function freeAt(address: string, blockHash: string | undefined): Promise<bigint> {
    if (!blockHash) throw new Error('no block');
    const at = await relay.api.at(blockHash);
    const account = await at.query['system']?.['account']?.(address);
    return BigInt((account?.toJSON() as { data: { free: number | string } }).data.free);
  }

  /** The chain's own account of the order: read straight from its block's events with the test's connection. */
  async function chargedIn(record: TxRecord): Promise<{ pricePlanck?: bigint; feePlanck: bigint }> {
    if (!record.blockHash || !record.hash) throw new Error(`${record.txId} is not in a block`);
    const block = await relay.api.rpc.chain.getBlock(record.blockHash);
    const index = block.block.extrinsics.findIndex((extrinsic) => extrinsic.hash.toHex() === record.hash);
    const events = (await (await relay.api.at(record.blockHash)).query['system']?.['events']?.()) as unknown as EventRecord[];
    let pricePlanck: bigint | undefined;
    let feePlanck = 0n;
    for (const { phase, event } of events) {
      if (!phase.isApplyExtrinsic || phase.asApplyExtrinsic.toNumber() !== index) continue;
      if (event.section === 'onDemand' && event.method === 'OnDemandOrderPlaced') pricePlanck = BigInt(event.data[1]?.toString() ?? '0');
      if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid') feePlanck = BigInt(event.data[1]?.toString() ?? '0') + BigInt(event.data[2]?.toString() ?? '0');
    }
    return { ...(pricePlanck === undefined ? {} : { pricePlanck }), feePlanck };
  }
});
if (missing) it.skip(missing, () => undefined);

async function settled(chain: ChainService, record: TxRecord): Promise<TxRecord> {
  const ended = (next: TxRecord): boolean => ['in-block', 'finalized', 'failed', 'invalid', 'dropped', 'timed-out', 'already-done'].includes(next.phase);
  const done = await chain.pipeline.waitFor(record.txId, ended, 180_000);
  if (done.phase !== 'dropped') return done;
  // Chopsticks under load now and then drops a transaction from its pool. When the account's nonce shows it never landed,
  // the operator submits the same intent again (a dropped intent key may be resubmitted), as the console offers.
  const relay = await chain.pool.api('relay');
  if ((await relay.rpc.system.accountNextIndex(done.signer.address)).toNumber() > (done.nonce ?? Number.MAX_SAFE_INTEGER)) return done;
  const again = await chain.submit(done.intent, done.signer, done.intentKey);
  return chain.pipeline.waitFor(again.txId, ended, 180_000);
}
