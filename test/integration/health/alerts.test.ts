import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../main/health/clock';
import { BLOCK_TIME_MS, monitorForTest, unlockedSecretBox } from '../../unit/health/support/monitor';
import { polkadotRelay } from '../../unit/health/support/relay-events';

const relay = polkadotRelay();
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** The team's chat or pager: a real HTTP receiver on 127.0.0.1 that fails the first `failures` posts with 503. */
async function receiver(failures: number) {
  const bodies: unknown[] = [];
  let seen = 0;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      seen += 1;
      if (seen <= failures) {
        response.writeHead(503).end('busy');
        return;
      }
      bodies.push(JSON.parse(text));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, attempts: () => seen };
}

/** A parachain whose inclusion the test stops and restarts, relay block by relay block. */
function stalledParachain(t: ReturnType<typeof monitorForTest>) {
  t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
  let relayNumber = 10;
  return (included: boolean) => {
    t.clock.advance(BLOCK_TIME_MS);
    relayNumber += 1;
    t.monitor.recordRelayBlock({ number: relayNumber, events: relay.events(included ? [{ kind: 'CandidateIncluded', paraId: 2000, headNumber: relayNumber }] : []) });
    t.monitor.evaluate();
  };
}

describe('alerts reach the operator', () => {
  it('notifies on each level change, colours the tray and lists collators in its menu', async () => {
    const started: string[] = [];
    const t = monitorForTest({ controls: { start: (id) => started.push(id), stop: () => undefined } });
    cleanups.push(t.cleanup);
    expect(t.monitor.status().level).toBe('idle');
    t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
    t.monitor.watchCollator({ id: 'alice', name: 'Alice', paraId: 2000, expectedRunning: true });
    t.monitor.recordProcessEvent('alice', { kind: 'started', pid: 4242 });
    t.monitor.evaluate();
    expect(t.tray.health).toBe('ok');
    expect(t.tray.tooltip).toMatch(/1 collator, 1 parachain: all OK/);

    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 137, signal: 'SIGKILL', expected: false });
    t.monitor.evaluate();
    expect(t.tray.health).toBe('crit');
    expect(t.tray.tooltip).toMatch(/1 CRIT \(Alice: process-down\)/);
    expect(t.notifications.at(-1)).toMatchObject({ title: 'Alice: CRIT', level: 'critical' });
    expect(t.tray.items.map((item) => item.label)).toEqual(['CRIT  Alice (process-down)', '    Start Alice']);
    t.tray.items[1]?.onClick?.();
    expect(started).toEqual(['alice']);

    t.monitor.recordProcessEvent('alice', { kind: 'started', pid: 4243 });
    t.clock.advance(3 * BLOCK_TIME_MS);
    t.monitor.evaluate();
    expect(t.tray.health).toBe('ok');
    expect(t.notifications.at(-1)).toMatchObject({ title: 'Alice: OK again', level: 'info' });
  });

  it('sums up many changes at once in one notification instead of a pile', async () => {
    const t = monitorForTest();
    cleanups.push(t.cleanup);
    const names = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve'];
    for (const name of names) {
      t.monitor.watchCollator({ id: name.toLowerCase(), name, paraId: 2000, expectedRunning: true });
      t.monitor.recordProcessEvent(name.toLowerCase(), { kind: 'started', pid: 1 });
    }
    t.monitor.evaluate();
    // The host they share goes down: every node exits in the same moment.
    for (const name of names) t.monitor.recordProcessEvent(name.toLowerCase(), { kind: 'exited', code: null, signal: 'SIGKILL', expected: false });
    t.monitor.evaluate();
    expect(t.notifications).toEqual([{ title: '5 health changes: 5 CRIT', body: 'Alice, Bob, Carol, Dave, Eve. Open the console for each one.', level: 'critical' }]);
    expect(t.alerts()).toHaveLength(5);
  });

  it('posts each alert to the webhook as JSON, retrying with backoff until the receiver takes it', async () => {
    const hook = await receiver(2);
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    const t = monitorForTest({ dir, secrets: await unlockedSecretBox(dir) });
    cleanups.push(t.cleanup);
    await t.monitor.updateWebhook({ enabled: true, url: hook.url, maxAttempts: 4 });
    const relayBlock = stalledParachain(t);
    relayBlock(true);
    relayBlock(false);
    relayBlock(false);
    await t.monitor.idle();
    expect(hook.attempts()).toBe(3);
    expect(hook.bodies).toEqual([
      expect.objectContaining({ source: 'parachain-console', test: false, alert: expect.objectContaining({ rule: 'not-included', from: 'ok', to: 'warn', subject: { kind: 'parachain', paraId: 2000 } }) }),
    ]);
  });

  it('answers the test button with what happened, and gives up after the attempts set', async () => {
    const flaky = await receiver(1);
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    const t = monitorForTest({ dir, secrets: await unlockedSecretBox(dir) });
    cleanups.push(t.cleanup);
    await t.monitor.updateWebhook({ url: flaky.url, maxAttempts: 3 });
    expect(await t.monitor.testWebhook()).toEqual({ delivered: true, attempts: 2, status: 204, error: null });
    expect(flaky.bodies[0]).toMatchObject({ test: true });

    const down = await receiver(99);
    await t.monitor.updateWebhook({ url: down.url, maxAttempts: 3 });
    expect(await t.monitor.testWebhook()).toEqual({ delivered: false, attempts: 3, status: 503, error: 'the receiver answered HTTP 503' });
    await expect(t.monitor.updateWebhook({ enabled: true, url: '' })).rejects.toThrow(/no address/);
  });

  it('keeps alert history, acknowledgements, thresholds and charts across a restart', async () => {
    const clock = new ManualClock();
    const first = monitorForTest({ clock });
    const relayBlock = stalledParachain(first);
    first.monitor.updateRules({ scope: 'parachain', paraId: 2000, patch: { notIncludedWarnBlockTimes: 3 } });
    relayBlock(true);
    for (let i = 0; i < 3; i += 1) relayBlock(false);
    const [alert] = first.monitor.alerts({ limit: 10, unacknowledgedOnly: true });
    expect(alert).toMatchObject({ rule: 'not-included', to: 'warn' });
    expect(first.monitor.acknowledge([alert!.id])).toBe(1);
    await first.monitor.stop();

    const second = monitorForTest({ clock, dir: first.dir });
    cleanups.push(second.cleanup);
    expect(second.monitor.alerts({ limit: 10, unacknowledgedOnly: false })).toEqual([{ ...alert, acknowledged: true }]);
    expect(second.monitor.alerts({ limit: 10, unacknowledgedOnly: true })).toEqual([]);
    expect(second.monitor.getRules().parachains['2000']).toEqual({ notIncludedWarnBlockTimes: 3 });
    const series = second.monitor.querySeries({ subject: { kind: 'parachain', paraId: 2000 }, metric: 'inclusionGapRelayBlocks', resolution: 'second' });
    expect(series.points.map(([, gap]) => gap)).toEqual([0, 1, 2, 3]);
  });
});
