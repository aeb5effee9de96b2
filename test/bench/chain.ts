/**
 * npm run bench:chain
 *
 * Against a real runtime (chopsticks --genesis on Rococo Asset Hub):
 * 1. time from opening a connection to a complete read model (head, the
 *    operator's balance, and 10 watched parachains' sovereign accounts);
 * 2. RPC requests sent per new block while 10 parachains are watched, with 1
 *    and with 5 views open: the read model subscribes once per key, so the
 *    count (and the number of upstream subscriptions) must not grow with views.
 * Requests are counted at the provider (WsProvider stats), subscriptions only.
 *
 * Then, against the real Paseo relay runtime (chopsticks --genesis on the
 * Paseo local 1009003 spec from ../shared/chains, skipped when absent): 10
 * paras registered at once and onboarding (one PVF vote for their shared
 * code), watched the way the Parachains page and the wizard do (`para` and
 * `onboardingEta` per para, the head, the operator's balance):
 * 3. connect time to a complete relay read model;
 * 4. requests per new relay block.
 * `--relay` runs only this part.
 */
import os from 'node:os';
import { u8aConcat, bnToU8a, stringToU8a } from '@polkadot/util';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import type { ReadQuery, ReadValue } from '../../shared/contract/chain';
import { ConnectionPool } from '../../main/chain/connection/connection-pool';
import { ReadModel } from '../../main/chain/read/read-model';
import { silentLogger } from '../../main/logging/logger';
import { startChopsticksNode, type ChopsticksNode } from '../fixtures/chopsticks-node';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';

const WATCHED_PARAS = Array.from({ length: 10 }, (_, index) => 2000 + index);
const OPERATOR = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BLOCKS = 10;
const CONNECT_RUNS = 5;

/** The account a sibling parachain holds on Asset Hub: "sibl" ++ para id (u32 LE), zero-padded. */
function siblingAccount(paraId: number): string {
  const raw = u8aConcat(stringToU8a('sibl'), bnToU8a(paraId, { bitLength: 32, isLe: true }), new Uint8Array(24));
  return encodeAddress(raw, 42);
}

function readModelQueries(): ReadQuery[] {
  return [
    { kind: 'head', role: 'assetHub' },
    { kind: 'balance', role: 'assetHub', address: OPERATOR },
    ...WATCHED_PARAS.map((paraId): ReadQuery => ({ kind: 'balance', role: 'assetHub', address: siblingAccount(paraId) })),
  ];
}

async function timeToCompleteReadModel(node: ChopsticksNode): Promise<number> {
  const pool = new ConnectionPool({ log: silentLogger });
  const model = new ReadModel(pool);
  const started = performance.now();
  await pool.open({ networkId: 'bench', role: 'assetHub', endpoints: [node.wsUrl] });
  const stops: Array<() => void> = [];
  await Promise.all(readModelQueries().map((query) => new Promise<void>((resolve) => {
    stops.push(model.watch(query, () => resolve()));
  })));
  const elapsedMs = performance.now() - started;
  for (const stop of stops) stop();
  await pool.closeAll();
  return elapsedMs;
}

