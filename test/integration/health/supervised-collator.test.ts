import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/health/clock';
import { feedHealthFromSupervisor } from '../../../main/health/supervisor-feed';
import { createWorkspace, waitForState, type Workspace } from '../collators/support';
import { monitorForTest, untilSignal } from '../../unit/health/support/monitor';

let ws: Workspace;
beforeAll(async () => {
  ws = await createWorkspace();
});
afterAll(async () => {
  await ws.cleanup();
});

describe('health of collators the supervisor runs (fixture collator processes)', () => {
  it('watches a running collator through its own RPC and metrics ports, then sees it crash-loop and stop being restarted', async () => {
    const collators = ws.open({ restartPolicy: { initialDelayMs: 50, factor: 2, maxRestarts: 3, windowMs: 600_000 } });
    const t = monitorForTest({ clock: systemClock });
    // The fixture serves one exporter (the parachain half's), so it follows the relay chain over RPC like a light collator.
    const healthy = await collators.create(ws.profileInput('steady', { extraArgs: ['--fake-block-ms', '300'], relay: { mode: 'rpc', rpcUrls: ['ws://127.0.0.1:1'] } }));
    const crashy = await collators.create(ws.profileInput('crashy', { extraArgs: ['--fake-crash-after-ms', '1500'] }));
    const stopFeed = feedHealthFromSupervisor(t.monitor, collators.supervisor, collators);
    try {
      const byId = (id: string) => t.monitor.status().collators.find((c) => c.id === id);
      // The para id comes from the profile's chain spec, and its parachain is watched too.
      expect(byId(healthy.id)).toMatchObject({ name: 'steady', paraId: 1000, alive: null, level: 'ok' });
      expect(t.monitor.status().parachains.map((p) => p.paraId)).toEqual([1000]);

      await collators.supervisor.start(healthy.id);
      await waitForState(collators.supervisor, healthy.id, (s) => s.status === 'running', 'steady to run');
      await untilSignal(t.monitor, () => byId(healthy.id)?.rpc === 'up', 'the health RPC probe to reach steady');
      await t.monitor.probeRound();
      const first = byId(healthy.id)!;
      expect(first).toMatchObject({ alive: true, metrics: 'up', peers: 3 });
      await untilSignal(t.monitor, () => (byId(healthy.id)?.best ?? 0) > 0, 'the first block of steady');
      expect(first.diskFreeBytes).toBeGreaterThan(0);
      expect(first.openFiles).toBeGreaterThan(0);

      await collators.supervisor.start(crashy.id);
      await waitForState(collators.supervisor, crashy.id, (s) => s.status === 'crash-loop', 'crashy to crash-loop', 90_000);
      await untilSignal(t.monitor, () => byId(crashy.id)?.findings.some((f) => f.rule === 'crash-loop' && f.level === 'crit') === true, 'the crash loop alert');
      expect(byId(crashy.id)?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['process-down', 'crash-loop']));
      expect(byId(crashy.id)?.findings.find((f) => f.rule === 'process-down')?.hint).toMatch(/no longer restarted/);
      expect(byId(crashy.id)?.findings.find((f) => f.rule === 'crash-loop')?.hint).toMatch(/Last error in its log: .*Essential task/);
      expect(byId(healthy.id)?.findings).toEqual([]);

      // The operator stops steady: a stopped node is not a sick one.
      await collators.supervisor.stop(healthy.id);
      t.monitor.evaluate();
      expect(byId(healthy.id)?.findings).toEqual([]);
    } finally {
      stopFeed();
      await t.cleanup();
    }
  });
});
