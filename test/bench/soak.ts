/**
 * Soak of the whole console as one process (`npm run bench:soak`): the built
 * headless server, started as the shells start it, with
 *
 * - 20 fixture collators (test/fixtures/fake-collator) under its supervisor,
 *   each flooding its log, one of them SIGKILLed every 10 minutes (the
 *   interval scales with a shorter run, so a short run still sees crashes);
 * - health on all of them (the console's own supervisor feed does that);
 * - the read model on a real runtime: the Paseo relay (spec 1009003 from
 *   ../shared/chains/) under chopsticks, a block built every 12 s, its head
 *   and the operator's balance followed over the console's WebSocket API
 *   (skipped, and said so, when the spec is absent);
 * - a browser page (Playwright's Chromium) on the Collators dashboard, where
 *   the console shows every collator's health.
 *
 * A small module loaded into the console's process (soak-probe.mjs) reports
 * RSS, the heap after full collections, active handles and CPU time. Figures at
 * the start, every 10 minutes (every tenth of the run when it is shorter than
 * an hour) and at the end, plus disk used by logs and by the health history,
 * and what was lost: flood lines missing from the log segments, crashes not
 * restarted or not alerted, relay heads built but never delivered.
 *
 *   npm run bench:soak                    # 60 minutes
 *   npm run bench:soak -- --minutes 10    # shorter
 *   npx tsx test/bench/soak.ts --minutes 2 --collators 3 --lines-per-sec 20 --keep   # a try-out on a busy machine
 *
 * Needs the built console (`npm run build`); prints Markdown; exits 1 when a
 * goal is missed (memory growth ≥ 10 % after the first tenth, disk past its
 * bounds, anything lost).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import WebSocket from 'ws';
import { ApiClient } from '../../renderer/src/api/client';
import { createWebSocketTransport } from '../../renderer/src/api/ws-transport';
import { runIdOf } from '../../main/collators/log-files';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';


const FIXTURE_BLOCK_MS = 2_000;
/** The full soak: an hour, a sample and a crash every 10 minutes. */
const FULL_RUN_MINUTES = 60;
const FULL_INTERVAL_MINUTES = 10;
const RELAY_BLOCK_EVERY_MS = 12_000;
const WARM_UP_MS = 30_000;
/** The supervisor's configured log bounds (main/collators/supervisor.ts defaults): per run, 5 segments of 10 MiB; 10 runs per node. */
const SEGMENT_BYTES = 10 * 1024 * 1024;
const SEGMENTS_KEPT = 5;
const RUNS_KEPT = 10;
/**
 * What a node's spool may still hold on disk before its copied range is freed: the copy runs every 250 ms
 * in steps of up to 8 MiB, and blocks are freed in steps of 4 MiB once copied and read.
 */
const SPOOL_SLACK_BYTES = 16 * 1024 * 1024;
/**
 * The health history at full retention (an hour of 1 s points and a week of 1 min points, 6 series a collator) compacts
 * to 36.9 MiB for 50 collators (BENCHMARKS.md, Health): 0.74 MiB a collator. Parachain series and the alert history on top
 * are small; the bound allows twice the collators' share.
 */
const HISTORY_BOUND_BYTES_PER_COLLATOR = 2 * 0.74 * 1024 * 1024;
const MEMORY_GROWTH_GOAL = 0.1;
const OPERATOR = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'; // //Alice

const root = resolve(import.meta.dirname, '../..');
const fakeCollator = join(root, 'test/fixtures/fake-collator/fake-collator.mjs');
const probeModule = join(import.meta.dirname, 'soak-probe.mjs');
const serverEntry = join(root, 'out/main/server.js');

interface ProbeAnswer {
  kind: 'probe';
  atMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  handlesByType: Record<string, number>;
  cpuUserMicros: number;
  cpuSystemMicros: number;
}

interface Sample {
  label: string;
  elapsedMin: number;
  rssMiB: number;
  heapMiB: number;
  externalMiB: number;
  handles: number;
  timers: number;
  /** The console's CPU since the previous sample, in % of one core. */
  cpuPercent: number;
  logsOnDiskMiB: number;
  historyOnDiskKiB: number;
  pageHeapMiB: number | null;
  load1m: number;
}

