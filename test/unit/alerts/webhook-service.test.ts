import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, HealthLevel } from '../../../shared/contract/health';
import { ServiceError } from '../../../main/errors/service-error';
import { WebhookService } from '../../../main/alerts/webhook-service';
import { ManualClock } from '../../../main/health/clock';
import { PendingWork } from '../../../main/health/pending-work';
import { RuleSettings } from '../../../main/health/rule-settings';
import { silentLogger } from '../../../main/logging/logger';
import { unlockedSecretBox } from '../health/support/monitor';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A real HTTP receiver on 127.0.0.1 that keeps the alerts posted to it. */
async function receiver(): Promise<{ url: string; received: Array<{ test: boolean; alert: Alert }> }> {
  const received: Array<{ test: boolean; alert: Alert }> = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(text) as { test: boolean; alert: Alert });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function webhookService() {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-service-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const work = new PendingWork();
  const service = new WebhookService({
    settings: new RuleSettings(join(dir, 'health-settings.json')),
    addressFilePath: join(dir, 'webhook-address.json'),
    secrets: await unlockedSecretBox(dir),
    log: silentLogger,
    clock: new ManualClock(),
    work,
    delay: async () => undefined,
  });
  return { service, work };
}

function change(from: HealthLevel, to: HealthLevel): Alert {
  return { id: `${from}-${to}`, atMs: 1, subject: { kind: 'collator', id: 'alice' }, subjectName: 'Alice', rule: 'best-stalled', from, to, message: `${from} to ${to}`, acknowledged: false };
}

describe('the webhook service', () => {
  it('posts a change when either side of it reaches the lowest level set, so the way back from CRIT is posted too', async () => {
    const hook = await receiver();
    const { service, work } = await webhookService();
    await service.update({ enabled: true, url: hook.url, minLevel: 'crit' });
    for (const [from, to] of [['ok', 'warn'], ['warn', 'crit'], ['crit', 'warn'], ['warn', 'ok']] as const) service.deliver(change(from, to));
    await work.idle();
    expect(hook.received.map((body) => body.alert.id).sort()).toEqual(['crit-warn', 'warn-crit']);
    expect(hook.received.every((body) => !body.test)).toBe(true);
  });

  it('posts nothing while turned off, and keeps the address for when it is turned on again', async () => {
    const hook = await receiver();
    const { service, work } = await webhookService();
    await service.update({ enabled: true, url: hook.url });
    expect(await service.update({ enabled: false })).toMatchObject({ enabled: false, configured: true, host: new URL(hook.url).host });
    service.deliver(change('ok', 'crit'));
    await work.idle();
    expect(hook.received).toEqual([]);

    await service.update({ enabled: true });
    service.deliver(change('ok', 'crit'));
    await work.idle();
    expect(hook.received.map((body) => body.alert.id)).toEqual(['ok-crit']);
  });

  it('refuses to be turned on without an address, and a test without one, in words', async () => {
    const { service } = await webhookService();
    await expect(service.update({ enabled: true })).rejects.toThrow(ServiceError);
    await expect(service.test()).rejects.toThrow('No webhook address is set.');
    expect(service.view()).toMatchObject({ enabled: false, configured: false });
  });

  it('sends a test alert marked as a test', async () => {
    const hook = await receiver();
    const { service } = await webhookService();
    await service.update({ url: hook.url });
    expect(await service.test()).toMatchObject({ delivered: true });
    expect(hook.received).toEqual([expect.objectContaining({ test: true, alert: expect.objectContaining({ subjectName: 'Test' }) })]);
  });
});
