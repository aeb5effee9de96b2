/**
 * UI benchmark (`npm run bench:ui`): the built console, served headless, in
 * Chromium, with 20 fake collators supervised for real (each reporting its
 * state every second) and the Collators dashboard open on one that writes
 * 10,000 log lines per second, its charts and log viewer following.
 *
 * BENCH_COLLATORS=50 BENCH_FLOODING=10 gives issue 16's fleet: 50 collators, 10 of them sharing the 10,000 lines/s.
 *
 * Measures: time from server start to an interactive dashboard (the table of
 * 20 collators rendered), p50/p95/p99 frame time from requestAnimationFrame
 * deltas and, over the same window, from a Chromium performance trace (frame
 * intervals and the renderer main thread's time per frame, in wall and in CPU time), renderer JS heap (CDP Runtime.getHeapUsage), and the lines the
 * viewer received. Prints figures; never passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { framesFromTrace } from './trace-frames';

/**
 * BENCH_COLLATORS and BENCH_FLOODING change the fleet: issue 16's dashboard is 50 collators with 10 flooding
 * (`BENCH_COLLATORS=50 BENCH_FLOODING=10`); the flood's total stays 10,000 lines/s, shared among the flooding nodes.
 */
const COLLATORS = Number(process.env.BENCH_COLLATORS ?? 20);
const FLOODING = Number(process.env.BENCH_FLOODING ?? 1);
const FLOOD_LINES_PER_SEC = 10_000;
const FLOOD_LINES_PER_SEC_EACH = Math.round(FLOOD_LINES_PER_SEC / FLOODING);
const WARMUP_MS = 5_000;
const MEASURE_MS = 20_000;
const fakeCollator = resolve('test/fixtures/fake-collator/fake-collator.mjs');

