import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { TOKEN_FILE, loadOrCreateAccessToken } from '../../../main/server/persisted-token';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pc-token-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const tokenPath = (): string => join(dataDir, TOKEN_FILE);

describe('the access token kept in the data folder', () => {
  it('is created once, readable by its owner only, and the same at every start after', () => {
    const first = loadOrCreateAccessToken(dataDir, silentLogger);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(statSync(tokenPath()).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAccessToken(dataDir, silentLogger)).toBe(first);
  });

  it('is replaced on request (--new-token)', () => {
    const first = loadOrCreateAccessToken(dataDir, silentLogger);
    const renewed = loadOrCreateAccessToken(dataDir, silentLogger, { renew: true });
    expect(renewed).not.toBe(first);
    expect(readFileSync(tokenPath(), 'utf8')).toBe(renewed);
  });

  it.skipIf(process.platform === 'win32')('is replaced when another account could have read it', () => {
    const first = loadOrCreateAccessToken(dataDir, silentLogger);
    chmodSync(tokenPath(), 0o644);
    const second = loadOrCreateAccessToken(dataDir, silentLogger);
    expect(second).not.toBe(first);
    expect(statSync(tokenPath()).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('is never read through a symlink planted in its place, nor written through one', () => {
    const elsewhere = join(dataDir, 'elsewhere');
    writeFileSync(elsewhere, 'A'.repeat(40), { mode: 0o600 });
    symlinkSync(elsewhere, tokenPath());
    const token = loadOrCreateAccessToken(dataDir, silentLogger);
    expect(token).not.toBe('A'.repeat(40));
    expect(lstatSync(tokenPath()).isFile()).toBe(true);
    expect(readFileSync(elsewhere, 'utf8')).toBe('A'.repeat(40));
  });

  it('is replaced when the file does not hold a token', () => {
    writeFileSync(tokenPath(), 'short', { mode: 0o600 });
    expect(loadOrCreateAccessToken(dataDir, silentLogger)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });
});
