/**
 * `npm run bench:collators`: 50 fake collators writing 20,000 log lines per
 * second in total, supervised first by our supervisor and then by PM2, with
 * the same fixture. Prints, for each: supervisor CPU share and RSS over the
 * steady window, lines lost on disk, and the time from a SIGKILLed node to
 * its replacement process; for ours also the rings' memory bound.
 * BENCH_SECONDS shortens the steady window (default 60), BENCH_NODES and
 * BENCH_LINES_PER_SEC change the load, BENCH_SKIP_PM2=1 leaves PM2 out.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pidusage from 'pidusage';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = path.join(root, 'test/fixtures/fake-collator/fake-collator.mjs');
const pm2Bin = path.join(root, 'node_modules/pm2/bin/pm2');

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const nodes = Number(process.env.BENCH_NODES ?? 50);
const totalLinesPerSec = Number(process.env.BENCH_LINES_PER_SEC ?? 20_000);
const linesPerNode = Math.round(totalLinesPerSec / nodes);
const warmupMs = 5_000;
/** Nodes killed one after the other to time the restart. */
const crashSamples = 5;

interface Usage {
  cpuAvgPercent: number;
  cpuMaxPercent: number;
  rssMaxMiB: number;
  rssAvgMiB: number;
}

interface Result {
  name: string;
  usage: Usage;
  linesWritten: number;
  linesLost: number;
  /** One figure per node killed; null where no new process came within 30 s. */
  crashToRestartMs: Array<number | null>;
  extra: Record<string, string>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU (percent of one core) and RSS of one pid, sampled every second. */
async function measure(pid: number, durationMs: number): Promise<Usage> {
  const cpu: number[] = [];
  const rss: number[] = [];
  await pidusage(pid);
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    await sleep(1_000);
    const stats = await pidusage(pid);
    cpu.push(stats.cpu);
    rss.push(stats.memory / 1024 / 1024);
  }
  const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { cpuAvgPercent: avg(cpu), cpuMaxPercent: Math.max(...cpu), rssMaxMiB: Math.max(...rss), rssAvgMiB: avg(rss) };
}

/** Seconds since boot now, and a process's start in the same clock: both from /proc, so both supervisors are timed alike. */
function uptimeSeconds(): number {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}
function startSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]) / 100; // starttime in clock ticks (USER_HZ = 100)
}

/** Kills a node with SIGKILL and waits for its supervisor to start a new process; ms between the two. */
async function crashToRestart(currentPid: () => Promise<number | null>): Promise<number | null> {
  const before = await currentPid();
  if (before === null) return null;
  const killedAt = uptimeSeconds();
  process.kill(before, 'SIGKILL');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const now = await currentPid();
    if (now !== null && now !== before) return Math.max(0, Math.round((startSeconds(now) - killedAt) * 1000));
    await sleep(5);
  }
  return null;
}

/**
 * Counts numbered flood lines per run of a node (a run begins at the
 * fixture's banner): each run numbers from 1, and a run that stopped
 * cleanly prints its total, so every missing number is a lost line.
 */
function countLines(texts: string[]): { written: number; lost: number } {
  let written = 0;
  let lost = 0;
  for (const text of texts) {
    const runs = text.split(/(?=^.*Parachain Collator Template)/m);
    for (const chunk of runs) {
      const seqs = new Set<number>();
      let max = 0;
      for (const match of chunk.matchAll(/flood seq=(\d+) /g)) {
        const seq = Number(match[1]);
        seqs.add(seq);
        if (seq > max) max = seq;
      }
      const total = Math.max(max, Number(/flood_total=(\d+)/.exec(chunk)?.[1] ?? 0));
      written += total;
      lost += total - seqs.size;
    }
  }
  return { written, lost };
}

async function readAllUnder(dir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.log')) texts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts;
}

/**
 * The fleet is bundled and run by plain Node, as the app's main process is
 * built: running it under tsx would add the TypeScript loader's ~40 MiB to
 * the supervisor's RSS. (esbuild comes with tsx.)
 */
