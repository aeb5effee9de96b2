import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../main/platform/data-dir-lock';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('one console per data folder', () => {
  it('refuses a second console on the same folder while the first runs', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'console.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/already using/);
  });

  it('takes over a lock left by a console that is gone, and releases it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'console.lock'), '999999999');
    const release = lockDataDir(dir);
    release();
    lockDataDir(dir)();
  });
});
