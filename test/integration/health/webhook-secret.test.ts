import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { healthHandlers, healthSources } from '../../../main/api/handlers/health';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../main/api/router';
import { silentLogger } from '../../../main/logging/logger';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import type { Services } from '../../../main/api/services';
import { monitorForTest, unlockedSecretBox } from '../../unit/health/support/monitor';

/** The token a Slack or pager URL carries in its path: whoever reads it can post to the team's channel. */
const TOKEN = 'T0KEN-b8f1e2c3d4a5-secret';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A real HTTP receiver on 127.0.0.1 that records the JSON bodies posted to its secret path. */
async function receiver(): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      if (request.url === `/services/${TOKEN}`) bodies.push(JSON.parse(text));
      response.writeHead(request.url === `/services/${TOKEN}` ? 200 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/${TOKEN}`, bodies };
}

/** Every file the health folder holds, as text: the token must be in none of them. */
function everythingOnDisk(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

function routerFor(monitor: unknown): ApiRouter {
  const services = { health: monitor } as unknown as Services;
  return new ApiRouter(healthHandlers(services) as CallHandlers, healthSources(services) as StreamSources, silentLogger);
}

/** A settings file as the console wrote it before webhook addresses were sealed. */
function olderSettingsFile(dir: string, url: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'health-settings.json'), JSON.stringify({ rules: {}, webhook: { enabled: true, url, minLevel: 'warn', maxAttempts: 2, firstRetryDelayMs: 1 } }));
}

describe('the webhook address is a secret', () => {
  it('an address saved in the clear by an older version moves into the secret box on start, and the file keeps only "configured" and the host', async () => {
    const hook = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    olderSettingsFile(dir, hook.url);
    const t = monitorForTest({ dir, secrets: await unlockedSecretBox(dir) });
    cleanups.push(t.cleanup);

    t.monitor.start();
    await t.monitor.idle();

    const settings = JSON.parse(readFileSync(join(dir, 'health-settings.json'), 'utf8')) as { webhook: Record<string, unknown> };
    expect(settings.webhook).toEqual({ enabled: true, configured: true, host: new URL(hook.url).host, minLevel: 'warn', maxAttempts: 2, firstRetryDelayMs: 1 });
    expect(everythingOnDisk(dir)).not.toContain(TOKEN);
    // Still delivered: the console opens the sealed address when it posts.
    expect(await t.monitor.testWebhook()).toMatchObject({ delivered: true, status: 200 });
    expect(hook.bodies).toEqual([expect.objectContaining({ test: true })]);
  });

  it('the renderer only ever sees the redacted form, from reading the webhook and from saving a new address', async () => {
    const hook = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    const t = monitorForTest({ dir, secrets: await unlockedSecretBox(dir) });
    cleanups.push(t.cleanup);
    const router = routerFor(t.monitor);

    const saved = await router.call('health.updateWebhook', { patch: { enabled: true, url: hook.url } });
    expect(saved).toEqual({ ok: true, data: { enabled: true, configured: true, host: new URL(hook.url).host, minLevel: 'warn', maxAttempts: 4, firstRetryDelayMs: 1_000 } });
    const read = await router.call('health.getWebhook', {});
    expect(JSON.stringify(read)).not.toContain(TOKEN);
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
    expect(everythingOnDisk(dir)).not.toContain(TOKEN);

    // Changing the level keeps the sealed address; the test button still reaches it.
    expect(await router.call('health.updateWebhook', { patch: { minLevel: 'crit' } })).toMatchObject({ ok: true, data: { configured: true, minLevel: 'crit' } });
    expect(await router.call('health.testWebhook', {})).toMatchObject({ ok: true, data: { delivered: true } });

    // A receiver that is gone: the failure is explained without the address's token.
    const closed = await receiver();
    await cleanups.pop()?.();
    await router.call('health.updateWebhook', { patch: { url: closed.url, maxAttempts: 1 } });
    const failed = await router.call('health.testWebhook', {});
    expect(failed).toMatchObject({ ok: true, data: { delivered: false, error: expect.stringContaining('ECONNREFUSED') } });
    expect(JSON.stringify(failed)).not.toContain(TOKEN);

    // Removing it leaves nothing to send to.
    expect(await router.call('health.updateWebhook', { patch: { enabled: false, url: '' } })).toMatchObject({ ok: true, data: { configured: false, host: null } });
    expect(await router.call('health.testWebhook', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', hint: 'Set the webhook URL first.' } });
  });

  it('while the secret box is locked a new address is refused in words, and an old one waits in place until the box opens', async () => {
    const hook = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    olderSettingsFile(dir, hook.url);
    // A headless console whose passphrase was chosen before but not given yet.
    const chosen = await unlockedSecretBox(dir);
    chosen.lock();
    const box = await new PassphraseBox({ filePath: join(dir, 'keys', 'passphrase-box.json'), cost: { N: 2 ** 10, r: 8, p: 1 } }).load();
    const t = monitorForTest({ dir, secrets: box });
    cleanups.push(t.cleanup);
    const router = routerFor(t.monitor);

    t.monitor.start();
    await t.monitor.idle();
    expect(await router.call('health.getWebhook', {})).toMatchObject({ ok: true, data: { configured: true, host: new URL(hook.url).host } });
    expect(await router.call('health.updateWebhook', { patch: { url: 'https://hooks.example.com/other' } })).toMatchObject({ ok: false, error: { code: 'locked', hint: expect.stringContaining('Unlock') } });
    // Not lost: the old address still delivers, and stays in the file, since nothing could seal it yet.
    expect(await t.monitor.testWebhook()).toMatchObject({ delivered: true });
    expect(readFileSync(join(dir, 'health-settings.json'), 'utf8')).toContain(TOKEN);

    await box.unlock('health tests passphrase');
    await t.monitor.probeRound();
    await t.monitor.idle();
    expect(everythingOnDisk(dir)).not.toContain(TOKEN);
    expect(await t.monitor.testWebhook()).toMatchObject({ delivered: true });
    expect(hook.bodies).toHaveLength(2);
  });
});