async function bundleFleet(): Promise<string> {
  const { build } = await import('esbuild');
  // Inside node_modules so the bundle resolves its external packages as the app does;
  // split, so modules loaded on demand (genesis export) stay out until used, as in the app's build.
  const outdir = path.join(root, 'node_modules/.cache/bench-collators');
  await build({ entryPoints: [path.join(here, 'collators-fleet.ts')], outdir, outExtension: { '.js': '.mjs' }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', absWorkingDir: root, logLevel: 'warning' });
  return path.join(outdir, 'collators-fleet.mjs');
}

async function benchOurs(dir: string, specPath: string): Promise<Result> {
  await mkdir(dir, { recursive: true });
  const child: ChildProcess = fork(await bundleFleet(), [], {
    cwd: root,
    env: { ...process.env, BENCH_DIR: dir, BENCH_NODES: String(nodes), BENCH_LINES_PER_NODE: String(linesPerNode), BENCH_FIXTURE: fixture, BENCH_SPEC: specPath },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Plain Node, as the method says and the app runs: fork() would otherwise pass on this process's own flags, which
    // under tsx load its TypeScript loader into the bundled fleet too (every run before 2026-12-07 measured it so).
    // BENCH_FLEET_UNDER_TSX=1 keeps that old setup for comparison; BENCH_CPU_PROF=dir writes a V8 CPU profile of the
    // supervisor's process there when it exits (open it in Chromium's DevTools).
    execArgv: [
      ...(process.env.BENCH_FLEET_UNDER_TSX === '1' ? process.execArgv : []),
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
    ],
  });
  const messages: Array<Record<string, unknown>> = [];
  const next = (kind: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = messages.find((m) => m.kind === kind || m.kind === 'error');
        if (!found) return false;
        if (found.kind === 'error') reject(new Error(String(found.message)));
        else resolve(found);
        return true;
      };
      if (check()) return;
      child.on('message', () => void check());
    });
  child.on('message', (message) => messages.push(message as Record<string, unknown>));

  const started = (await next('started')) as { ids: string[]; runDir: string; logsDir: string };
  await sleep(warmupMs);
  const usage = await measure(child.pid ?? 0, seconds * 1000);
  const crashMs: Array<number | null> = [];
  for (const id of started.ids.slice(0, crashSamples)) {
    const pidFile = path.join(started.runDir, `${encodeURIComponent(id)}.pid.json`);
    crashMs.push(
      await crashToRestart(async () => {
        try {
          return (JSON.parse(await readFile(pidFile, 'utf8')) as { pid: number }).pid;
        } catch {
          return null;
        }
      }),
    );
  }
  if (crashMs.includes(null)) {
    child.send({ kind: 'state' });
    console.error('a restart was not seen; first node state:', JSON.stringify((await next('state')).state));
  }
  await sleep(1_000);
  child.send({ kind: 'stop' });
  const stopped = (await next('stopped')) as { linesSeen: number; batches: number; stateEvents: number; heapUsedBytes: number; rings: { lines: number; textChars: number; maxTextChars: number } };
  const { written, lost } = countLines(await readAllUnder(started.logsDir));
  return {
    name: 'Parachain Console supervisor',
    usage,
    linesWritten: written,
    linesLost: lost,
    crashToRestartMs: crashMs,
    extra: {
      'lines delivered to log subscribers (sent or counted skipped)': String(stopped.linesSeen),
      'log batches sent': String(stopped.batches),
      'state events': String(stopped.stateEvents),
      'V8 heap in use at stop': `${(stopped.heapUsedBytes / 1024 / 1024).toFixed(0)} MiB`,
      'rings at stop': `${stopped.rings.lines} lines, ${(stopped.rings.textChars * 2 / 1024 / 1024).toFixed(1)} MiB of text`,
      'rings bound (per node: 1,000 lines, 150,000 chars)': `${(stopped.rings.maxTextChars * 2 / 1024 / 1024).toFixed(0)} MiB of text at most`,
    },
  };
}

