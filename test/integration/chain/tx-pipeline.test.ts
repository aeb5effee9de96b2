import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import type { TxRecord } from '../../../shared/contract/chain';
import { ConnectionPool } from '../../../main/chain/connection/connection-pool';
import { ExtensionSignerBridge } from '../../../main/chain/tx/extension-signer-bridge';
import { PendingStore } from '../../../main/chain/tx/pending-store';
import { TxPipeline } from '../../../main/chain/tx/tx-pipeline';
import { silentLogger } from '../../../main/logging/logger';
import { startChopsticksNode, type ChopsticksNode } from '../../fixtures/chopsticks-node';
import { devKeyringSigner, type DevKeyringSigner } from '../../fixtures/dev-keyring-signer';
import { startTcpCutProxy, type TcpCutProxy } from '../../fixtures/tcp-cut-proxy';

const ROC = 10n ** 12n;
const forkNetwork = () => ({ id: 'rococo-fork', name: 'Rococo Asset Hub (test fork)', token: { symbol: 'ROC', decimals: 12 } });

// Generous: the machine is shared and chopsticks builds blocks on 2 cores.
describe('the transaction pipeline on a real Asset Hub runtime (chopsticks)', { timeout: 180_000 }, () => {
  let node: ChopsticksNode;
  let proxy: TcpCutProxy;
  let keys: DevKeyringSigner;
  let dataDir: string;
  let pool: ConnectionPool;
  let store: PendingStore;
  let extension: ExtensionSignerBridge;
  let pipeline: TxPipeline;

  beforeAll(async () => {
    [node, keys, dataDir] = await Promise.all([
      startChopsticksNode(),
      devKeyringSigner(),
      mkdtemp(path.join(tmpdir(), 'tx-pipeline-')),
    ]);
    await node.fund([
      { address: keys.pairs.alice.address, freePlanck: 1_000n * ROC },
      { address: keys.pairs.charlie.address, freePlanck: 1_000n * ROC },
      { address: keys.pairs.dave.address, freePlanck: 1_000n * ROC },
    ]);
    proxy = await startTcpCutProxy(node.port);
    pool = new ConnectionPool({ log: silentLogger, retryDelayMs: 250, maxFailedAttempts: 1_000 });
    await pool.open({ networkId: 'rococo-fork', role: 'assetHub', endpoints: [proxy.wsUrl] });
    store = await PendingStore.open(path.join(dataDir, 'transactions.json'), silentLogger);
    extension = new ExtensionSignerBridge(60_000);
    pipeline = new TxPipeline({ pool, store, vault: keys, extension, network: forkNetwork, log: silentLogger, watchTimeoutMs: 90_000 });
    await pool.api('assetHub');
  });

  afterAll(async () => {
    await pool?.closeAll();
    await proxy?.close();
    await node?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('estimates the fee of a transfer before anything is signed', async () => {
    const estimate = await pipeline.estimate(
      { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: (5n * ROC).toString() },
      { kind: 'vault', address: keys.pairs.alice.address },
    );
    expect(estimate.call).toBe('balances.transferKeepAlive');
    expect(BigInt(estimate.feePlanck)).toBeGreaterThan(0n);
    expect(estimate.description).toContain('5 ROC');
    // This runtime predates DryRunApi: the review says the signed bytes are dry-run at submission (system_dryRun), never "no dry run".
    expect(estimate.dryRun).toEqual({ outcome: 'when-signed', method: 'system_dryRun' });
    expect(estimate.effectsSource).toBe('estimate');
    expect(estimate.effects).toEqual([{ kind: 'transferred', amountPlanck: (5n * ROC).toString(), source: 'estimate', label: `To ${keys.pairs.bob.address}` }]);
    expect(keys.requests).toHaveLength(0);
  });

  it('signs with a vault key, submits, and follows the transfer to finality with its events', async () => {
    const seen: TxRecord['phase'][] = [];
    const stop = pipeline.onStatus((record) => seen.push(record.phase));
    const started = await pipeline.submit(
      { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: (5n * ROC).toString() },
      { kind: 'vault', address: keys.pairs.alice.address },
      'transfer-5-to-bob',
    );
    const done = await pipeline.waitFor(started.txId);
    stop();
    expect(done.phase).toBe('finalized');
    expect(done.events).toEqual(expect.arrayContaining(['balances.Transfer', 'system.ExtrinsicSuccess']));
    expect(done.dryRun).toEqual({ outcome: 'success', method: 'system_dryRun' });
    expect(seen).toEqual(expect.arrayContaining(['queued', 'checking-chain', 'signed', 'submitted', 'ready', 'finalized']));
    expect(keys.requests.at(-1)?.description).toMatch(/Send 5 ROC to/);
    // What a crash would need to finish the job was on disk before sending.
    const onDisk = await readFile(path.join(dataDir, 'transactions.json'), 'utf8');
    expect(onDisk).toContain(done.hash);
  });

  it('refuses a transfer larger than the balance in plain words, without sending it or paying a fee', async () => {
    const api = await pool.api('assetHub');
    const nonceBefore = (await api.rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber();
    const started = await pipeline.submit(
      { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: (1_000_000n * ROC).toString() },
      { kind: 'vault', address: keys.pairs.alice.address },
      'transfer-too-much',
    );
    const done = await pipeline.waitFor(started.txId);
    expect(done.phase).toBe('failed');
    expect(done.dryRun?.outcome).toBe('would-fail');
    expect(done.error).toMatchObject({ code: 'balances.InsufficientBalance', title: 'Not enough funds' });
    expect(done.error?.message).toMatch(/does not have enough spendable balance/);
    expect(done.error?.hint).toBeTruthy();
    expect((await api.rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber()).toBe(nonceBefore);
  });

  it('decodes a failure that only shows once in a block into words, and says the fee was paid', async () => {
    const api = await pool.api('assetHub');
    const charlie = keys.pairs.charlie.address;
    const free = (await api.query.system?.account?.(charlie))?.toJSON() as { data: { free: number | string } };
    const half = BigInt(free.data.free) * 6n / 10n;
    // Each alone would pass; the second one's dry-run cannot judge (its nonce follows the first), so the block decides.
    await node.rpc('dev_setBlockBuildMode', ['Manual']);
    let done: TxRecord[];
    try {
      const started = await Promise.all(['first', 'second'].map((name) => pipeline.submit(
        { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: half.toString() },
        { kind: 'vault', address: charlie },
        `sixty-percent-${name}`,
      )));
      await Promise.all(started.map((record) => pipeline.waitFor(record.txId, (now) => now.phase === 'ready')));
      await node.newBlock();
      done = await Promise.all(started.map((record) => pipeline.waitFor(record.txId, (now) => ['finalized', 'in-block', 'failed'].includes(now.phase))));
    } finally {
      await node.rpc('dev_setBlockBuildMode', ['Batch']);
    }
    const failed = done.find((record) => record.phase === 'failed');
    expect(done.map((record) => record.phase === 'failed').sort()).toEqual([false, true]);
    expect(failed?.dryRun?.outcome).toBe('inconclusive');
    expect(failed?.blockHash).toMatch(/^0x/);
    expect(failed?.events).toContain('system.ExtrinsicFailed');
    expect(['balances.InsufficientBalance', 'token.FundsUnavailable']).toContain(failed?.error?.code);
    expect(failed?.error?.message).toMatch(/enough/);
    expect(failed?.note).toMatch(/fee was paid/);
  });

  it('gives several transactions in a row consecutive nonces, and all of them land', async () => {
    const api = await pool.api('assetHub');
    const first = (await api.rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber();
    const started = await Promise.all([1, 2, 3].map((n) => pipeline.submit(
      { kind: 'remark', role: 'assetHub', text: `note ${n}` },
      { kind: 'vault', address: keys.pairs.alice.address },
      `remark-in-a-row-${n}`,
    )));
    const done = await Promise.all(started.map((record) => pipeline.waitFor(record.txId)));
    expect(done.map((record) => [record.phase, record.error?.code, record.error?.message])).toEqual([['finalized', undefined, undefined], ['finalized', undefined, undefined], ['finalized', undefined, undefined]]);
    expect(done.map((record) => record.nonce).sort()).toEqual([first, first + 1, first + 2]);
    expect((await api.rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber()).toBe(first + 3);
  });

  it('never sends twice for the same intent key', async () => {
    const api = await pool.api('assetHub');
    const signer = { kind: 'vault', address: keys.pairs.charlie.address } as const;
    const intent = { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: (7n * ROC).toString() } as const;
    const nonceBefore = (await api.rpc.system.accountNextIndex(keys.pairs.charlie.address)).toNumber();
    const first = await pipeline.submit(intent, signer, 'order-42');
    const second = await pipeline.submit(intent, signer, 'order-42');
    expect(second.txId).toBe(first.txId);
    await pipeline.waitFor(first.txId);
    const third = await pipeline.submit(intent, signer, 'order-42');
    expect(third.txId).toBe(first.txId);
    expect(third.phase).toBe('finalized');
    expect((await api.rpc.system.accountNextIndex(keys.pairs.charlie.address)).toNumber()).toBe(nonceBefore + 1);
  });

  it('lets the renderer\'s extension sign a payload the main process built', async () => {
    const api = await pool.api('assetHub');
    const stop = extension.onRequest((request) => {
      // What the extension does in the browser: sign the payload it was shown.
      const payload = api.registry.createType('ExtrinsicPayload', request.payload as unknown as SignerPayloadJSON, { version: request.payload.version });
      const { signature } = payload.sign(keys.pairs.dave);
      extension.answer({ requestId: request.requestId, outcome: 'signed', signature });
    });
    const started = await pipeline.submit(
      { kind: 'remark', role: 'assetHub', text: 'signed in the extension' },
      { kind: 'extension', address: keys.pairs.dave.address },
      'extension-remark',
    );
    const done = await pipeline.waitFor(started.txId);
    stop();
    expect(done.phase).toBe('finalized');
    expect(done.events).toContain('system.ExtrinsicSuccess');
  });

  it('reports a refused extension signature as failed and sends nothing', async () => {
    const stop = extension.onRequest((request) => extension.answer({ requestId: request.requestId, outcome: 'refused', reason: 'operator said no' }));
    const started = await pipeline.submit(
      { kind: 'remark', role: 'assetHub', text: 'refused' },
      { kind: 'extension', address: keys.pairs.dave.address },
      'extension-refused',
    );
    const done = await pipeline.waitFor(started.txId);
    stop();
    expect(done.phase).toBe('failed');
    expect(done.error?.message).toMatch(/refused: operator said no/);
  });

  it('starts over, chain first, when the saved transaction\'s nonce was spent by another one', async () => {
    const api = await pool.api('assetHub');
    const remark = api.tx.system?.remark;
    if (!remark) throw new Error('this runtime has no system.remark');
    const nonce = (await api.rpc.system.accountNextIndex(keys.pairs.dave.address)).toNumber();
    // Signed and saved, never sent; meanwhile another transaction of the account takes that nonce.
    const stale = await remark('saved, never sent').signAsync(keys.pairs.dave, { nonce });
    const now = Date.now();
    await store.save({
      txId: 'nonce-taken', intentKey: 'nonce-taken', intent: { kind: 'remark', role: 'assetHub', text: 'saved, never sent' },
      role: 'assetHub', networkId: 'rococo-fork', signer: { kind: 'vault', address: keys.pairs.dave.address }, address: keys.pairs.dave.address,
      phase: 'unknown', nonce, hash: stale.hash.toHex(), signedHex: stale.toHex(), sentAtBlock: (await api.rpc.chain.getHeader()).number.toNumber(),
      attempts: 1, createdAt: now, updatedAt: now,
    });
    const other = await pipeline.submit({ kind: 'remark', role: 'assetHub', text: 'took the nonce' }, { kind: 'vault', address: keys.pairs.dave.address }, 'took-the-nonce');
    expect(await pipeline.waitFor(other.txId)).toMatchObject({ phase: 'finalized', nonce });

    await pipeline.retry('nonce-taken');
    const done = await pipeline.waitFor('nonce-taken');
    expect(done).toMatchObject({ phase: 'finalized', nonce: nonce + 1 });
    expect(done.hash).not.toBe(stale.hash.toHex());
    expect((await api.rpc.system.accountNextIndex(keys.pairs.dave.address)).toNumber()).toBe(nonce + 2);
  });

  it('survives a connection dropped mid-flight: it reads the chain when back and reports the landed transaction without resending', async () => {
    const api = await pool.api('assetHub');
    await node.rpc('dev_setBlockBuildMode', ['Manual']);
    try {
      const nonceBefore = (await api.rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber();
      const started = await pipeline.submit(
        { kind: 'remark', role: 'assetHub', text: 'sent just before the network went away' },
        { kind: 'vault', address: keys.pairs.alice.address },
        'remark-through-a-drop',
      );
      await pipeline.waitFor(started.txId, (record) => record.phase === 'ready');
      proxy.cut();
      const interrupted = await pipeline.waitFor(started.txId, (record) => record.phase === 'unknown');
      expect(interrupted.note).toMatch(/connection dropped/);
      // The transaction lands while the console cannot see the chain.
      await node.newBlock();
      proxy.restore();
      const done = await pipeline.waitFor(started.txId, (record) => record.phase === 'finalized' || record.phase === 'in-block');
      expect(done.note).toMatch(/already landed; nothing was sent again/);
      expect(done.events).toContain('system.ExtrinsicSuccess');
      expect((await (await pool.api('assetHub')).rpc.system.accountNextIndex(keys.pairs.alice.address)).toNumber()).toBe(nonceBefore + 1);
    } finally {
      proxy.restore();
      await node.rpc('dev_setBlockBuildMode', ['Batch']);
    }
  });

  it('after a crash, finishes a signed transaction that never reached the chain by sending the same bytes once', async () => {
    const api = await pool.api('assetHub');
    const nonceBefore = (await api.rpc.system.accountNextIndex(keys.pairs.charlie.address)).toNumber();
    // A transaction signed and saved, then the console crashed before sending it.
    const remark = api.tx.system?.remark;
    if (!remark) throw new Error('this runtime has no system.remark');
    const extrinsic = await remark('signed before a crash').signAsync(keys.pairs.charlie, { nonce: nonceBefore });
    const header = await api.rpc.chain.getHeader();
    const now = Date.now();
    await store.save({
      txId: 'crashed-before-send', intentKey: 'crash-test', intent: { kind: 'remark', role: 'assetHub', text: 'signed before a crash' },
      role: 'assetHub', networkId: 'rococo-fork', signer: { kind: 'vault', address: keys.pairs.charlie.address }, address: keys.pairs.charlie.address,
      phase: 'signed', nonce: nonceBefore, hash: extrinsic.hash.toHex(), signedHex: extrinsic.toHex(), sentAtBlock: header.number.toNumber(),
      attempts: 1, createdAt: now, updatedAt: now,
    });
    const restarted = new TxPipeline({ pool, store: await PendingStore.open(path.join(dataDir, 'transactions.json'), silentLogger), vault: keys, extension, network: forkNetwork, log: silentLogger });
    expect(restarted.pending().map((record) => record.txId)).toContain('crashed-before-send');
    // Reconnected after the restart: the console finishes what it had signed, by itself.
    expect(restarted.resumeInterrupted('rococo-fork', 'assetHub')).toEqual(['crashed-before-send']);
    const done = await restarted.waitFor('crashed-before-send');
    expect(done.phase).toBe('finalized');
    expect(done.hash).toBe(extrinsic.hash.toHex());
    // Retrying a finished transaction reads the record, not the chain: nothing more is sent.
    await restarted.retry('crashed-before-send');
    expect((await api.rpc.system.accountNextIndex(keys.pairs.charlie.address)).toNumber()).toBe(nonceBefore + 1);
  });
});
