/**
 * Health monitoring benchmark (`npm run bench:health`): detection latency for
 * a stall, a crash and a peer loss against fixture collators with a known
 * block time, beside the latency the polkadot-sdk alerting rules give on the
 * same signal, and the cost of watching 50 collators. Prints a Markdown section.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert, RuleId } from '../../shared/contract/health';
import { settingsSchema } from '../../shared/contract/settings';
import { Collators } from '../../main/collators/collators';
import { HealthMonitor } from '../../main/health/health-monitor';
import { feedHealthFromSupervisor } from '../../main/health/supervisor-feed';
import { SeriesStore } from '../../main/health/series/series-store';
import { TieredSeries } from '../../main/health/series/tiered-series';
import { silentLogger } from '../../main/logging/logger';
import { benchRemote } from './health-remote';

const here = dirname(fileURLToPath(import.meta.url));
const fixturePath = join(here, 'health-fixture-collators.mjs');
const fakeCollatorPath = resolve(here, '../fixtures/fake-collator/fake-collator.mjs');
const BLOCK_TIME_MS = Number(process.env.BENCH_BLOCK_MS ?? 2_000);
const PROBE_INTERVAL_MS = Number(process.env.BENCH_PROBE_MS ?? 1_000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 5);
const FLEET = Number(process.env.BENCH_FLEET ?? 50);
const FLEET_SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 60);

const quietPlatform = { notify: () => undefined, tray: { setHealth: () => undefined, setItems: () => undefined } };
const dirs: string[] = [];
const children: ChildProcess[] = [];

interface Fixture {
  child: ChildProcess;
  collators: Array<{ rpcPort: number; metricsPort: number }>;
  request<T>(message: object, event: string): Promise<T>;
}

async function startFixture(count: number, blockMs: number): Promise<Fixture> {
  // Node's own bench-free process: fork it without the tsx loader the bench runs under.
  const child = fork(fixturePath, ['--count', String(count), '--block-ms', String(blockMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  children.push(child);
  const ready = await new Promise<{ collators: Fixture['collators'] }>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: { event: string; collators: Fixture['collators'] }) => {
      if (message.event === 'ready') resolve(message);
    });
  });
  return {
    child,
    collators: ready.collators,
    request: <T>(message: object, event: string) =>
      new Promise<T>((resolve) => {
        const onMessage = (reply: { event: string }) => {
          if (reply.event !== event) return;
          child.off('message', onMessage);
          resolve(reply as T);
        };
        child.on('message', onMessage);
        child.send(message);
      }),
  };
}

function newMonitor(probeIntervalMs = PROBE_INTERVAL_MS): HealthMonitor {
  const dir = mkdtempSync(join(tmpdir(), 'health-bench-'));
  dirs.push(dir);
  const monitor = new HealthMonitor({ platform: quietPlatform, log: silentLogger, dir, probeIntervalMs, persistIntervalMs: 3_600_000 });
  monitor.updateRules({ scope: 'parachain-defaults', patch: { blockTimeMs: BLOCK_TIME_MS } });
  return monitor;
}

function watch(monitor: HealthMonitor, id: string, ports: { rpcPort: number; metricsPort: number }, basePath?: string): void {
  monitor.watchCollator({
    id,
    name: id,
    paraId: 2000,
    rpcUrl: `ws://127.0.0.1:${ports.rpcPort}`,
    parachainMetricsUrl: `http://127.0.0.1:${ports.metricsPort}/metrics`,
    ...(basePath ? { basePath } : {}),
    expectedRunning: true,
  });
}

function nextAlert(monitor: HealthMonitor, rule: RuleId): Promise<{ alert: Alert; atMs: number }> {
  return new Promise((resolve) => {
    const off = monitor.onAlert((alert) => {
      if (alert.rule !== rule || alert.to === 'ok') return;
      off();
      resolve({ alert, atMs: Date.now() });
    });
  });
}

/** Resolves once the monitor has seen the collator's RPC answer and `blocks` new heads. */
function settled(monitor: HealthMonitor, blocks: number): Promise<void> {
  let firstBest: number | null = null;
  return new Promise((resolve) => {
    const check = () => {
      const collator = monitor.status().collators[0];
      if (!collator || collator.rpc !== 'up' || collator.best === null) return;
      firstBest ??= collator.best;
      if (collator.best - firstBest >= blocks && collator.level === 'ok') {
        off();
        resolve();
      }
    };
    const off = monitor.onSignal(check);
  });
}

function stats(values: number[]): { median: number; max: number; min: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, max: sorted.at(-1) ?? NaN, min: sorted[0] ?? NaN };
}