interface RunningConsole {
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-ui-'));
  const dataDir = join(dir, 'data');
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ name: 'Bench', id: 'bench', chainType: 'Local', relay_chain: 'rococo-local', para_id: 2000, genesis: { runtimeGenesis: { code: '0x00', patch: {} } } }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  let server: RunningConsole | null = null;
  try {
    // Setup session: 20 profiles, saved, nothing running.
    server = await startConsole(dataDir);
    const setup = await browser.newPage();
    await setup.goto(server.url);
    const ids: string[] = [];
    for (let i = 0; i < COLLATORS; i++) {
      const flood = i < FLOODING;
      const profile = await contractCall<{ id: string }>(setup, 'collators.create', {
        profile: {
          name: flood ? `flood-${String(i).padStart(2, '0')}` : `collator-${String(i).padStart(2, '0')}`,
          binaryPath: fakeCollator,
          chainSpecPath: specPath,
          basePath: join(dir, 'base', String(i)),
          relay: { mode: 'embedded', chain: 'rococo-local' },
          extraArgs: ['--fake-block-ms', '1000', ...(flood ? ['--fake-lines-per-sec', String(FLOOD_LINES_PER_SEC_EACH)] : [])],
        },
      });
      ids.push(profile.id);
    }
    await setup.close();
    await server.stop();

    // Measured session: from spawning the server to the dashboard listing every collator.
    const spawnedAt = performance.now();
    server = await startConsole(dataDir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The token link sets the session cookie and lands on the app; then straight to the dashboard.
    await page.goto(server.url);
    await page.goto(`${new URL(server.url).origin}/#/collators`);
    await page.getByRole('table', { name: 'Collators' }).getByRole('row').nth(COLLATORS).waitFor();
    const interactiveMs = performance.now() - spawnedAt;

    // The same page before any collator runs: what this loaded machine gives an idle dashboard.
    const idleFrames = await frameDeltas(page, 5_000);

    for (const id of ids) await contractCall(page, 'collators.start', { id });
    await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'flood-00' }).click();
    await page.getByRole('log', { name: 'Log of flood-00: lines' }).waitFor();
    await page.waitForTimeout(WARMUP_MS); // a benchmark's warm-up, not a test waiting on an event

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const linesBefore = await viewerLines(page);
    // The lines are counted between these two reads, which span the trace's start and stop as well as the
    // 20 s of frames (about 23 s in all): the rate divides by this real window, not by MEASURE_MS.
    const linesWindowStartMs = performance.now();
    // The same window in a Chromium performance trace: frames the renderer began, and its main thread's time in each.
    // BENCH_TRACE_JS=1 adds JavaScript samples, to see what ran in the slow frames (sampling costs frames of its own).
    const jsSamples = process.env.BENCH_TRACE_JS === '1' ? ['disabled-by-default-v8.cpu_profiler'] : [];
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', ...jsSamples] });
    const frames = await frameDeltas(page, MEASURE_MS);
    const traceJson = (await browser.stopTracing()).toString();
    // BENCH_TRACE_FILE=path keeps the trace, to open in Chromium's Performance panel.
    if (process.env.BENCH_TRACE_FILE) writeFileSync(process.env.BENCH_TRACE_FILE, traceJson);
    const traced = framesFromTrace(traceJson);
    const tracedPresented = [...traced.presentedMs].sort((a, b) => a - b);
    const tracedMain = [...traced.mainThreadMs].sort((a, b) => a - b);
    const tracedCpu = [...traced.mainThreadCpuMs].sort((a, b) => a - b);
    const linesAfter = await viewerLines(page);
    const linesWindowMs = performance.now() - linesWindowStartMs;
    if (process.env.BENCH_PROFILE === '1') await printHotFunctions(cdp);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const following = await page.getByText('Following').isVisible();
    // The operator scrolls up to read, with the wheel (only their own input pauses the list): it stops moving, lines keep arriving.
    await page.getByRole('log', { name: 'Log of flood-00: lines' }).hover();
    await page.mouse.wheel(0, -100_000);
    await page.getByText('Paused').waitFor();
    const pausedSorted = (await frameDeltas(page, 10_000)).sort((a, b) => a - b);
    const stateRows = await page.getByRole('table', { name: 'Collators' }).getByText('Running', { exact: true }).count();

    const sorted = [...frames].sort((a, b) => a - b);
    const pct = (p: number): number => percentile(sorted, p);
    const idleSorted = [...idleFrames].sort((a, b) => a - b);
    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
      collators: COLLATORS,
      runningShown: stateRows,
      floodLinesPerSec: FLOOD_LINES_PER_SEC,
      floodingCollators: FLOODING,
      serverReadyMs: Math.round(server.readyMs - spawnedAt),
      interactiveDashboardMs: Math.round(interactiveMs),
      idleFrameP50Ms: round(percentile(idleSorted, 50)),
      idleFrameP95Ms: round(percentile(idleSorted, 95)),
      loadAverage1m: round(loadavg()[0] ?? NaN),
      frames: frames.length,
      fps: Math.round((frames.length / MEASURE_MS) * 1000),
      frameP50Ms: round(pct(50)),
      frameP95Ms: round(pct(95)),
      frameP99Ms: round(pct(99)),
      frameMaxMs: round(sorted.at(-1) ?? NaN),
      // rAF deltas come in whole vsyncs (16.7 ms); a late frame is one of 33 ms or more.
      framesLate: frames.filter((d) => d > 20).length,
      traceFrames: tracedPresented.length,
      traceFrameP50Ms: round(percentile(tracedPresented, 50)),
      traceFrameP95Ms: round(percentile(tracedPresented, 95)),
      traceFrameP99Ms: round(percentile(tracedPresented, 99)),
      traceMainThreadPerFrameP50Ms: round(percentile(tracedMain, 50)),
      traceMainThreadPerFrameP95Ms: round(percentile(tracedMain, 95)),
      traceMainThreadPerFrameP99Ms: round(percentile(tracedMain, 99)),
      // The same, in the main thread's CPU time: without the time the operating system gave the 20 nodes instead.
      traceMainThreadCpuPerFrameP50Ms: round(percentile(tracedCpu, 50)),
      traceMainThreadCpuPerFrameP95Ms: round(percentile(tracedCpu, 95)),
      traceMainThreadCpuPerFrameP99Ms: round(percentile(tracedCpu, 99)),
      pausedFrameP50Ms: round(percentile(pausedSorted, 50)),
      pausedFrameP95Ms: round(percentile(pausedSorted, 95)),
      heapUsedMB: round(heap.usedSize / 2 ** 20),
      heapTotalMB: round(heap.totalSize / 2 ** 20),
      viewerLinesWindowS: round(linesWindowMs / 1000),
      viewerLinesReceivedPerSec: Math.round(((linesAfter.received - linesBefore.received) / linesWindowMs) * 1000),
      viewerLinesHeld: linesAfter.held,
      viewerLinesOnlyOnDisk: linesAfter.onlyOnDisk,
      viewerStillFollowing: following,
    };
    console.log(JSON.stringify(result, null, 2));

    for (const id of ids) await contractCall(page, 'collators.stop', { id });
    await context.close();
  } finally {
    await browser.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_PROFILE=1: a 5 s CPU profile of the page, its busiest functions by self time. */
async function printHotFunctions(cdp: import('@playwright/test').CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await new Promise((done) => setTimeout(done, 5_000));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').at(-1)}:${node.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [name, us] of top) console.error(`${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** requestAnimationFrame deltas for a while. Passed as source text: tsx would wrap named functions in a helper the page does not have. */
async function frameDeltas(page: Page, durationMs: number): Promise<number[]> {
  return (await page.evaluate(`new Promise((done) => {
    const deltas = [];
    let last = 0;
    let end = 0;
    const onFrame = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(onFrame);
      else done(deltas);
    };
    requestAnimationFrame((now) => {
      last = now;
      end = now + ${durationMs};
      requestAnimationFrame(onFrame);
    });
  })`)) as number[];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The viewer's own count ("N of M lines"), plus the store's total received since the page opened. */
async function viewerLines(page: Page): Promise<{ held: number; received: number; onlyOnDisk: number }> {
  const text = (await page.locator('.log-counts').textContent()) ?? '';
  const onlyOnDisk = Number(/([\d,]+) only on disk/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  const held = Number(/of ([\d,]+) lines/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
  const lastSeq = await page.locator('.log-row:not([hidden])').last().textContent();
  const received = Number(/flood seq=(\d+)/.exec(lastSeq ?? '')?.[1] ?? NaN);
  return { held, received, onlyOnDisk };
}

/** One call of the contract from inside the page, over the same WebSocket and cookie the console uses. */
async function contractCall<T = unknown>(page: Page, name: string, input: unknown): Promise<T> {
  const answer = await page.evaluate(
    ({ name, input }) =>
      new Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>((done, fail) => {
        const socket = new WebSocket(`ws://${location.host}/api`);
        socket.onopen = () => socket.send(JSON.stringify({ kind: 'call', id: 1, name, input }));
        socket.onmessage = (message) => {
          const frame = JSON.parse(String(message.data)) as { kind: string; id: number; result?: { ok: boolean; data?: unknown; error?: { message: string } } };
          if (frame.kind === 'result' && frame.id === 1 && frame.result) {
            socket.close();
            done(frame.result);
          }
        };
        socket.onerror = () => fail(new Error('socket error'));
      }),
    { name, input },
  );
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message ?? 'unknown error'}`);
  return answer.data as T;
}

async function startConsole(dataDir: string): Promise<RunningConsole> {
  const child: ChildProcess = spawn(process.execPath, ['out/main/server.js', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
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
  const readyMs = performance.now();
  return {
    url,
    readyMs,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

await main();
