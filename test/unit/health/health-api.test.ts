import { afterAll, describe, expect, it } from 'vitest';
import { healthHandlers, healthSources } from '../../../main/api/handlers/health';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../main/api/router';
import { silentLogger } from '../../../main/logging/logger';
import type { Services } from '../../../main/api/services';
import { BLOCK_TIME_MS, monitorForTest } from './support/monitor';

const t = monitorForTest();
afterAll(() => t.cleanup());
// Only the health part of the services is reached by these calls.
const services = { health: t.monitor } as unknown as Services;
const router = new ApiRouter(healthHandlers(services) as CallHandlers, healthSources(services) as StreamSources, silentLogger);

describe('the health contract, through the API router', () => {
  it('answers the status in the declared shape, including bigints as decimal strings', async () => {
    t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
    t.monitor.watchCollator({ id: 'alice', name: 'Alice', paraId: 2000, expectedRunning: true });
    t.monitor.recordBlockspace(2000, { kind: 'on-demand', balancePlanck: 10n ** 30n, spotPricePlanck: 3n, orderFeePlanck: 0n, ordering: true });
    const answer = await router.call('health.status', {});
    expect(answer).toMatchObject({ ok: true, data: { level: 'ok', parachains: [{ paraId: 2000, ordersLeft: '333333333333333333333333333333' }] } });
  });

  it('refuses a rule change with a field it does not know, and keeps one it does', async () => {
    const refused = await router.call('health.updateRules', { update: { scope: 'collator', id: 'alice', patch: { minPeerz: 3 } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const kept = await router.call('health.updateRules', { update: { scope: 'collator', id: 'alice', patch: { minPeersWarn: 4 } } });
    expect(kept).toMatchObject({ ok: true, data: { collators: { alice: { minPeersWarn: 4 } } } });
  });

  it('streams alerts and acknowledges them', async () => {
    const received: unknown[] = [];
    const subscription = router.subscribe('health.alert', {}, (event) => received.push(event));
    expect(subscription.ok).toBe(true);
    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 1, signal: null, expected: false });
    t.clock.advance(BLOCK_TIME_MS);
    t.monitor.evaluate();
    expect(received).toEqual([expect.objectContaining({ rule: 'process-down', to: 'crit', subjectName: 'Alice' })]);
    const id = (received[0] as { id: string }).id;
    expect(await router.call('health.acknowledge', { ids: [id] })).toEqual({ ok: true, data: { acknowledged: 1 } });
    if (subscription.ok) subscription.unsubscribe();
  });

  it('says what to do when the webhook test has no address', async () => {
    expect(await router.call('health.testWebhook', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', hint: 'Set the webhook URL first.' } });
    expect(await router.call('health.updateWebhook', { patch: { url: 'ftp://example.invalid/' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves an empty chart for a series not recorded yet', async () => {
    expect(await router.call('health.series', { subject: { kind: 'collator', id: 'nobody' }, metric: 'peers' })).toMatchObject({ ok: true, data: { points: [] } });
  });
});