async function stallLatency(): Promise<number[]> {
  const fixture = await startFixture(TRIALS, BLOCK_TIME_MS);
  const latencies: number[] = [];
  for (let i = 0; i < TRIALS; i += 1) {
    const monitor = newMonitor();
    watch(monitor, `stall-${i}`, fixture.collators[i]!);
    monitor.start();
    await settled(monitor, 2);
    const alert = nextAlert(monitor, 'best-stalled');
    const { lastBlockAtMs } = await fixture.request<{ lastBlockAtMs: number }>({ cmd: 'stall', index: i }, 'stalled');
    const { atMs } = await alert;
    latencies.push(atMs - lastBlockAtMs);
    await monitor.stop();
  }
  fixture.child.kill();
  return latencies;
}

/**
 * A real collator process under the real supervisor, fed to the monitor by
 * the same `feedHealthFromSupervisor` the console composes in services.ts:
 * the exit the monitor judges is the one the supervisor saw and published
 * as a state change, not one the benchmark wired to it.
 */
async function supervisedFixtureCollator(monitor: HealthMonitor): Promise<{ id: string; collators: Collators; ports: { rpcPort: number; metricsPort: number }; stopFeed: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'health-bench-supervised-'));
  dirs.push(dir);
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ name: 'Bench', id: 'bench', para_id: 2000, genesis: { runtimeGenesis: { patch: {} } } }));
  const settings = settingsSchema.parse({ schemaVersion: 2, stopTimeoutMs: 5_000 });
  const collators = new Collators({
    dataDir: join(dir, 'data'),
    logsDir: join(dir, 'logs'),
    settings: () => settings,
    log: silentLogger,
    // Away from Substrate's default ports, which other tests on this machine may hold.
    portSearchFrom: { para: { p2p: 16_000, rpc: 16_100, prometheus: 16_200 }, relay: { p2p: 16_300, rpc: 16_400, prometheus: 16_500 } },
  });
  const profile = await collators.create({
    name: 'crash',
    binaryPath: fakeCollatorPath,
    chainSpecPath: specPath,
    basePath: join(dir, 'base'),
    relay: { mode: 'embedded', chain: 'rococo-local' },
    extraArgs: ['--fake-block-ms', String(BLOCK_TIME_MS), '--fake-head-subscriptions', '--fake-relay-metrics'],
  });
  const stopFeed = feedHealthFromSupervisor(monitor, collators.supervisor, collators);
  await collators.supervisor.start(profile.id);
  return { id: profile.id, collators, ports: { rpcPort: profile.ports.para.rpc, metricsPort: profile.ports.para.prometheus }, stopFeed };
}

async function crashLatency(): Promise<{ viaExit: number[]; viaRpc: number[] }> {
  const viaExit: number[] = [];
  const viaRpc: number[] = [];
  for (let i = 0; i < TRIALS; i += 1) {
    // Two monitors on one node: one fed by the supervisor, the other only watching its RPC (no process events at all).
    const supervised = newMonitor();
    const unsupervised = newMonitor();
    const node = await supervisedFixtureCollator(supervised);
    watch(unsupervised, node.id, node.ports);
    supervised.start();
    unsupervised.start();
    await Promise.all([settled(supervised, 1), settled(unsupervised, 1)]);
    const pid = node.collators.supervisor.state(node.id).pid;
    if (pid === null) throw new Error('the supervised fixture collator has no pid');
    const down = nextAlert(supervised, 'process-down');
    const rpcDown = nextAlert(unsupervised, 'rpc-unreachable');
    const killedAtMs = Date.now();
    process.kill(pid, 'SIGKILL');
    viaExit.push((await down).atMs - killedAtMs);
    viaRpc.push((await rpcDown).atMs - killedAtMs);
    node.stopFeed();
    // The supervisor would restart it after its backoff: stopping cancels that.
    await node.collators.dispose({ keepCollators: false });
    await Promise.all([supervised.stop(), unsupervised.stop()]);
  }
  return { viaExit, viaRpc };
}

async function peerLossLatency(): Promise<number[]> {
  const fixture = await startFixture(TRIALS, BLOCK_TIME_MS);
  const latencies: number[] = [];
  for (let i = 0; i < TRIALS; i += 1) {
    const monitor = newMonitor();
    watch(monitor, `peers-${i}`, fixture.collators[i]!);
    monitor.start();
    await settled(monitor, 1);
    const alert = nextAlert(monitor, 'peers-low');
    const { atMs: lostAtMs } = await fixture.request<{ atMs: number }>({ cmd: 'peers', index: i, peers: 0 }, 'peers-set');
    latencies.push((await alert).atMs - lostAtMs);
    await monitor.stop();
  }
  fixture.child.kill();
  return latencies;
}

