import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererLocation } from '../../main/app/renderer-location';
import { APP_INDEX_URL, answerAppRequest } from '../../main/static/app-scheme';

/**
 * What the desktop window loads, decided in plain functions (the Electron
 * part only wires them to `protocol.handle`), so they are tested here in Node.
 */
describe('where the desktop window loads the UI from', () => {
  it('ignores ELECTRON_RENDERER_URL in a release build: a remote page must never get the bridge', () => {
    for (const devServerUrl of ['https://evil.example/', 'http://localhost:5173/']) {
      const location = rendererLocation({ isPackaged: true, devServerUrl });
      expect(location.url).toBe(APP_INDEX_URL);
      expect(location.isAllowed(devServerUrl)).toBe(false);
    }
  });

  it('uses the dev server only while developing, and only one on this machine', () => {
    const dev = rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(dev.url).toBe('http://localhost:5173/');
    expect(dev.isAllowed('http://localhost:5173/#/collators')).toBe(true);
    expect(dev.isAllowed('http://localhost:5174/')).toBe(false);
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'https://evil.example/' }).url).toBe(APP_INDEX_URL);
  });

  it('loads the built UI from the app scheme, never file:// (release builds take file:// privileges away)', () => {
    const location = rendererLocation({ isPackaged: false, devServerUrl: undefined });
    expect(location.url).toBe('app://console/index.html');
    expect(location.servesAppScheme).toBe(true);
    expect(location.isAllowed('app://console/index.html#/keys')).toBe(true);
    for (const other of ['file:///etc/passwd', 'app://evil/index.html', 'app://user@console/index.html', 'https://console/index.html', 'not a url']) {
      expect(location.isAllowed(other), other).toBe(false);
    }
    const builder = readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/^\s*grantFileProtocolExtraPrivileges: false/m);
  });
});

describe('the app scheme', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pc-app-scheme-'));
    outside = mkdtempSync(join(tmpdir(), 'pc-app-outside-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
    writeFileSync(join(root, 'assets', 'index.js'), 'export {}');
    writeFileSync(join(outside, 'id_ed25519'), 'PRIVATE KEY OUTSIDE');
    symlinkSync(join(outside, 'id_ed25519'), join(root, 'assets', 'key.js'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('serves the page and its module scripts with their types and the strict CSP', async () => {
    const page = await answerAppRequest(root, 'GET', 'app://console/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'self'");
    const script = await answerAppRequest(root, 'GET', 'app://console/assets/index.js');
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(script.body).toString()).toBe('export {}');
  });

  it('answers nothing outside the build, for no other host, and only GET', async () => {
    for (const url of ['app://console/../../../../etc/passwd', 'app://console/%2e%2e/%2e%2e/etc/passwd', 'app://console/..%2f..%2fetc%2fpasswd', 'app://console/assets/key.js']) {
      const answer = await answerAppRequest(root, 'GET', url);
      expect(Buffer.from(answer.body).toString(), url).not.toContain('root:');
      expect(Buffer.from(answer.body).toString(), url).not.toContain('PRIVATE KEY');
    }
    expect((await answerAppRequest(root, 'GET', 'app://evil/index.html')).status).toBe(404);
    expect((await answerAppRequest(root, 'POST', 'app://console/index.html')).status).toBe(405);
  });
});
