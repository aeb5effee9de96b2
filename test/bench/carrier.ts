/**
 * Carrier soak (`npm run bench:carrier`): 50 live subscriptions and 200
 * calls a second for 10 minutes, over the WebSocket carrier (the real
 * headless server and the renderer's own WebSocket transport and client) and
 * over the IPC bridge (the Electron shell's bridge code, with an
 * EventEmitter standing in for ipcMain and a window, frames structured-cloned
 * each way as Electron IPC does). Both ends run in this one process against
 * the real services of a headless console.
 *
 * Reports calls lost, call latency, events lost, and heap and handles at
 * start and end; exits 1 when anything was lost or grew.
 *
 *   npm run bench:carrier                      # 10 minutes per carrier
 *   npm run bench:carrier -- --minutes 1       # shorter
 *   npm run bench:carrier -- --carrier ipc     # one carrier (ws, ipc or both)
 */
import { EventEmitter } from 'node:events';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { serveIpc, type BridgedIpcEvent } from '../../main/app/ipc-bridge';
import { silentLogger } from '../../main/logging/logger';
import { startHeadlessServer } from '../../main/server/headless-server';
import { ApiClient } from '../../renderer/src/api/client';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import { createWebSocketTransport } from '../../renderer/src/api/ws-transport';
import { IPC_CHANNEL } from '../../shared/contract/bridge';
import type { ServerFrame } from '../../shared/contract/wire';
import { startConsoleServices, type ConsoleUnderTest } from '../support/console-services';

const SUBSCRIPTIONS = 50;
const CALLS_PER_SECOND = 200;
/** Calls go out in 20 bursts a second, as a busy page's queries and mutations would. */
const TICKS_PER_SECOND = 20;
/** One event a second reaches each of the 50 subscriptions. */
const EVENT_INTERVAL_MS = 1_000;
/** Figures start after this warm-up, so start-up allocation is not counted as growth. */
const WARM_UP_MS = 15_000;
/** A call not answered in this time counts as lost (the client's own timeout is 120 s). */
const LOST_AFTER_MS = 10_000;

interface Carrier {
  name: string;
  client: ApiClient;
  close(): Promise<void>;
}

interface Resources {
  heapUsedMb: number;
  rssMb: number;
  /** Sockets, servers and other handles, timers aside (each call in flight holds a timeout timer, so timers follow the load). */
  handles: number;
  timers: number;
}

interface Minute {
  p99Ms: number;
  calls: number;
}

/**
 * Call latencies in 10 µs buckets up to 2 s, allocated once: an array of
 * 120,000 samples would itself grow the heap the soak is watching.
 */
class LatencyHistogram {
  private static readonly BUCKET_MS = 0.01;
  private readonly buckets = new Uint32Array(200_000);
  count = 0;
  maxMs = 0;

  add(ms: number): void {
    const index = Math.min(this.buckets.length - 1, Math.floor(ms / LatencyHistogram.BUCKET_MS));
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    this.count += 1;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(p * this.count);
    let seen = 0;
    for (let index = 0; index < this.buckets.length; index++) {
      seen += this.buckets[index] ?? 0;
      if (seen >= rank) return (index + 1) * LatencyHistogram.BUCKET_MS;
    }
    return this.maxMs;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
    this.maxMs = 0;
  }
}

interface SoakResult {
  carrier: string;
  seconds: number;
  callsSent: number;
  callsAnswered: number;
  callsLost: number;
  callsFailed: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** The spread of p99 across the run's whole minutes; null in a run shorter than a minute. */
  minuteP99Ms: { min: number; max: number } | null;
  eventsExpected: number;
  eventsReceived: number;
  start: Resources;
  end: Resources;
  load: { start: number; end: number };
}

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, carrier: { type: 'string', default: 'both' } },
});
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, not ${values.minutes}`);
// IPC first: the WebSocket client keeps trying to reconnect after its server closes, which would load the next run.
const carriers = values.carrier === 'both' ? ['ipc', 'ws'] : [values.carrier ?? 'ws'];

const results: SoakResult[] = [];
for (const name of carriers) {
  const console_ = await startConsoleServices();
  try {
    const carrier = name === 'ipc' ? openIpcCarrier(console_) : await openWebSocketCarrier(console_);
    try {
      results.push(await soak(carrier, console_, minutes * 60_000));
    } finally {
      await carrier.close();
    }
  } finally {
    await console_.dispose();
  }
}
report(results);
const failed = results.some((r) => r.callsLost > 0 || r.callsFailed > 0 || r.eventsReceived < r.eventsExpected || grew(r));
process.exit(failed ? 1 : 0);

async function openWebSocketCarrier(console_: ConsoleUnderTest): Promise<Carrier> {
  const server = await startHeadlessServer({ router: console_.router, rendererDir: console_.dataDir, log: silentLogger, port: 0 });
  // The renderer's transport expects the browser's WebSocket; `ws` has the same interface in Node.
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  const client = new ApiClient(createWebSocketTransport(`ws://127.0.0.1:${server.port}/api?token=${server.token}`));
  await opened(client);
  return { name: 'WebSocket (headless server)', client, close: () => server.close() };
}