async function fleetCost(): Promise<{ cpuPercent: number; rssBytes: number; heapBytes: number; seriesWeekBytes: number }> {
  const fixture = await startFixture(FLEET, 6_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const monitor = newMonitor(2_000);
  monitor.updateRules({ scope: 'parachain-defaults', patch: { blockTimeMs: 6_000 } });
  const basePath = mkdtempSync(join(tmpdir(), 'health-bench-base-'));
  dirs.push(basePath);
  fixture.collators.forEach((ports, i) => watch(monitor, `c${i}`, ports, basePath));
  monitor.start();
  // Let every connection settle before measuring the steady state.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, FLEET_SECONDS * 1_000));
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  gc?.();
  const after = process.memoryUsage();
  const status = monitor.status();
  if (status.collators.some((c) => c.rpc !== 'up' || c.metrics !== 'up')) throw new Error('not every fixture collator was reachable');
  await monitor.stop();
  fixture.child.kill();
  return {
    cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
    rssBytes: after.rss - before.rss,
    heapBytes: after.heapUsed - before.heapUsed,
    seriesWeekBytes: seriesBytesAtFullRetention(),
  };
}

/** Heap taken by one series filled to its full retention (an hour of seconds, a week of minutes). */
function seriesBytesAtFullRetention(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept: TieredSeries[] = [];
  const start = Date.now() - 7 * 86_400_000;
  for (let s = 0; s < 10; s += 1) {
    const series = new TieredSeries();
    for (let at = start; at < start + 7 * 86_400_000; at += 60_000) series.coarse.record(at, at % 1_000);
    for (let at = Date.now() - 3_600_000; at < Date.now(); at += 1_000) series.fine.record(at, at % 1_000);
    kept.push(series);
  }
  gc?.();
  return (process.memoryUsage().heapUsed - before) / kept.length;
}

/** Saving and loading the chart history of the whole fleet at full retention. */
function seriesPersistence(collators: number): { compactMs: number; appendMs: number; loadMs: number; fileBytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'health-bench-series-'));
  dirs.push(dir);
  const file = join(dir, 'series.jsonl');
  const store = new SeriesStore(file);
  const metrics = ['best', 'finalized', 'peers', 'blockTimeMs', 'cpuPercent', 'memoryBytes'] as const;
  const now = Date.now();
  const fill = (fromMs: number, toMs: number, stepMs: number) => {
    for (let c = 0; c < collators; c += 1) {
      for (const [m, metric] of metrics.entries()) {
        for (let at = fromMs; at < toMs; at += stepMs) store.record({ kind: 'collator', id: `c${c}` }, metric, at, m === 0 ? 4_000_000 + Math.floor(at / 6_000) : (at / 1_000) % 97);
      }
    }
  };
  fill(now - 7 * 86_400_000, now - 3_600_000, 60_000);
  fill(now - 3_600_000, now, 1_000);
  let started = performance.now();
  store.compact();
  const compactMs = performance.now() - started;
  fill(now, now + 60_000, 2_000);
  started = performance.now();
  store.persist();
  const appendMs = performance.now() - started;
  started = performance.now();
  new SeriesStore(file);
  const loadMs = performance.now() - started;
  return { compactMs, appendMs, loadMs, fileBytes: statSync(file).size };
}

/**
 * What the alerting rules shipped with polkadot-sdk (its Prometheus rules for stalled block production) give on the same
 * signal: the condition must hold over its range window and then for its
 * `for:` duration. With a scrape and evaluation interval of 15 s the alert
 * fires between `window + for` and that plus one scrape and one evaluation.
 */
function sdkRuleLatencyS(rule: { windowS: number; forS: number }, intervalS = 15): { min: number; max: number } {
  return { min: rule.windowS + rule.forS, max: rule.windowS + rule.forS + 2 * intervalS };
}

const sdk = {
  stallWarn: sdkRuleLatencyS({ windowS: 60, forS: 180 }),
  stallCrit: sdkRuleLatencyS({ windowS: 60, forS: 600 }),
  instanceDown: sdkRuleLatencyS({ windowS: 0, forS: 300 }),
  peersWarn: sdkRuleLatencyS({ windowS: 0, forS: 180 }),
  peersCrit: sdkRuleLatencyS({ windowS: 0, forS: 900 }),
};

