import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteCollators } from '../../../main/collators/remote/remote-collators';
import { systemClock } from '../../../main/health/clock';
import { DiagnosisService } from '../../../main/health/diagnosis/diagnosis-service';
import { collatorEndpointsFinder } from '../../../main/health/diagnosis/diagnosis-sources';
import type { ConnectionStateEvent } from '../../../shared/contract/chain';
import { feedHealthFromRemoteCollators } from '../../../main/health/remote-feed';
import { silentLogger } from '../../../main/logging/logger';
import { startRemoteFixtureNode, type RemoteFixtureNode } from '../../support/remote-fixture-node';
import { monitorForTest, untilSignal } from '../../unit/health/support/monitor';

const PARA_ID = 2000;

let dir: string;
let nodes: RemoteFixtureNode[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remote-collators-'));
  nodes = [];
});
afterEach(async () => {
  await Promise.all(nodes.map((node) => node.kill()));
  rmSync(dir, { recursive: true, force: true });
});

function openRemotes(localNames: string[] = []): RemoteCollators {
  return new RemoteCollators({ filePath: join(dir, 'collators', 'remote-collators.json'), log: silentLogger, localNames: () => localNames, defaultParaId: () => PARA_ID });
}

async function node(name: string, options: Parameters<typeof startRemoteFixtureNode>[1] = {}): Promise<RemoteFixtureNode> {
  const started = await startRemoteFixtureNode(name, options);
  nodes.push(started);
  return started;
}