function openIpcCarrier(console_: ConsoleUnderTest): Carrier {
  const ipcMain = new EventEmitter();
  serveIpc(ipcMain, console_.router, () => true, silentLogger);
  const pageListeners = new Set<(frame: unknown) => void>();
  const contents = Object.assign(new EventEmitter(), {
    id: 1,
    mainFrame: { url: 'file:///bench/index.html' },
    isDestroyed: () => false,
    send(_channel: string, frame: ServerFrame) {
      // Electron delivers IPC asynchronously, structured-cloned.
      const copy = structuredClone(frame);
      setImmediate(() => {
        for (const listener of pageListeners) listener(copy);
      });
    },
  });
  const client = new ApiClient(
    createIpcTransport({
      send: (frame) => {
        const copy = structuredClone(frame);
        setImmediate(() => ipcMain.emit(IPC_CHANNEL, { sender: contents, senderFrame: contents.mainFrame } satisfies BridgedIpcEvent, copy));
      },
      onFrame: (listener) => {
        pageListeners.add(listener);
        return () => pageListeners.delete(listener);
      },
    }),
  );
  return {
    name: 'Electron IPC bridge',
    client,
    close: async () => {
      contents.emit('destroyed');
    },
  };
}

async function soak(carrier: Carrier, console_: ConsoleUnderTest, durationMs: number): Promise<SoakResult> {
  await opened(carrier.client);
  const received = new Array<number>(SUBSCRIPTIONS).fill(0);
  const stops = received.map((_, index) => carrier.client.subscribe('app.notice', {}, () => (received[index] = (received[index] ?? 0) + 1)));

  let eventsPosted = 0;
  let measuring = false;
  let eventsPostedWhileMeasuring = 0;
  const receivedAtStart: number[] = [];
  const poster = setInterval(() => {
    // Dismissed at once: the board would otherwise keep every notice and the heap would grow for the bench's own sake.
    const notice = console_.services.notices.post({ level: 'info', title: 'soak', message: String(eventsPosted) });
    console_.services.notices.dismiss(notice.id);
    eventsPosted += 1;
    if (measuring) eventsPostedWhileMeasuring += 1;
  }, EVENT_INTERVAL_MS);

  const latencies = new LatencyHistogram();
  const minute = new LatencyHistogram();
  const minutes: Minute[] = [];
  let sent = 0;
  let answered = 0;
  let failed = 0;
  let inFlight = 0;
  const burst = (): void => {
    for (let i = 0; i < CALLS_PER_SECOND / TICKS_PER_SECOND; i++) {
      const counted = measuring;
      const nonce = `${sent}`;
      const at = performance.now();
      if (counted) sent += 1;
      inFlight += 1;
      carrier.client.call('app.ping', { nonce }).then(
        (answer) => {
          inFlight -= 1;
          if (!counted) return;
          if (answer.nonce !== nonce) failed += 1;
          const ms = performance.now() - at;
          if (ms > LOST_AFTER_MS) return;
          answered += 1;
          latencies.add(ms);
          minute.add(ms);
        },
        () => {
          inFlight -= 1;
          if (counted) failed += 1;
        },
      );
    }
  };
  const caller = setInterval(burst, 1_000 / TICKS_PER_SECOND);

  process.stderr.write(`${carrier.name}: warming up for ${WARM_UP_MS / 1000} s\n`);
  await sleep(WARM_UP_MS);
  const minuteTimer = setInterval(() => {
    minutes.push({ p99Ms: minute.percentile(0.99), calls: minute.count });
    process.stderr.write(`${carrier.name}: minute ${minutes.length}: ${minute.count} calls, p99 ${minute.percentile(0.99).toFixed(2)} ms, heap ${mb(process.memoryUsage().heapUsed)} MB\n`);
    minute.reset();
  }, 60_000);
  // Taken with every timer of the run already set, like the end figures.
  const start = resources();
  const loadStart = loadavg()[0] ?? 0;
  receivedAtStart.push(...received);
  measuring = true;
  const startedAt = performance.now();
  await sleep(durationMs);
  // Measured while still running, so start and end are taken in the same state.
  const end = resources();
  const loadEnd = loadavg()[0] ?? 0;
  measuring = false;
  clearInterval(caller);
  clearInterval(minuteTimer);
  clearInterval(poster);
  const seconds = (performance.now() - startedAt) / 1000;
  // Let the last calls and events arrive (or time out as lost).
  for (let waited = 0; inFlight > 0 && waited < LOST_AFTER_MS; waited += 100) await sleep(100);
  await sleep(EVENT_INTERVAL_MS);
  if (minute.count > 0) minutes.push({ p99Ms: minute.percentile(0.99), calls: minute.count });
  for (const stop of stops) stop();

  const eventsReceived = received.reduce((sum, count, index) => sum + count - (receivedAtStart[index] ?? 0), 0);
  const fullMinutes = minutes.filter((m) => m.calls > CALLS_PER_SECOND * 30);
  return {
    carrier: carrier.name,
    seconds,
    callsSent: sent,
    callsAnswered: answered,
    callsLost: sent - answered - failed,
    callsFailed: failed,
    latencyMs: { p50: latencies.percentile(0.5), p99: latencies.percentile(0.99), max: latencies.maxMs },
    minuteP99Ms: fullMinutes.length ? { min: Math.min(...fullMinutes.map((m) => m.p99Ms)), max: Math.max(...fullMinutes.map((m) => m.p99Ms)) } : null,
    eventsExpected: eventsPostedWhileMeasuring * SUBSCRIPTIONS,
    eventsReceived,
    start,
    end,
    load: { start: loadStart, end: loadEnd },
  };
}