async function main(): Promise<void> {
  // The fleet first, so its memory is measured from a process that has done nothing else yet.
  const fleet = await fleetCost();
  const stall = stats(await stallLatency());
  const crash = await crashLatency();
  const exit = stats(crash.viaExit);
  const rpc = stats(crash.viaRpc);
  const peers = stats(await peerLossLatency());
  const saving = seriesPersistence(FLEET);
  const ms = (v: number) => `${Math.round(v)} ms`;
  const bt = (v: number) => `${(v / BLOCK_TIME_MS).toFixed(2)}`;
  const mib = (v: number) => `${(v / 2 ** 20).toFixed(1)} MiB`;
  const lines = [
    '## Health',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; \`npm run bench:health\`.`,
    `Fixture collators (\`test/bench/health-fixture-collators.mjs\`): real JSON-RPC WebSocket and Prometheus endpoints on 127.0.0.1, one block every ${BLOCK_TIME_MS} ms (the expected block time given to the monitor). Probe interval ${PROBE_INTERVAL_MS} ms. ${TRIALS} trials each; wall-clock latency from the fault to the alert.`,
    '',
    '| Fault | Console: median (max) | In block times | Target | polkadot-sdk rule on the same signal |',
    '|---|---|---|---|---|',
    `| Stall (best stops advancing), from the last block | ${ms(stall.median)} (${ms(stall.max)}) | ${bt(stall.median)} (${bt(stall.max)}) | ≤ 2 block times after the missed block, i.e. ≤ 3 from the last | \`increase(best[1m]) < 1\` for 3m: ${sdk.stallWarn.min}–${sdk.stallWarn.max} s warning, ${sdk.stallCrit.min}–${sdk.stallCrit.max} s critical |`,
    `| Crash (SIGKILL), exit seen by the supervisor (real \`Supervisor\` and \`supervisor-feed\`) | ${ms(exit.median)} (${ms(exit.max)}) | | ≤ 1 s | instance down for 5m: ${sdk.instanceDown.min}–${sdk.instanceDown.max} s |`,
    `| Crash (SIGKILL), RPC socket drop only | ${ms(rpc.median)} (${ms(rpc.max)}) | | ≤ 1 s | same |`,
    `| Peer loss (peers 8 → 0) | ${ms(peers.median)} (${ms(peers.max)}) | | ≤ 1 probe interval (${PROBE_INTERVAL_MS} ms) | peers < 3 for 3m: ${sdk.peersWarn.min}–${sdk.peersWarn.max} s warning, ${sdk.peersCrit.min}–${sdk.peersCrit.max} s critical |`,
    '',
    `polkadot-sdk latency is computed from the rule: range window + \`for:\`, plus up to one scrape and one evaluation interval (15 s each assumed).`,
    '',
    `Monitoring cost, ${FLEET} collators watched at once (RPC subscriptions to new and finalized heads, \`system_health\` + \`system_syncState\` + one Prometheus scrape + one \`statfs\` per collator every 2 s; fixture block time 6 s), measured over ${FLEET_SECONDS} s in the monitor's process:`,
    '',
    '| | Total | Per collator |',
    '|---|---|---|',
    `| CPU (% of one core) | ${fleet.cpuPercent.toFixed(1)} % | ${(fleet.cpuPercent / FLEET).toFixed(2)} % |`,
    `| Resident memory added | ${mib(fleet.rssBytes)} | ${mib(fleet.rssBytes / FLEET)} |`,
    `| JS heap added (after GC) | ${mib(fleet.heapBytes)} | ${mib(fleet.heapBytes / FLEET)} |`,
    `| Chart history at full retention (6 series per collator, 1 h of 1 s + 1 week of 1 min points) | ${mib(fleet.seriesWeekBytes * 6 * FLEET)} | ${mib(fleet.seriesWeekBytes * 6)} |`,
    '',
    `Chart history on disk for ${FLEET} collators at full retention: the minute save appends only closed minutes (${saving.appendMs.toFixed(1)} ms); compacting on close writes ${mib(saving.fileBytes)} in ${ms(saving.compactMs)}; loading at start takes ${ms(saving.loadMs)}.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function crashOnly(): Promise<void> {
  const crash = await crashLatency();
  const exit = stats(crash.viaExit);
  const rpc = stats(crash.viaRpc);
  const ms = (v: number) => `${Math.round(v)} ms`;
  process.stdout.write(
    `Crash latency, ${TRIALS} trials, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${loadavg()[0]?.toFixed(1)}:\n` +
      `- exit seen by the supervisor: median ${ms(exit.median)} (min ${ms(exit.min)}, max ${ms(exit.max)}); each: ${crash.viaExit.join(', ')} ms\n` +
      `- RPC socket drop only: median ${ms(rpc.median)} (min ${ms(rpc.min)}, max ${ms(rpc.max)}); each: ${crash.viaRpc.join(', ')} ms\n`,
  );
}

try {
  // `npm run bench:health -- --remote`: a fleet of remote collators instead (test/bench/health-remote.ts).
  if (process.argv.includes('--remote')) await benchRemote();
  // `-- --crash`: only the crash latencies, both paths (a minute, not the whole benchmark's several).
  else if (process.argv.includes('--crash')) await crashOnly();
  else await main();
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
