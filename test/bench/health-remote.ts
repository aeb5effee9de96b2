/**
 * Remote mode of the health benchmark (`npm run bench:health -- --remote`):
 * a fleet of remote collators (default 200), added through the remote
 * collators' list and watched through the remote feed exactly as the console
 * does, each a fixture endpoint pair (JSON-RPC WebSocket and Prometheus) on
 * 127.0.0.1. Measures, in the monitor's process, CPU and memory per collator
 * and how long after its last block a stall of one collator in the fleet is
 * alerted. Several runs, to show the spread. Prints a Markdown section.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RemoteCollators } from '../../main/collators/remote/remote-collators';
import { HealthMonitor } from '../../main/health/health-monitor';
import { feedHealthFromRemoteCollators } from '../../main/health/remote-feed';
import { silentLogger } from '../../main/logging/logger';

const here = dirname(fileURLToPath(import.meta.url));
const fixturePath = join(here, 'health-fixture-collators.mjs');
const FLEET = Number(process.env.BENCH_REMOTE_FLEET ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MEASURE_SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 30);
const STALL_TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
/** The fleet's expected block time: a real parachain's 6 s, so the probe load is the one an operator's fleet makes. */
const BLOCK_TIME_MS = Number(process.env.BENCH_BLOCK_MS ?? 6_000);
const PARA_ID = 2000;

/** Goals set for a fleet of remote collators watched from one console. */
const GOALS = { cpuPercentPerCollator: 0.1, rssMiBPerCollator: 1, stallBlockTimesFromLastBlock: 3 };

const quietPlatform = { notify: () => undefined, tray: { setHealth: () => undefined, setItems: () => undefined } };

interface Fixture {
  child: ChildProcess;
  collators: Array<{ rpcPort: number; metricsPort: number }>;
  stall(index: number): Promise<number>;
}

async function startFixture(count: number): Promise<Fixture> {
  const child = fork(fixturePath, ['--count', String(count), '--block-ms', String(BLOCK_TIME_MS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = await new Promise<{ collators: Fixture['collators'] }>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: { event: string; collators: Fixture['collators'] }) => {
      if (message.event === 'ready') resolve(message);
    });
  });
  return {
    child,
    collators: ready.collators,
    stall: (index) =>
      new Promise<number>((resolve) => {
        const onMessage = (reply: { event: string; index: number; lastBlockAtMs: number }) => {
          if (reply.event !== 'stalled' || reply.index !== index) return;
          child.off('message', onMessage);
          resolve(reply.lastBlockAtMs);
        };
        child.on('message', onMessage);
        child.send({ cmd: 'stall', index });
      }),
  };
}

interface RunResult {
  cpuPercent: number;
  rssBytes: number;
  heapBytes: number;
  stallMs: number[];
}

async function oneRun(): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'health-bench-remote-'));
  const fixture = await startFixture(FLEET);
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const monitor = new HealthMonitor({ platform: quietPlatform, log: silentLogger, dir: join(dir, 'health'), probeIntervalMs: 2_000, persistIntervalMs: 3_600_000 });
    monitor.updateRules({ scope: 'parachain-defaults', patch: { blockTimeMs: BLOCK_TIME_MS } });
    const remotes = new RemoteCollators({ filePath: join(dir, 'remote-collators.json'), log: silentLogger, localNames: () => [], defaultParaId: () => PARA_ID });
    const stopFeed = feedHealthFromRemoteCollators(monitor, remotes);
    const ids = fixture.collators.map(({ rpcPort, metricsPort }, i) => remotes.add({ name: `remote-${i}`, rpcUrl: `ws://127.0.0.1:${rpcPort}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` }).id);
    monitor.start();
    // Let every connection settle before measuring the steady state.
    await sleep(10_000);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await sleep(MEASURE_SECONDS * 1_000);
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = performance.now() - wallStart;
    gc?.();
    const after = process.memoryUsage();
    const unreachable = monitor.status().collators.filter((c) => c.rpc !== 'up' || c.metrics !== 'up').length;
    if (unreachable > 0) throw new Error(`${unreachable} of ${FLEET} remote collators were not reachable`);

    // Stalls of single collators while the whole fleet is watched, spread over the fleet.
    const stallMs: number[] = [];
    for (let trial = 0; trial < STALL_TRIALS; trial += 1) {
      const index = Math.floor(((trial + 0.5) * FLEET) / STALL_TRIALS);
      const id = ids[index]!;
      const alerted = new Promise<number>((resolve) => {
        const off = monitor.onAlert((alert) => {
          if (alert.rule !== 'best-stalled' || alert.to === 'ok' || alert.subject.kind !== 'collator' || alert.subject.id !== id) return;
          off();
          resolve(Date.now());
        });
      });
      const lastBlockAtMs = await fixture.stall(index);
      stallMs.push((await alerted) - lastBlockAtMs);
    }
    stopFeed();
    await monitor.stop();
    return { cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100, rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed, stallMs };
  } finally {
    fixture.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRemote(): Promise<void> {
  const load = loadavg()[0]!.toFixed(2);
  const runs: RunResult[] = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await oneRun());
  const spread = (values: number[], format: (v: number) => string) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${format(sorted[Math.floor(sorted.length / 2)]!)} (${format(sorted[0]!)}–${format(sorted.at(-1)!)})`;
  };
  const pct = (v: number) => `${v.toFixed(3)} %`;
  const mib = (v: number) => `${(v / 2 ** 20).toFixed(2)} MiB`;
  const ms = (v: number) => `${Math.round(v)} ms`;
  const allStalls = runs.flatMap((r) => r.stallMs);
  const lines = [
    '## Health: remote collators',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, 1-minute load ${load} at start; \`npm run bench:health -- --remote\`.`,
    `${FLEET} remote collators added through \`RemoteCollators\` and watched through \`feedHealthFromRemoteCollators\`, as the console does; each a fixture endpoint pair on 127.0.0.1 (\`test/bench/health-fixture-collators.mjs\`: JSON-RPC WebSocket with head subscriptions, Prometheus), one block every ${BLOCK_TIME_MS} ms, probe interval 2 s. ${RUNS} runs; each settles 10 s, measures ${MEASURE_SECONDS} s in the monitor's process, then stalls ${STALL_TRIALS} collators one at a time while the whole fleet is watched. Figures: median (min–max) over the runs.`,
    '',
    '| | Per collator: median (min–max) | Goal |',
    '|---|---|---|',
    `| CPU (% of one core) | ${spread(runs.map((r) => r.cpuPercent / FLEET), pct)} | ≤ ${GOALS.cpuPercentPerCollator} % |`,
    `| Resident memory added | ${spread(runs.map((r) => r.rssBytes / FLEET), mib)} | ≤ ${GOALS.rssMiBPerCollator} MiB |`,
    `| JS heap added (after GC) | ${spread(runs.map((r) => r.heapBytes / FLEET), mib)} | |`,
    '',
    `| Stall (best stops advancing), from the last block | Median (min–max), ${allStalls.length} stalls | In block times | Goal |`,
    '|---|---|---|---|',
    `| One collator of ${FLEET} | ${spread(allStalls, ms)} | ${spread(allStalls.map((v) => v / BLOCK_TIME_MS), (v) => v.toFixed(2))} | ≤ ${GOALS.stallBlockTimesFromLastBlock} block times |`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