function opened(client: ApiClient): Promise<void> {
  if (client.status() === 'open') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = client.onStatus((status) => {
      if (status !== 'open') return;
      stop();
      resolve();
    });
  });
}

/** Heap after a full collection, so garbage not yet collected does not read as growth. */
function resources(): Resources {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  const active = process.getActiveResourcesInfo();
  const timers = active.filter((kind) => kind === 'Timeout' || kind === 'Immediate').length;
  return { heapUsedMb: mb(memory.heapUsed), rssMb: mb(memory.rss), handles: active.length - timers, timers };
}

/**
 * Growth beyond noise: more than 5 MB of heap after a full collection, any
 * extra handle, or more timers than the calls in flight can explain.
 */
function grew(result: SoakResult): boolean {
  return result.end.heapUsedMb - result.start.heapUsedMb > 5 || result.end.handles > result.start.handles || result.end.timers > result.start.timers + 50;
}

function report(all: SoakResult[]): void {
  const lines = [
    `### Carrier soak, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${SUBSCRIPTIONS} live subscriptions (one event a second each) and ${CALLS_PER_SECOND} calls a second, for ${minutes} min per carrier after a ${WARM_UP_MS / 1000} s warm-up; ` +
      `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.${(globalThis as { gc?: unknown }).gc ? '' : ' (run without --expose-gc: heap figures include garbage)'}`,
    '',
    `| | ${all.map((r) => r.carrier).join(' | ')} |`,
    `|---|${all.map(() => '---').join('|')}|`,
    row('Calls sent / answered', all.map((r) => `${r.callsSent.toLocaleString('en')} / ${r.callsAnswered.toLocaleString('en')}`)),
    row('Calls per second achieved', all.map((r) => (r.callsSent / r.seconds).toFixed(1))),
    row('Calls lost / failed', all.map((r) => `${r.callsLost} / ${r.callsFailed}`)),
    row('Call latency p50 / p99 / max', all.map((r) => `${r.latencyMs.p50.toFixed(2)} / ${r.latencyMs.p99.toFixed(2)} / ${r.latencyMs.max.toFixed(1)} ms`)),
    row('p99 per minute, lowest to highest', all.map((r) => (r.minuteP99Ms ? `${r.minuteP99Ms.min.toFixed(2)} – ${r.minuteP99Ms.max.toFixed(2)} ms` : 'n/a (under a minute)'))),
    row('Events expected / received', all.map((r) => `${r.eventsExpected.toLocaleString('en')} / ${r.eventsReceived.toLocaleString('en')}`)),
    row('Heap used after GC, start → end', all.map((r) => `${r.start.heapUsedMb} → ${r.end.heapUsedMb} MB`)),
    row('RSS, start → end', all.map((r) => `${r.start.rssMb} → ${r.end.rssMb} MB`)),
    row('Active handles (timers aside), start → end', all.map((r) => `${r.start.handles} → ${r.end.handles}`)),
    row('Active timers, start → end', all.map((r) => `${r.start.timers} → ${r.end.timers}`)),
    row('Load average (1 min), start → end', all.map((r) => `${r.load.start.toFixed(1)} → ${r.load.end.toFixed(1)}`)),
    row('Verdict', all.map((r) => (r.callsLost === 0 && r.callsFailed === 0 && r.eventsReceived >= r.eventsExpected && !grew(r) ? 'nothing lost, nothing grew' : 'FAILED'))),
  ];
  console.log(lines.join('\n'));
}

function row(label: string, cells: string[]): string {
  return `| ${label} | ${cells.join(' | ')} |`;
}

function mb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
