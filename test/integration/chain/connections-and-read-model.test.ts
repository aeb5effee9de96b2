import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStateEvent, ReadValue } from '../../../shared/contract/chain';
import { ConnectionPool } from '../../../main/chain/connection/connection-pool';
import { ReadModel } from '../../../main/chain/read/read-model';
import { ExtensionSignerBridge } from '../../../main/chain/tx/extension-signer-bridge';
import { PendingStore } from '../../../main/chain/tx/pending-store';
import { TxPipeline } from '../../../main/chain/tx/tx-pipeline';
import { isServiceError } from '../../../main/errors/service-error';
import { silentLogger } from '../../../main/logging/logger';
import { startChopsticksNode, type ChopsticksNode } from '../../fixtures/chopsticks-node';
import { devKeyringSigner, type DevKeyringSigner } from '../../fixtures/dev-keyring-signer';
import { startTcpCutProxy, type TcpCutProxy } from '../../fixtures/tcp-cut-proxy';

const ROC = 10n ** 12n;

/** Resolves with the first state the predicate accepts (states seen before subscribing count too). */
function nextState(pool: ConnectionPool, accept: (state: ConnectionStateEvent) => boolean): Promise<ConnectionStateEvent> {
  return new Promise((resolve) => {
    const current = pool.states().find(accept);
    if (current) {
      resolve(current);
      return;
    }
    const stop = pool.onState((state) => {
      if (!accept(state)) return;
      stop();
      resolve(state);
    });
  });
}

function nextValue(values: ReadValue[], accept: (value: ReadValue) => boolean, subscribe: (listener: () => void) => () => void): Promise<ReadValue> {
  return new Promise((resolve) => {
    const found = values.find(accept);
    if (found) {
      resolve(found);
      return;
    }
    const stop = subscribe(() => {
      const hit = values.find(accept);
      if (!hit) return;
      stop();
      resolve(hit);
    });
  });
}