describe('remote collators: the list', () => {
  it('keeps them in their own file, refuses a bad address, a taken name and the same node twice, each in words', () => {
    const remotes = openRemotes(['alice']);
    const added = remotes.add({ name: 'prod-1', rpcUrl: 'wss://collator-1.example.org:443', metricsUrl: 'https://collator-1.example.org/metrics' });
    expect(added).toMatchObject({ name: 'prod-1', paraId: PARA_ID, metricsUrl: 'https://collator-1.example.org/metrics', endpoint: { host: 'collator-1.example.org', loopback: false } });
    expect(added.endpoint.advice).toContain('ssh -N -L 9944:127.0.0.1:9944 user@collator-1.example.org');
    expect(added.endpoint.tunnelCommand).toBe('ssh -N -L 9944:127.0.0.1:9944 user@collator-1.example.org');

    expect(() => remotes.add({ name: 'x', rpcUrl: 'ftp://host:21' })).toThrow(/rpcUrl: Must be a ws:\/\/, wss:\/\/, http:\/\/, https:\/\/ address/);
    expect(() => remotes.add({ name: 'Alice', rpcUrl: 'ws://127.0.0.1:9944' })).toThrow('A collator is already named Alice.');
    expect(() => remotes.add({ name: 'PROD-1', rpcUrl: 'ws://127.0.0.1:9944' })).toThrow('A collator is already named PROD-1.');
    // http:// and ws:// to the same port are one node.
    remotes.add({ name: 'tunnel', rpcUrl: 'ws://127.0.0.1:9944', paraId: 1000 });
    expect(() => remotes.add({ name: 'again', rpcUrl: 'http://127.0.0.1:9944' })).toThrow('http://127.0.0.1:9944 is already watched as tunnel.');

    // A new console reads the same file.
    const reopened = openRemotes(['alice']);
    expect(reopened.views().map((view) => [view.name, view.paraId, view.endpoint.loopback])).toEqual([
      ['prod-1', PARA_ID, false],
      ['tunnel', 1000, true],
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'collators', 'remote-collators.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(reopened.remove(added.id)).toBe(true);
    expect(reopened.remove(added.id)).toBe(false);
  });

  it('manages session keys only over a loopback address, and says how to tunnel to the others', () => {
    const remotes = openRemotes();
    const far = remotes.add({ name: 'far', rpcUrl: 'ws://10.1.2.3:9944' });
    const near = remotes.add({ name: 'near', rpcUrl: 'ws://127.0.0.1:19944' });
    expect(() => remotes.sessionKeyEndpoint(far.id)).toThrow(/not a loopback address/);
    try {
      remotes.sessionKeyEndpoint(far.id);
    } catch (error) {
      expect((error as { hint?: string }).hint).toContain('ssh -N -L 9944:127.0.0.1:9944 user@10.1.2.3');
    }
    expect(remotes.sessionKeyEndpoint(near.id)).toBe('ws://127.0.0.1:19944');
  });
});

describe('remote collators: watched like local ones (fixture nodes started outside the supervisor)', () => {
  it('follows their blocks, then raises a stall and a crash (unreachable, with its cause) as alerts', async () => {
    const steady = await node('steady');
    const rpcOnly = await node('rpc-only');
    const remotes = openRemotes();
    const t = monitorForTest({ clock: systemClock, probeIntervalMs: 200 });
    // The fixture makes a block every 300 ms: judge it on that time, so a stall shows within a second or two.
    t.monitor.updateRules({ scope: 'parachain', paraId: PARA_ID, patch: { blockTimeMs: 500 } });
    const stopFeed = feedHealthFromRemoteCollators(t.monitor, remotes);
    t.monitor.start();
    try {
      const withMetrics = remotes.add({ name: 'steady', rpcUrl: steady.rpcUrl, metricsUrl: steady.metricsUrl });
      // Without Prometheus, the heads pushed over RPC are what tell it advances.
      const withoutMetrics = remotes.add({ name: 'rpc-only', rpcUrl: rpcOnly.rpcUrl.replace('ws://', 'http://') });
      const byId = (id: string) => t.monitor.status().collators.find((c) => c.id === id);
      expect(t.monitor.status().parachains.map((p) => p.paraId)).toEqual([PARA_ID]);

      for (const id of [withMetrics.id, withoutMetrics.id]) {
        await untilSignal(t.monitor, () => byId(id)?.rpc === 'up' && (byId(id)?.best ?? 0) > 1, `${id} to be reached and advance`);
      }
      await untilSignal(t.monitor, () => byId(withMetrics.id)?.metrics === 'up', 'the metrics of steady');
      // What needs the process is not there: no sample was ever invented for it.
      expect(byId(withMetrics.id)).toMatchObject({ alive: null, cpuPercent: null, memoryBytes: null, restartsInWindow: 0, diskFreeBytes: null, peers: 3, level: 'ok' });
      expect(byId(withoutMetrics.id)).toMatchObject({ metrics: 'unknown', level: 'ok' });

      // A stall: the node answers but makes no block.
      steady.stall();
      await untilSignal(t.monitor, () => byId(withMetrics.id)?.findings.some((f) => f.rule === 'best-stalled') === true, 'the stall of steady');
      expect(t.alerts().find((alert) => alert.rule === 'best-stalled')).toMatchObject({ subject: { kind: 'collator', id: withMetrics.id }, from: 'ok' });
      expect(byId(withoutMetrics.id)?.findings).toEqual([]);

      // A crash: the node is gone; its RPC is down, with the real cause.
      await rpcOnly.kill();
      await untilSignal(t.monitor, () => /connection refused/.test(byId(withoutMetrics.id)?.findings.find((f) => f.rule === 'rpc-unreachable')?.message ?? ''), 'rpc-only to be unreachable');
      // Its blocks stop too, and nothing tells of a process: no process rule speaks for a remote node.
      expect(byId(withoutMetrics.id)?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['rpc-unreachable']));
      expect(byId(withoutMetrics.id)?.findings.map((f) => f.rule)).not.toEqual(expect.arrayContaining(['process-down']));
      expect(t.alerts().some((alert) => alert.rule === 'rpc-unreachable' && alert.subject.kind === 'collator' && alert.subject.id === withoutMetrics.id)).toBe(true);

      // Removing one stops watching it.
      remotes.remove(withoutMetrics.id);
      expect(byId(withoutMetrics.id)).toBeUndefined();
    } finally {
      stopFeed();
      await t.cleanup();
    }
  });

  it('reports a node that never answered as down with its cause once the start-up grace is over', async () => {
    const closedPort = await getPort();
    const remotes = openRemotes();
    const t = monitorForTest({ clock: systemClock, probeIntervalMs: 200 });
    t.monitor.updateRules({ scope: 'parachain', paraId: PARA_ID, patch: { blockTimeMs: 500 } });
    t.monitor.updateRules({ scope: 'collator-defaults', patch: { startupGraceBlockTimes: 2 } });
    const stopFeed = feedHealthFromRemoteCollators(t.monitor, remotes);
    t.monitor.start();
    try {
      const gone = remotes.add({ name: 'gone', rpcUrl: `ws://127.0.0.1:${closedPort}` });
      const finding = () => t.monitor.status().collators.find((c) => c.id === gone.id)?.findings.find((f) => f.rule === 'rpc-unreachable');
      // The start-up grace runs out between signals: read the status each probe round.
      await until(() => finding() !== undefined, 'the unreachable node to be reported');
      expect(finding()?.message).toMatch(new RegExp(`connection refused by 127\\.0\\.0\\.1:${closedPort}`));
    } finally {
      stopFeed();
      await t.cleanup();
    }
  });
});

describe('remote collators: diagnosed with what their endpoints offer', () => {
  it("a stalled remote collator's alert names its cause read from its one Prometheus address, and the relay half says why it is not read", async () => {
    // The node answers its RPC and Prometheus, reports a major sync there, and stops making blocks.
    const syncing = await node('syncing', { extraArgs: ['--fake-para-syncing'] });
    const remotes = openRemotes();
    const t = monitorForTest({ clock: systemClock, probeIntervalMs: 200 });
    t.monitor.updateRules({ scope: 'parachain', paraId: PARA_ID, patch: { blockTimeMs: 500 } });
    // No chain is connected: only the collator's own side can be read, as the console's composition finds it (services.ts builds the same finder).
    const nothingConnected = { states: (): ConnectionStateEvent[] => [], api: () => Promise.reject(new Error('not connected')) };
    const diagnosis = new DiagnosisService({
      connections: nothingConnected,
      collator: collatorEndpointsFinder({ profiles: () => [], paraIdOf: () => 0, remotes: () => remotes.list() }),
      blockTimes: () => ({ blockTimeMs: 500, relayBlockTimeMs: 6_000 }),
    });
    t.monitor.diagnoseAlertsWith((subject) => diagnosis.read(subject));
    const stopFeed = feedHealthFromRemoteCollators(t.monitor, remotes);
    t.monitor.start();
    try {
      const added = remotes.add({ name: 'syncing', rpcUrl: syncing.rpcUrl.replace('ws://', 'http://'), metricsUrl: syncing.metricsUrl });
      const read = await diagnosis.read({ kind: 'collator', id: added.id });
      expect(read).toMatchObject({ cause: 'para-node-syncing', verdict: 'problem', paraId: PARA_ID });
      expect(read.evidence.paraNode).toMatchObject({ read: true, majorSyncing: true });
      expect(read.evidence.relayNode).toEqual({ read: false, why: "remote collator syncing was added by its parachain node's addresses; its embedded relay node's Prometheus address is not known to the console" });

      syncing.stall();
      // The diagnosed alert goes out after its diagnosis is read, not on a pushed signal: poll the history.
      await until(() => t.alerts().some((alert) => alert.rule === 'best-stalled'), 'the diagnosed stall alert');
      const stalled = t.alerts().find((alert) => alert.rule === 'best-stalled');
      expect(stalled).toMatchObject({ subject: { kind: 'collator', id: added.id }, diagnosis: { cause: 'para-node-syncing', verdict: 'problem' } });
      expect(t.notifications.some((n) => n.body.includes("The collator's parachain node is syncing"))).toBe(true);

      // An id that is neither a profile nor a remote collator is refused with what was looked for.
      await expect(diagnosis.read({ kind: 'collator', id: 'remote-gone' })).rejects.toThrow('No collator has the id "remote-gone": neither a profile the console runs nor a remote collator it watches.');
    } finally {
      stopFeed();
      await t.cleanup();
    }
  });
});

/** Resolves when `condition` holds, checked every 100 ms (for what changes with time, not with a signal). */
async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