async function benchPm2(dir: string): Promise<Result> {
  const home = path.join(dir, 'pm2-home');
  const logs = path.join(dir, 'pm2-logs');
  const env = { ...process.env, PM2_HOME: home };
  const pm2 = (args: string[]): Promise<{ stdout: string }> => run(process.execPath, [pm2Bin, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  const apps = Array.from({ length: nodes }, (_unused, i) => ({
    name: `bench-${i}`,
    script: fixture,
    args: ['--name', `bench-${i}`, '--fake-lines-per-sec', String(linesPerNode), '--fake-block-ms', '1000'],
    out_file: path.join(logs, `bench-${i}.log`),
    error_file: path.join(logs, `bench-${i}.log`),
    merge_logs: true,
    autorestart: true,
    restart_delay: 0,
    kill_timeout: 30_000,
  }));
  await mkdir(logs, { recursive: true });
  const ecosystem = path.join(dir, 'ecosystem.config.cjs');
  await writeFile(ecosystem, `module.exports = ${JSON.stringify({ apps })};\n`);
  await pm2(['start', ecosystem]);
  const daemonPid = Number((await readFile(path.join(home, 'pm2.pid'), 'utf8')).trim());
  await sleep(warmupMs);
  const usage = await measure(daemonPid, seconds * 1000);
  const crashMs: Array<number | null> = [];
  for (let i = 0; i < Math.min(crashSamples, nodes); i += 1) {
    crashMs.push(
      await crashToRestart(async () => {
        const { stdout } = await pm2(['pid', `bench-${i}`]);
        const pid = Number(stdout.trim());
        return Number.isFinite(pid) && pid > 0 ? pid : null;
      }),
    );
  }
  await sleep(1_000);
  await pm2(['stop', 'all']);
  await pm2(['kill']);
  const { written, lost } = countLines(await readAllUnder(logs));
  return { name: `PM2 ${JSON.parse(readFileSync(path.join(root, 'node_modules/pm2/package.json'), 'utf8')).version as string}`, usage, linesWritten: written, linesLost: lost, crashToRestartMs: crashMs, extra: {} };
}

function describeCrashTimes(times: Array<number | null>): string {
  const seen = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
  if (seen.length === 0) return 'n/a';
  const median = seen[Math.floor((seen.length - 1) / 2)] ?? 0;
  const missed = times.length - seen.length;
  return `median ${median} ms (max ${seen.at(-1)} ms, n=${seen.length}${missed > 0 ? `, ${missed} not seen` : ''})`;
}

function report(results: Result[]): string {
  const rows = results.map((r) =>
    `| ${r.name} | ${r.usage.cpuAvgPercent.toFixed(1)} % (max ${r.usage.cpuMaxPercent.toFixed(1)} %) | ${r.usage.rssAvgMiB.toFixed(0)} MiB (max ${r.usage.rssMaxMiB.toFixed(0)} MiB) | ${r.linesWritten.toLocaleString('en')} | ${r.linesLost} | ${describeCrashTimes(r.crashToRestartMs)} |`,
  );
  const extras = results.flatMap((r) => Object.entries(r.extra).map(([k, v]) => `- ${r.name}: ${k}: ${v}`));
  // The same nodes, the same flood, the same machine a minute apart: the ratio carries less of the machine's load than either figure.
  const [ours, pm2] = results;
  if (ours && pm2 && pm2.usage.cpuAvgPercent > 0) {
    extras.unshift(`- CPU of ${ours.name} as a share of ${pm2.name}'s in this run: ${((ours.usage.cpuAvgPercent / pm2.usage.cpuAvgPercent) * 100).toFixed(0)} % on average (${ours.usage.cpuAvgPercent.toFixed(1)} % against ${pm2.usage.cpuAvgPercent.toFixed(1)} % of one core), ${((ours.usage.cpuMaxPercent / pm2.usage.cpuMaxPercent) * 100).toFixed(0)} % at the maximum.`);
  }
  return [
    `Run ${new Date().toISOString()} on ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${nodes} fake collators × ${linesPerNode} lines/s (${(nodes * linesPerNode).toLocaleString('en')} lines/s in total, plus ~6 block lines/s each), ${seconds} s steady window after ${warmupMs / 1000} s warm-up.`,
    '',
    '| Supervisor | CPU (share of one core, avg) | RSS | Lines written | Lines lost on disk | Crash → new process |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...extras,
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-collators-'));
  const specPath = path.join(dir, 'spec.json');
  await writeFile(specPath, JSON.stringify({ name: 'Bench', id: 'bench', para_id: 1000, genesis: { runtimeGenesis: { patch: {} } } }));
  try {
    const ours = await benchOurs(path.join(dir, 'ours'), specPath);
    console.log(report([ours]));
    if (process.env.BENCH_SKIP_PM2 === '1') return;
    const pm2 = await benchPm2(path.join(dir, 'pm2'));
    console.log('\n## Result\n');
    console.log(report([ours, pm2]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