interface CrashRecord {
  profileId: string;
  name: string;
  killedPid: number;
  killedAtMs: number;
  alertAfterMs: number | null;
  restartedAfterMs: number | null;
}

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: String(FULL_RUN_MINUTES) },
    // Smaller fleets only to try the benchmark itself out; the figures are for 20 collators at 250 lines/s each.
    collators: { type: 'string', default: '20' },
    'lines-per-sec': { type: 'string', default: '250' },
    keep: { type: 'boolean', default: false },
  },
});
const COLLATORS = Number(values.collators);
const FLOOD_LINES_PER_SEC_EACH = Number(values['lines-per-sec']);
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, not ${values.minutes}`);
const runMs = minutes * 60_000;
const shortened = minutes < FULL_RUN_MINUTES;
const sampleEveryMs = shortened ? runMs / 10 : FULL_INTERVAL_MINUTES * 60_000;
const crashEveryMs = (FULL_INTERVAL_MINUTES * 60_000 * minutes) / FULL_RUN_MINUTES;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-soak-'));
  const dataDir = join(dir, 'data');
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ name: 'Soak', id: 'soak', chainType: 'Local', relay_chain: 'rococo-local', para_id: 2000, genesis: { runtimeGenesis: { code: '0x00', patch: {} } } }));
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? NaN;
  let chain: RealChain | null = null;
  let consoleProcess: ChildProcess | null = null;
  let browser: Browser | null = null;
  const chainSkipped = realChainsMissing('paseo-relay');
  try {
    if (chainSkipped) console.error(`soak: the read model part is ${chainSkipped}`);
    else chain = await startRealChain('paseo-relay', { buildBlockMode: 'Manual' });

    const console_ = await startConsole(dataDir);
    consoleProcess = console_.child;
    // The renderer's own client and transport, with `ws` standing in for the browser's WebSocket.
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    const client = new ApiClient(createWebSocketTransport(`ws://127.0.0.1:${new URL(console_.url).port}/api?token=${new URL(console_.url).searchParams.get('token') ?? ''}`));

    // The read model: the relay's head and the operator's balance, followed as a page would.
    const headsSeen = new Set<number>();
    let balanceEvents = 0;
    if (chain) {
      await client.call('chain.addNetwork', {
        network: { id: 'soak-paseo', name: 'Soak Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo local relay', rpcEndpoints: [chain.wsUrl] } } },
      });
      await client.call('chain.connect', { networkId: 'soak-paseo', roles: ['relay'] });
      client.subscribe('chain.readModel', { query: { kind: 'head', role: 'relay' } }, (value) => {
        if (value.kind === 'head') headsSeen.add(value.number);
      });
      client.subscribe('chain.readModel', { query: { kind: 'balance', role: 'relay', address: OPERATOR } }, () => (balanceEvents += 1));
    }

    // 20 collators, each flooding its log; health follows each through the console's own supervisor feed.
    const ids: string[] = [];
    for (let i = 0; i < COLLATORS; i++) {
      const profile = await client.call('collators.create', {
        profile: {
          name: `soak-${String(i).padStart(2, '0')}`,
          binaryPath: fakeCollator,
          chainSpecPath: specPath,
          basePath: join(dir, 'base', String(i)),
          relay: { mode: 'embedded', chain: 'rococo-local' },
          extraArgs: ['--fake-block-ms', String(FIXTURE_BLOCK_MS), '--fake-lines-per-sec', String(FLOOD_LINES_PER_SEC_EACH), '--fake-head-subscriptions', '--fake-relay-metrics'],
        },
      });
      ids.push(profile.id);
    }
    const processDownAlerts = new Map<string, number[]>();
    client.subscribe('health.alert', {}, (alert) => {
      if (alert.rule !== 'process-down' || alert.to === 'ok' || alert.subject.kind !== 'collator') return;
      processDownAlerts.set(alert.subject.id, [...(processDownAlerts.get(alert.subject.id) ?? []), Date.now()]);
    });
    /** Every process each node has had, in order: a crash's restart is the first new one after it. */
    const pidHistory = new Map<string, Array<{ pid: number | null; atMs: number }>>();
    client.subscribe('collators.state', {}, (state) => {
      const history = pidHistory.get(state.profileId) ?? [];
      if (history.at(-1)?.pid !== state.pid) history.push({ pid: state.pid, atMs: Date.now() });
      pidHistory.set(state.profileId, history);
    });
    for (const id of ids) await client.call('collators.start', { id });

    // The dashboard open in a browser for the whole run.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(console_.url);
    await page.goto(`${new URL(console_.url).origin}/#/collators`);
    await page.getByRole('table', { name: 'Collators' }).getByRole('row').nth(COLLATORS).waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);

    let relayBlocksBuilt: number[] = [];
    let building = false;
    const blockTimer = chain
      ? setInterval(() => {
          if (building || !chain) return;
          building = true;
          chain
            .newBlocks()
            .then((head) => relayBlocksBuilt.push(head))
            .catch((error: unknown) => console.error('soak: building a relay block failed', error))
            .finally(() => (building = false));
        }, RELAY_BLOCK_EVERY_MS)
      : null;

    // The start's CPU figure is the warm-up's: everything running, nothing measured yet.
    let previousCpu = await probe(console_.child);
    await sleep(WARM_UP_MS);
    // Blocks built before the read model had settled are not counted against it.
    relayBlocksBuilt = [];
    const soakStartMs = Date.now();
    const samples: Sample[] = [];
    const take = async (label: string): Promise<void> => {
      const now = await probe(console_.child);
      samples.push(await toSample(label, now, previousCpu, (Date.now() - soakStartMs) / 60_000, dataDir, cdp));
      previousCpu = now;
      const last = samples.at(-1);
      if (last) console.error(`soak: ${label} at ${last.elapsedMin} min: RSS ${last.rssMiB} MiB, heap ${last.heapMiB} MiB, handles ${last.handles} (+${last.timers} timers), CPU ${last.cpuPercent} %, logs ${last.logsOnDiskMiB} MiB, history ${last.historyOnDiskKiB} KiB`);
    };
    await take('start');

    const crashes: CrashRecord[] = [];
    let nextSampleMs = soakStartMs + sampleEveryMs;
    let nextCrashMs = soakStartMs + crashEveryMs / 2;
    const endMs = soakStartMs + runMs;
    while (Date.now() < endMs) {
      const wakeAt = Math.min(nextSampleMs, nextCrashMs, endMs);
      await sleep(Math.max(0, wakeAt - Date.now()));
      if (Date.now() >= nextCrashMs && Date.now() < endMs) {
        nextCrashMs += crashEveryMs;
        const id = ids[crashes.length % ids.length] ?? '';
        const pid = pidHistory.get(id)?.at(-1)?.pid ?? null;
        if (pid === null) {
          console.error(`soak: ${id} had no process to kill`);
          continue;
        }
        const killedAtMs = Date.now();
        process.kill(pid, 'SIGKILL');
        crashes.push({ profileId: id, name: `soak-${String(ids.indexOf(id)).padStart(2, '0')}`, killedPid: pid, killedAtMs, alertAfterMs: null, restartedAfterMs: null });
      }
      if (Date.now() >= nextSampleMs && Date.now() < endMs - 1_000) {
        nextSampleMs += sampleEveryMs;
        await take('sample');
      }
    }
    await take('end');
    if (blockTimer) clearInterval(blockTimer);
    while (building) await sleep(100);
    await sleep(3_000);

    // Each crash: the console's alert, and a new process for the node (the first restart waits out the 10 s backoff).
    for (const crash of crashes) {
      const alertAt = (processDownAlerts.get(crash.profileId) ?? []).find((at) => at >= crash.killedAtMs);
      crash.alertAfterMs = alertAt === undefined ? null : alertAt - crash.killedAtMs;
      const restart = (pidHistory.get(crash.profileId) ?? []).find((entry) => entry.atMs >= crash.killedAtMs && entry.pid !== null && entry.pid !== crash.killedPid);
      crash.restartedAfterMs = restart ? restart.atMs - crash.killedAtMs : null;
    }
    const pageStillLive = await page.getByRole('table', { name: 'Collators' }).getByText('Running', { exact: true }).count();

    // Stopped through the console, so each fixture prints how many lines it wrote.
    for (const id of ids) await client.call('collators.stop', { id });
    const lines = countFloodLines(join(dataDir, 'logs', 'collators'));
    const disk = logBounds(join(dataDir, 'logs', 'collators'));
    await browser.close();
    browser = null;
    await stopConsole(console_.child);
    consoleProcess = null;
    const historyBytes = diskBytes(join(dataDir, 'health'));

    const missingHeads = relayBlocksBuilt.filter((number) => !headsSeen.has(number));
    printReport({ startedAt, loadAtStart, samples, crashes, lines, disk, historyBytes, chainSkipped, relayBlocksBuilt, missingHeads, balanceEvents, pageStillLive });
    const memoryGrowth = growthAfterFirstTenth(samples);
    const failed =
      memoryGrowth.rss >= MEMORY_GROWTH_GOAL ||
      memoryGrowth.heap >= MEMORY_GROWTH_GOAL ||
      lines.lost > 0 ||
      disk.overBound.length > 0 ||
      historyBytes > HISTORY_BOUND_BYTES_PER_COLLATOR * COLLATORS ||
      crashes.some((c) => c.alertAfterMs === null || c.restartedAfterMs === null) ||
      missingHeads.length > 0;
    process.exitCode = failed ? 1 : 0;
  } finally {
    await browser?.close().catch(() => undefined);
    if (consoleProcess) await stopConsole(consoleProcess);
    await chain?.stop();
    if (values.keep) console.error(`soak: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function startConsole(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // As the shells run it (plain Node on the built bundle), plus the probe; --expose-gc lets the probe read the heap after collection.
  const child = fork(serverEntry, ['--port', '0', '--data-dir', dataDir], {
    cwd: root,
    execArgv: ['--expose-gc', '--import', probeModule],
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) done(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the console exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

async function stopConsole(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

function probe(child: ChildProcess): Promise<ProbeAnswer> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the console did not answer the probe in 30 s')), 30_000);
    const onMessage = (message: unknown): void => {
      if (typeof message !== 'object' || message === null || (message as { kind?: unknown }).kind !== 'probe') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      done(message as ProbeAnswer);
    };
    child.on('message', onMessage);
    child.send({ kind: 'probe' });
  });
}

async function toSample(label: string, now: ProbeAnswer, before: ProbeAnswer, elapsedMin: number, dataDir: string, cdp: CDPSession): Promise<Sample> {
  const cpuMicros = now.cpuUserMicros + now.cpuSystemMicros - (before.cpuUserMicros + before.cpuSystemMicros);
  const wallMs = Math.max(1, now.atMs - before.atMs);
  const timers = (now.handlesByType['Timeout'] ?? 0) + (now.handlesByType['Immediate'] ?? 0);
  const handles = Object.values(now.handlesByType).reduce((a, b) => a + b, 0) - timers;
  // The page's heap is a side figure: a page that cannot answer (closed by a crash) leaves it empty, not the soak.
  const pageHeapMiB = await cdp
    .send('Runtime.getHeapUsage')
    .then((heap) => mib((heap as { usedSize: number }).usedSize))
    .catch(() => null);
  return {
    label,
    elapsedMin: Math.round(elapsedMin * 10) / 10,
    rssMiB: mib(now.rssBytes),
    heapMiB: mib(now.heapUsedBytes),
    externalMiB: mib(now.externalBytes),
    handles,
    timers,
    cpuPercent: Math.round((cpuMicros / 1_000 / wallMs) * 1000) / 10,
    logsOnDiskMiB: mib(diskBytes(join(dataDir, 'logs'))),
    historyOnDiskKiB: Math.round(diskBytes(join(dataDir, 'health')) / 1024),
    pageHeapMiB,
    load1m: Math.round((loadavg()[0] ?? NaN) * 10) / 10,
  };
}

/** Blocks a folder takes on disk (holes punched in the spools count as free, as the file system counts them). */
function diskBytes(path: string): number {
  if (!existsSync(path)) return 0;
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += statSync(join(entry.parentPath, entry.name)).blocks * 512;
    } catch {
      // Removed between the listing and the stat (a segment rotated out): it takes no space.
    }
  }
  return total;
}

/**
 * Numbered flood lines per run of each node, read from its segments in order. Lines a run wrote before its oldest
 * kept segment were deleted by the configured retention and are counted apart; any other gap is a lost line.
 */
function countFloodLines(logsDir: string): { written: number; kept: number; retentionDropped: number; lost: number; runs: number } {
  let written = 0;
  let kept = 0;
  let retentionDropped = 0;
  let lost = 0;
  let runs = 0;
  for (const node of readdirSync(logsDir)) {
    const files = readdirSync(join(logsDir, node)).filter((name) => name.endsWith('.log')).sort();
    for (const run of new Set(files.map(runIdOf))) {
      runs += 1;
      const text = files.filter((name) => runIdOf(name) === run).map((name) => readFileSync(join(logsDir, node, name), 'utf8')).join('');
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      const seqs = new Set<number>();
      for (const match of text.matchAll(/flood seq=(\d+) /g)) {
        const seq = Number(match[1]);
        seqs.add(seq);
        if (seq < min) min = seq;
        if (seq > max) max = seq;
      }
      // A run that stopped cleanly printed its total; a SIGKILLed one ends at its highest line.
      const total = Math.max(max, Number(/flood_total=(\d+)/.exec(text)?.[1] ?? 0));
      if (seqs.size === 0) continue;
      written += total;
      kept += seqs.size;
      retentionDropped += min - 1;
      lost += total - (min - 1) - seqs.size;
    }
  }
  return { written, kept, retentionDropped, lost, runs };
}

/** Each node's log folder against the supervisor's bounds: runs kept, segments per run, a segment's size, and each spool's slack. */
function logBounds(logsDir: string): { nodes: number; largestNodeMiB: number; boundPerNodeMiB: number; overBound: string[] } {
  const overBound: string[] = [];
  let largest = 0;
  const nodes = readdirSync(logsDir);
  for (const node of nodes) {
    const folder = join(logsDir, node);
    const names = readdirSync(folder);
    const runs = new Set(names.filter((name) => !name.startsWith('.')).map(runIdOf));
    if (runs.size > RUNS_KEPT) overBound.push(`${node}: ${runs.size} runs kept (bound ${RUNS_KEPT})`);
    for (const run of runs) {
      const segments = names.filter((name) => runIdOf(name) === run && /\.\d+\.log$/.test(name));
      if (segments.length > SEGMENTS_KEPT) overBound.push(`${node}/${run}: ${segments.length} segments (bound ${SEGMENTS_KEPT})`);
      for (const segment of segments) {
        const size = statSync(join(folder, segment)).size;
        if (size > SEGMENT_BYTES) overBound.push(`${node}/${segment}: ${size} bytes (bound ${SEGMENT_BYTES})`);
      }
    }
    for (const spool of names.filter((name) => name.endsWith('.out'))) {
      const onDisk = statSync(join(folder, spool)).blocks * 512;
      if (onDisk > SPOOL_SLACK_BYTES) overBound.push(`${node}/${spool}: ${onDisk} bytes on disk (bound ${SPOOL_SLACK_BYTES})`);
    }
    largest = Math.max(largest, diskBytes(folder));
  }
  return { nodes: nodes.length, largestNodeMiB: mib(largest), boundPerNodeMiB: mib(RUNS_KEPT * SEGMENTS_KEPT * SEGMENT_BYTES + SPOOL_SLACK_BYTES), overBound };
}

/** Growth of RSS and heap from the first sample after the first tenth of the run to the highest one after it. */
function growthAfterFirstTenth(samples: Sample[]): { rss: number; heap: number; baseline: Sample | undefined } {
  const baseline = samples.find((s) => s.elapsedMin >= minutes / 10 - 0.05);
  if (!baseline) return { rss: NaN, heap: NaN, baseline };
  const after = samples.filter((s) => s.elapsedMin >= baseline.elapsedMin);
  const maxRss = Math.max(...after.map((s) => s.rssMiB));
  const maxHeap = Math.max(...after.map((s) => s.heapMiB));
  return { rss: maxRss / baseline.rssMiB - 1, heap: maxHeap / baseline.heapMiB - 1, baseline };
}

interface Report {
  startedAt: Date;
  loadAtStart: number;
  samples: Sample[];
  crashes: CrashRecord[];
  lines: ReturnType<typeof countFloodLines>;
  disk: ReturnType<typeof logBounds>;
  historyBytes: number;
  chainSkipped: string | undefined;
  relayBlocksBuilt: number[];
  missingHeads: number[];
  balanceEvents: number;
  pageStillLive: number;
}

function printReport(r: Report): void {
  const growth = growthAfterFirstTenth(r.samples);
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const out = [
    `Soak run ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} min${shortened ? ` (shortened: samples every ${(sampleEveryMs / 60_000).toFixed(1)} min, a crash every ${(crashEveryMs / 60_000).toFixed(1)} min)` : ''}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load (1 min) at start ${r.loadAtStart.toFixed(1)}.`,
    `${COLLATORS} fixture collators × ${FLOOD_LINES_PER_SEC_EACH} flood lines/s (${(COLLATORS * FLOOD_LINES_PER_SEC_EACH).toLocaleString('en')} lines/s in all), a block every ${FIXTURE_BLOCK_MS} ms each; ${r.chainSkipped ? `read model skipped (${r.chainSkipped})` : `read model on the Paseo relay 1009003 under chopsticks, a block every ${RELAY_BLOCK_EVERY_MS / 1000} s`}; Chromium on the Collators dashboard.`,
    '',
    '| when | RSS | heap after GC | external | handles (+ timers) | CPU since previous, % of one core | logs on disk | health history on disk | page JS heap | load 1 min |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.samples.map((s) => `| ${s.label === 'sample' ? '' : `${s.label}, `}${s.elapsedMin} min | ${s.rssMiB} MiB | ${s.heapMiB} MiB | ${s.externalMiB} MiB | ${s.handles} (+${s.timers}) | ${s.cpuPercent} % | ${s.logsOnDiskMiB} MiB | ${s.historyOnDiskKiB} KiB | ${s.pageHeapMiB ?? 'n/a'} MiB | ${s.load1m} |`),
    '',
    `- Memory after the first tenth (from the sample at ${growth.baseline?.elapsedMin ?? 'n/a'} min to the highest later sample): RSS ${pct(growth.rss)}, heap ${pct(growth.heap)} (goal < ${pct(MEMORY_GROWTH_GOAL)}).`,
    `- Flood lines: ${r.lines.written.toLocaleString('en')} written over ${r.lines.runs} runs, ${r.lines.kept.toLocaleString('en')} in the log segments, ${r.lines.retentionDropped.toLocaleString('en')} deleted by the configured retention (oldest segments), **${r.lines.lost} lost**.`,
    `- Logs: ${r.disk.nodes} node folders, the largest ${r.disk.largestNodeMiB} MiB on disk (bound ${r.disk.boundPerNodeMiB} MiB a node: ${RUNS_KEPT} runs × ${SEGMENTS_KEPT} segments × ${SEGMENT_BYTES / 2 ** 20} MiB + ${SPOOL_SLACK_BYTES / 2 ** 20} MiB of spool); ${r.disk.overBound.length === 0 ? 'every run, segment and spool within its bound' : `over a bound: ${r.disk.overBound.join('; ')}`}.`,
    `- Health history on disk after the console stopped (it compacts on close): ${Math.round(r.historyBytes / 1024)} KiB (bound ${mib(HISTORY_BOUND_BYTES_PER_COLLATOR * COLLATORS)} MiB).`,
    `- Crashes (SIGKILL): ${r.crashes.length}; ${r.crashes.map((c) => `${c.name}: alert ${c.alertAfterMs === null ? '**none**' : `${c.alertAfterMs} ms`}, new process ${c.restartedAfterMs === null ? '**none**' : `${(c.restartedAfterMs / 1000).toFixed(1)} s`}`).join('; ')}.`,
    r.chainSkipped ? `- Read model: skipped.` : `- Read model: ${r.relayBlocksBuilt.length} relay blocks built in the measured window, ${r.relayBlocksBuilt.length - r.missingHeads.length} of their heads delivered${r.missingHeads.length > 0 ? ` (**missing: ${r.missingHeads.join(', ')}**)` : ''}; ${r.balanceEvents} balance values.`,
    `- The dashboard still listed ${r.pageStillLive} collators as Running at the end.`,
  ];
  console.log(out.join('\n'));
}

await main();
// The renderer's WebSocket transport keeps retrying once the console has gone; the report is out, so leave.
process.exit(process.exitCode ?? 0);