// Generous: the machine is shared and chopsticks builds blocks on 2 cores.
describe('chain connections and the read model on a real Asset Hub runtime (chopsticks)', { timeout: 180_000 }, () => {
  let node: ChopsticksNode;
  let keys: DevKeyringSigner;
  let deadEndpoint: string;
  let anotherDeadEndpoint: string;
  const pools: ConnectionPool[] = [];
  const proxies: TcpCutProxy[] = [];
  let dataDir: string;

  beforeAll(async () => {
    [node, keys, dataDir] = await Promise.all([startChopsticksNode(), devKeyringSigner(), mkdtemp(path.join(tmpdir(), 'chain-read-'))]);
    await node.fund([{ address: keys.pairs.alice.address, freePlanck: 1_000n * ROC }]);
    // Free ports nobody listens on: what a dead public endpoint looks like from here.
    deadEndpoint = `ws://127.0.0.1:${await getPort({ host: '127.0.0.1' })}`;
    anotherDeadEndpoint = `ws://127.0.0.1:${await getPort({ host: '127.0.0.1' })}`;
  });

  afterAll(async () => {
    for (const pool of pools) await pool.closeAll();
    for (const proxy of proxies) await proxy.close();
    await node?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function newPool(options: { maxFailedAttempts?: number } = {}): ConnectionPool {
    const pool = new ConnectionPool({ log: silentLogger, retryDelayMs: 200, ...options });
    pools.push(pool);
    return pool;
  }

  it('fails over from a dead endpoint to a live one and says which one it uses', async () => {
    const pool = newPool();
    const seen: ConnectionStateEvent[] = [];
    pool.onState((state) => seen.push(state));
    await pool.open({ networkId: 'rococo-fork', role: 'assetHub', endpoints: [deadEndpoint, node.wsUrl] });
    const api = await pool.api('assetHub');
    expect(api.runtimeVersion.specName.toString()).toBe('statemine');
    expect(pool.states()).toEqual([expect.objectContaining({ status: 'connected', endpoint: node.wsUrl, rehearsal: false })]);
    const reconnecting = seen.find((state) => state.status === 'reconnecting');
    expect(reconnecting).toMatchObject({ endpoint: node.wsUrl });
    expect(reconnecting?.reason).toBeTruthy();
  });

  it('gives up with a reason, instead of hanging, when no endpoint answers', async () => {
    const pool = newPool({ maxFailedAttempts: 4 });
    await pool.open({ networkId: 'rococo-fork', role: 'relay', endpoints: [deadEndpoint, anotherDeadEndpoint] });
    const failure = await pool.api('relay').then(() => undefined, (error: unknown) => error);
    expect(isServiceError(failure) && failure.code).toBe('disconnected');
    expect((failure as Error).message).toMatch(/relay chain of rococo-fork is not connected: No endpoint answered after 4 attempts/);
    expect(pool.states()[0]).toMatchObject({ status: 'failed' });
  });

  it('answers a read on a dropped connection with a clear error within its deadline, then recovers when the network is back', async () => {
    const proxy = await startTcpCutProxy(node.port);
    proxies.push(proxy);
    const pool = newPool({ maxFailedAttempts: 10_000 });
    await pool.open({ networkId: 'rococo-fork', role: 'assetHub', endpoints: [proxy.wsUrl] });
    const model = new ReadModel(pool, 3_000);
    await pool.api('assetHub');
    proxy.cut();
    await nextState(pool, (state) => state.status === 'reconnecting');
    const failure = await model.read({ kind: 'head', role: 'assetHub' }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect({ code: isServiceError(failure) ? failure.code : String(failure), message: (failure as Error).message }).toMatchObject({ code: 'disconnected', message: expect.stringMatching(/did not answer within 3 s/) });
    proxy.restore();
    await nextState(pool, (state) => state.status === 'connected');
    const head = await model.read({ kind: 'head', role: 'assetHub' });
    expect(head.kind).toBe('head');
  });

  it('shares one subscription between every view of a balance, and shows the change after a transfer', async () => {
    const pool = newPool();
    await pool.open({ networkId: 'rococo-fork', role: 'assetHub', endpoints: [node.wsUrl] });
    await pool.api('assetHub');
    const model = new ReadModel(pool);
    const query = { kind: 'balance', role: 'assetHub', address: keys.pairs.bob.address } as const;
    const views: ReadValue[][] = [[], [], []];
    const changed = new Set<() => void>();
    const subscribe = (listener: () => void) => {
      changed.add(listener);
      return () => changed.delete(listener);
    };
    const openView = (values: ReadValue[]) => model.watch(query, (value) => {
      values.push(value);
      for (const listener of changed) listener();
    });
    const activeSubscriptions = () => pool.get('assetHub')?.provider.stats.active.subscriptions ?? 0;

    const stops = [openView(views[0] as ReadValue[])];
    await nextValue(views[0] as ReadValue[], () => true, subscribe);
    const withOneView = activeSubscriptions();
    stops.push(openView(views[1] as ReadValue[]), openView(views[2] as ReadValue[]));
    await Promise.all(views.map((values) => nextValue(values, () => true, subscribe)));
    expect(model.subscriptions.stats()).toEqual([{ key: expect.stringContaining(keys.pairs.bob.address), listeners: 3 }]);
    expect(activeSubscriptions()).toBe(withOneView);
    const before = BigInt((views[0]?.[0] as Extract<ReadValue, { kind: 'balance' }>).freePlanck);

    const pipeline = new TxPipeline({
      pool,
      store: await PendingStore.open(path.join(dataDir, 'transactions.json'), silentLogger),
      vault: keys,
      extension: new ExtensionSignerBridge(),
      network: () => ({ id: 'rococo-fork', name: 'fork', token: { symbol: 'ROC', decimals: 12 } }),
      log: silentLogger,
    });
    const sent = await pipeline.submit(
      { kind: 'transfer', role: 'assetHub', dest: keys.pairs.bob.address, amountPlanck: (3n * ROC).toString() },
      { kind: 'vault', address: keys.pairs.alice.address },
      'read-model-transfer',
    );
    expect((await pipeline.waitFor(sent.txId)).phase).toBe('finalized');
    const after = await Promise.all(views.map((values) => nextValue(values, (value) => value.kind === 'balance' && BigInt(value.freePlanck) === before + 3n * ROC, subscribe)));
    expect(after).toHaveLength(3);

    for (const stop of stops) stop();
    expect(model.subscriptions.stats()).toEqual([]);
  });

  it('says plainly that a relay-only read is not offered by this runtime', async () => {
    const pool = newPool();
    // The Asset Hub fork stands in for the relay role: it has no registrar.
    await pool.open({ networkId: 'rococo-fork', role: 'relay', endpoints: [node.wsUrl] });
    const model = new ReadModel(pool);
    const failure = await model.read({ kind: 'nextFreeParaId' }).then(() => undefined, (error: unknown) => error);
    expect(isServiceError(failure) && failure.code).toBe('not_supported');
    expect((failure as Error).message).toBe('This chain\'s runtime does not offer reserving a para id.');
    const others = await Promise.all(([
      { kind: 'para', paraId: 2000 }, { kind: 'managedParas', address: keys.pairs.alice.address }, { kind: 'relayLimits' }, { kind: 'onboardingEta', paraId: 2000 }, { kind: 'onDemandQueue' }, { kind: 'leases', paraId: 2000 }, { kind: 'auction' }, { kind: 'crowdloan', paraId: 2000 },
    ] as const).map((query) => model.read(query).then(() => 'answered', (error: unknown) => (isServiceError(error) ? error.code : String(error)))));
    expect(others).toEqual(Array(8).fill('not_supported'));
  });

  it('reads the parachain\'s candidacy bond and candidate count, so registering as a candidate shows what it holds before signing', async () => {
    const pool = newPool();
    await pool.open({ networkId: 'rococo-fork', role: 'parachain', endpoints: [node.wsUrl] });
    const model = new ReadModel(pool);
    const api = await pool.api('parachain');
    const value = await model.read({ kind: 'candidacy' });
    // The same figures as the runtime's own storage, through polkadot-js without our readers.
    const pallet = api.query.collatorSelection;
    if (!pallet?.candidacyBond || !pallet.desiredCandidates) throw new Error('this Asset Hub runtime has no collatorSelection storage');
    const bond = (await pallet.candidacyBond()).toString();
    const desired = Number((await pallet.desiredCandidates()).toString());
    expect(value).toEqual({ kind: 'candidacy', bondPlanck: bond, desiredCandidates: desired, candidates: 0 });
  });
});
