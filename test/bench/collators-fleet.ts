/**
 * The supervised side of the collators benchmark, in its own process so its
 * CPU and memory can be measured alone: creates N profiles of the fake
 * collator, starts them, listens to every node's state and log stream (as a
 * UI showing all of them would), and stops them all when told.
 * Talks to the benchmark over IPC.
 */
import path from 'node:path';
import { settingsSchema } from '../../shared/contract/settings';
import { Collators } from '../../main/collators/collators';
import { silentLogger } from '../../main/logging/logger';

const dir = process.env.BENCH_DIR ?? '';
const nodes = Number(process.env.BENCH_NODES ?? 50);
const linesPerNode = Number(process.env.BENCH_LINES_PER_NODE ?? 400);
const fixture = process.env.BENCH_FIXTURE ?? '';
const specPath = process.env.BENCH_SPEC ?? '';

const send = (message: unknown): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const settings = settingsSchema.parse({ schemaVersion: 2, stopTimeoutMs: 30_000 });
  const collators = new Collators({
    dataDir: path.join(dir, 'data'),
    logsDir: path.join(dir, 'logs'),
    settings: () => settings,
    log: silentLogger,
    // A port range of its own, away from Substrate's defaults that other tests on this machine may use at the same time.
    portSearchFrom: {
      para: { p2p: 13_000, rpc: 13_300, prometheus: 13_600 },
      relay: { p2p: 13_900, rpc: 14_200, prometheus: 14_500 },
    },
    // Backoff 0: the benchmark measures the supervisor's own reaction to a crash, not the operator's chosen delay.
    supervisor: { restartPolicy: { initialDelayMs: 0 } },
  });
  let linesSeen = 0;
  let batches = 0;
  let stateEvents = 0;
  collators.supervisor.onState(() => {
    stateEvents += 1;
  });
  collators.supervisor.onAlert((alert) => {
    console.error(`fleet alert: ${alert.kind}: ${alert.message}`);
  });
  const ids: string[] = [];
  for (let i = 0; i < nodes; i += 1) {
    const profile = await collators.create({
      name: `bench-${i}`,
      binaryPath: fixture,
      chainSpecPath: specPath,
      basePath: path.join(dir, 'base', String(i)),
      relay: { mode: 'embedded', chain: 'rococo-local' },
      extraArgs: ['--fake-lines-per-sec', String(linesPerNode), '--fake-block-ms', '1000'],
    });
    ids.push(profile.id);
    collators.supervisor.onLog(profile.id, (batch) => {
      batches += 1;
      linesSeen += batch.lines.length + batch.skipped;
    });
  }
  for (const id of ids) await collators.supervisor.start(id);
  send({ kind: 'started', ids, runDir: path.join(dir, 'data', 'collators', 'run'), logsDir: path.join(dir, 'logs') });

  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'state') {
      send({ kind: 'state', state: collators.supervisor.state(ids[0] ?? '') });
      return;
    }
    if (message.kind !== 'stop') return;
    const rings = collators.supervisor.ringStats();
    const memoryAtStop = process.memoryUsage();
    void collators.dispose({ keepCollators: false }).then(() => {
      send({ kind: 'stopped', linesSeen, batches, stateEvents, rings, heapUsedBytes: memoryAtStop.heapUsed, externalBytes: memoryAtStop.external });
      process.disconnect?.();
    });
  });
}

main().catch((error: unknown) => {
  send({ kind: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
