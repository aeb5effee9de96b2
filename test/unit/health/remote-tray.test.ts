import { afterEach, expect, it } from 'vitest';
import { feedHealthFromRemoteCollators, remoteTarget } from '../../../main/health/remote-feed';
import type { RemoteCollator } from '../../../shared/contract/remote-collators';
import { monitorForTest } from './support/monitor';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const remote: RemoteCollator = { id: 'remote-1', name: 'prod-1', rpcUrl: 'https://10.0.0.5:9944', metricsUrl: null, paraId: 2000, createdAt: 0 };

it('gives a remote collator its tray line but no start or stop: the console does not run it', () => {
  const clicked: string[] = [];
  const t = monitorForTest({ controls: { start: (id) => clicked.push(`start ${id}`), stop: (id) => clicked.push(`stop ${id}`), runs: (id) => id === 'alice' } });
  cleanup = t.cleanup;
  t.monitor.watchCollator({ id: 'alice', name: 'Alice', paraId: 2000, expectedRunning: true });
  const stop = feedHealthFromRemoteCollators(t.monitor, { list: () => [remote], onChanged: () => () => undefined });
  t.monitor.recordProcessEvent('alice', { kind: 'started', pid: 4242 });
  // A level change publishes the status, and with it the tray's items.
  t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 1, signal: null, expected: false });
  t.monitor.evaluate();
  expect(t.tray.items.map((item) => item.label)).toEqual(['CRIT  Alice (process-down)', '    Start Alice', 'OK  prod-1']);
  stop();
});

it('probes a remote collator over WebSocket on the address it was given, with no disk and no process', () => {
  expect(remoteTarget(remote)).toEqual({ id: 'remote-1', name: 'prod-1', paraId: 2000, rpcUrl: 'wss://10.0.0.5:9944', expectedRunning: true });
  expect(remoteTarget({ ...remote, rpcUrl: 'ws://127.0.0.1:9944/', metricsUrl: 'http://127.0.0.1:9615/metrics' })).toEqual({
    id: 'remote-1',
    name: 'prod-1',
    paraId: 2000,
    rpcUrl: 'ws://127.0.0.1:9944/',
    parachainMetricsUrl: 'http://127.0.0.1:9615/metrics',
    expectedRunning: true,
  });
});
