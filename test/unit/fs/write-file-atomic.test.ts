import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../../main/fs/write-file-atomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe.each([
  ['writeFileAtomic', (path: string, text: string) => writeFileAtomic(path, text)],
  ['writeFileAtomicSync', async (path: string, text: string) => writeFileAtomicSync(path, text)],
])('%s', (_name, write) => {
  it('creates missing folders private to the operator and the file readable by the operator only', async () => {
    const file = join(dir, 'keys', 'deep', 'accounts.json');
    await write(file, '{"version":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"version":1}');
    if (process.platform === 'win32') return;
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(join(dir, 'keys'))).toBe(0o700);
    expect(modeOf(join(dir, 'keys', 'deep'))).toBe(0o700);
  });

  it('makes a world-readable file left by an older version private when it replaces it', async () => {
    const file = join(dir, 'profiles.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    await write(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect(modeOf(file)).toBe(0o600);
  });

  it('leaves the old file whole and no temporary file behind when the write fails', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, 'old');
    // A folder where the file should be: the rename cannot replace it.
    const blocked = join(dir, 'blocked');
    await write(join(blocked, 'x'), 'x');
    await expect(write(blocked, 'new')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