async function requestsPerBlock(node: ChopsticksNode, views: number): Promise<{ requestsPerBlock: number; setupRequests: number; upstreamSubscriptions: number }> {
  const pool = new ConnectionPool({ log: silentLogger });
  const model = new ReadModel(pool);
  const connection = await pool.open({ networkId: 'bench', role: 'assetHub', endpoints: [node.wsUrl] });
  const api = await pool.api('assetHub');
  await api.rpc.chain.getHeader();
  const beforeViews = connection.provider.stats.total.requests;
  const subscriptionsBefore = connection.provider.stats.active.subscriptions;

  // Each view watches every parachain and the head, like a dashboard would.
  const heads: number[][] = Array.from({ length: views }, () => []);
  const stops: Array<() => void> = [];
  const firstValues: Array<Promise<void>> = [];
  for (let view = 0; view < views; view += 1) {
    for (const query of readModelQueries()) {
      firstValues.push(new Promise<void>((resolve) => {
        stops.push(model.watch(query, (value: ReadValue) => {
          if (value.kind === 'head') heads[view]?.push(value.number);
          resolve();
        }));
      }));
    }
  }
  await Promise.all(firstValues);
  const setupRequests = connection.provider.stats.total.requests - beforeViews;
  const upstreamSubscriptions = connection.provider.stats.active.subscriptions - subscriptionsBefore;

  const target = (await api.rpc.chain.getHeader()).number.toNumber() + BLOCKS;
  const afterGetHeader = connection.provider.stats.total.requests;
  // Blocks are built over a socket of their own, so only the console's own traffic is counted.
  for (let block = 0; block < BLOCKS; block += 1) await node.newBlock();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (heads.every((seen) => (seen.at(-1) ?? 0) >= target)) {
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
  const blockRequests = connection.provider.stats.total.requests - afterGetHeader;
  for (const stop of stops) stop();
  await pool.closeAll();
  return { requestsPerBlock: blockRequests / BLOCKS, setupRequests, upstreamSubscriptions };
}

const RELAY_PARAS = Array.from({ length: 10 }, (_, index) => 3000 + index);
const RELAY_CONNECT_RUNS = 3;

function relayQueries(operator: string): ReadQuery[] {
  return [
    { kind: 'head', role: 'relay' },
    { kind: 'balance', role: 'relay', address: operator },
    ...RELAY_PARAS.flatMap((paraId): ReadQuery[] => [{ kind: 'para', paraId }, { kind: 'onboardingEta', paraId }]),
  ];
}

/** Governance registers the 10 paras in one block (forceRegister in a batch), all with the same code: one vote, ten causes. */
async function registerRelayParas(relay: RealChain): Promise<void> {
  if ((await relay.head()) === 0) await relay.newBlocks();
  const code = '0x0061736d0100000000000000000000000000000000000000000000000000000000';
  const calls = RELAY_PARAS.map((paraId) => relay.tx('registrar', 'forceRegister', relay.alice.address, 0, paraId, '0x00', code));
  await relay.sudo(relay.tx('utility', 'batchAll', calls));
}

async function relayConnectTime(relay: RealChain): Promise<number> {
  const pool = new ConnectionPool({ log: silentLogger });
  const model = new ReadModel(pool);
  const started = performance.now();
  await pool.open({ networkId: 'bench-relay', role: 'relay', endpoints: [relay.wsUrl] });
  const stops: Array<() => void> = [];
  await Promise.all(relayQueries(relay.alice.address).map((query) => new Promise<void>((resolve) => {
    stops.push(model.watch(query, () => resolve()));
  })));
  const elapsedMs = performance.now() - started;
  for (const stop of stops) stop();
  await pool.closeAll();
  return elapsedMs;
}

async function relayRequestsPerBlock(relay: RealChain): Promise<{ requestsPerBlock: number; setupRequests: number; upstreamSubscriptions: number }> {
  const pool = new ConnectionPool({ log: silentLogger });
  const model = new ReadModel(pool);
  const connection = await pool.open({ networkId: 'bench-relay', role: 'relay', endpoints: [relay.wsUrl] });
  const api = await pool.api('relay');
  await api.rpc.chain.getHeader();
  const before = connection.provider.stats.total.requests;
  const subscriptionsBefore = connection.provider.stats.active.subscriptions;
  const heads: number[] = [];
  const stops: Array<() => void> = [];
  await Promise.all(relayQueries(relay.alice.address).map((query) => new Promise<void>((resolve) => {
    stops.push(model.watch(query, (value: ReadValue) => {
      if (value.kind === 'head') heads.push(value.number);
      resolve();
    }));
  })));
  const setupRequests = connection.provider.stats.total.requests - before;
  const upstreamSubscriptions = connection.provider.stats.active.subscriptions - subscriptionsBefore;
  const target = (await api.rpc.chain.getHeader()).number.toNumber() + BLOCKS;
  const afterGetHeader = connection.provider.stats.total.requests;
  // Built over the fixture's own sockets: only the console's traffic is counted.
  await relay.newBlocks({ count: BLOCKS });
  while ((heads.at(-1) ?? 0) < target) await new Promise((resolve) => setTimeout(resolve, 50));
  const blockRequests = connection.provider.stats.total.requests - afterGetHeader;
  for (const stop of stops) stop();
  await pool.closeAll();
  return { requestsPerBlock: blockRequests / BLOCKS, setupRequests, upstreamSubscriptions };
}

async function relayBench(): Promise<void> {
  const missing = realChainsMissing('paseo-relay');
  if (missing) {
    console.log(`Relay read model: ${missing}`);
    return;
  }
  const relay = await startRealChain('paseo-relay', { buildBlockMode: 'Manual' });
  try {
    await registerRelayParas(relay);
    const connectTimes: number[] = [];
    for (let run = 0; run < RELAY_CONNECT_RUNS; run += 1) connectTimes.push(await relayConnectTime(relay));
    connectTimes.sort((a, b) => a - b);
    const perBlock = await relayRequestsPerBlock(relay);
    const median = connectTimes[Math.floor(connectTimes.length / 2)] ?? 0;
    console.log(`## Relay read model (${new Date().toISOString().slice(0, 10)}, Paseo 1009003 under chopsticks, ${os.cpus().length} cores, Node ${process.version})`);
    console.log('');
    console.log(`Connect to a complete relay read model (head + operator balance + para and onboardingEta of 10 onboarding paras), ${RELAY_CONNECT_RUNS} runs: median ${median.toFixed(0)} ms, min ${connectTimes[0]?.toFixed(0)} ms, max ${connectTimes.at(-1)?.toFixed(0)} ms`);
    console.log(`Over ${BLOCKS} new blocks: ${perBlock.upstreamSubscriptions} upstream subscriptions, ${perBlock.setupRequests} requests to set up, ${perBlock.requestsPerBlock.toFixed(2)} requests per new block`);
  } finally {
    await relay.stop();
  }
}

async function main(): Promise<void> {
  await cryptoWaitReady();
  if (process.argv.includes('--relay')) {
    await relayBench();
    return;
  }
  const node = await startChopsticksNode({ buildBlockMode: 'Manual' });
  try {
    await node.fund([{ address: OPERATOR, freePlanck: 10n ** 15n }, ...WATCHED_PARAS.map((paraId) => ({ address: siblingAccount(paraId), freePlanck: 10n ** 13n }))]);
    const connectTimes: number[] = [];
    for (let run = 0; run < CONNECT_RUNS; run += 1) connectTimes.push(await timeToCompleteReadModel(node));
    connectTimes.sort((a, b) => a - b);
    const oneView = await requestsPerBlock(node, 1);
    const fiveViews = await requestsPerBlock(node, 5);

    const median = connectTimes[Math.floor(connectTimes.length / 2)] ?? 0;
    console.log(`## Chain (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version})`);
    console.log('');
    console.log(`Connect to a complete read model (head + operator balance + 10 watched paras), ${CONNECT_RUNS} runs: median ${median.toFixed(0)} ms, min ${connectTimes[0]?.toFixed(0)} ms, max ${connectTimes.at(-1)?.toFixed(0)} ms`);
    console.log('');
    console.log('| views open | upstream subscriptions | requests to set up | requests per new block |');
    console.log('|---|---|---|---|');
    for (const [views, result] of [[1, oneView], [5, fiveViews]] as const) {
      console.log(`| ${views} | ${result.upstreamSubscriptions} | ${result.setupRequests} | ${result.requestsPerBlock.toFixed(2)} |`);
    }
  } finally {
    await node.stop();
  }
  console.log('');
  await relayBench();
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
