import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Electron binary's path, or why there is none (installed with ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): { path?: string; reason?: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? { path } : { reason: 'the electron package did not give a binary path' };
  } catch (error) {
    return { reason: `no Electron binary is installed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install without ELECTRON_SKIP_BINARY_DOWNLOAD to run this test` };
  }
}

const binary = electronBinary();
if (binary.reason) console.log(`electron smoke test skipped: ${binary.reason}`);

test.describe('the desktop app', () => {
  test.skip(!binary.path, binary.reason ?? '');

  test('starts, shows its window, round-trips a contract call and cannot navigate away', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'pc-electron-'));
    const app = await electron.launch({ executablePath: binary.path, args: ['.', `--user-data-dir=${userData}`, '--no-sandbox'] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Onboarding' })).toBeVisible();
      expect(await page.title()).toBe('Parachain Console');

      // Nothing of Node or Electron reaches the page; only the contract's carrier.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      const answer = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const bridge = (globalThis as unknown as { parachainConsole: { send(f: unknown): void; onFrame(l: (f: unknown) => void): () => void } }).parachainConsole;
            // The page's own client shares the carrier (its welcome, its streams' events): wait for this call's answer.
            const stop = bridge.onFrame((frame) => {
              if ((frame as { kind?: string; id?: number }).kind !== 'result' || (frame as { id?: number }).id !== 99) return;
              stop();
              resolve(frame);
            });
            bridge.send({ kind: 'call', id: 99, name: 'app.ping', input: { nonce: 'smoke' } });
          }),
      );
      expect(answer).toMatchObject({ kind: 'result', id: 99, result: { ok: true, data: { nonce: 'smoke' } } });

      const before = page.url();
      await page.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => globalThis.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
