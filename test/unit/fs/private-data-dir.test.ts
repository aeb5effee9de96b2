import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-private-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('the data folder', () => {
  it('is made private, an older world-readable one too, and so is everything written in it afterwards by any writer', async () => {
    const dataDir = join(dir, 'Parachain Console');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    // In a process of its own: the umask is the whole process's.
    const script = `
      import { writeFileSync, mkdirSync } from 'node:fs';
      import { makeDataDirPrivate } from './main/fs/private-data-dir.ts';
      makeDataDirPrivate(process.argv[1]);
      mkdirSync(process.argv[1] + '/logs');
      writeFileSync(process.argv[1] + '/logs/console.log', 'a line');
    `;
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir], { cwd: repoRoot, timeout: 60_000 });
    const modeOf = (path: string): number => statSync(path).mode & 0o777;
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs', 'console.log'))).toBe(0o600);
  });
});
