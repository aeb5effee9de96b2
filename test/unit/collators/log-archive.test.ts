import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canPunchHoles, punchHole } from '../../../main/collators/hole-punch';
import { LogArchive, type LogArchiveOptions } from '../../../main/collators/log-archive';
import { silentLogger } from '../../../main/logging/logger';

const lines = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_v, i) => `line ${from + i} ${'y'.repeat(50)}\n`).join('');

function segmentsText(dir: string): string {
  return readdirSync(dir)
    .filter((n) => /\.\d{6}\.log$/.test(n))
    .sort()
    .map((n) => readFileSync(path.join(dir, n), 'utf8'))
    .join('');
}

const punchable = await canPunchHoles(tmpdir());

describe('cutting a log file that its writer keeps appending to', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'log-archive-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const options = (extra: Partial<LogArchiveOptions> = {}): LogArchiveOptions => ({ segmentBytes: 16 * 1024, segmentsKept: 1_000, punch: punchHole, log: silentLogger, ...extra });
  const runDir = (name: string): { dir: string; spool: string } => {
    const dir = path.join(root, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const spool = path.join(dir, 'run-1.out');
    writeFileSync(spool, '');
    return { dir, spool };
  };

  it('copies exactly once when the console died after copying more than it had saved', () => {
    const { dir, spool } = runDir('crash');
    appendFileSync(spool, lines(1, 1_000));
    // Saves only when a segment fills, so the first session dies with bytes copied past its last checkpoint.
    const first = new LogArchive(spool, options({ checkpointEveryBytes: Number.MAX_SAFE_INTEGER }));
    first.copy(Number.MAX_SAFE_INTEGER);
    appendFileSync(spool, lines(1_001, 1_500));

    const second = new LogArchive(spool, options());
    second.copy(Number.MAX_SAFE_INTEGER);
    appendFileSync(spool, lines(1_501, 2_000));
    return second.finish().then(() => {
      expect(segmentsText(dir)).toBe(lines(1, 2_000));
      expect(existsSync(spool)).toBe(false);
    });
  });

  it('keeps a line the node is still writing whole, even when a new segment starts before it ends', async () => {
    const { dir, spool } = runDir('partial');
    const archive = new LogArchive(spool, options({ segmentBytes: 100 }));
    appendFileSync(spool, `${'a'.repeat(89)}\nbbbb`);
    archive.copy(Number.MAX_SAFE_INTEGER);
    appendFileSync(spool, `${'b'.repeat(36)}\n${'c'.repeat(20)}\n`);
    archive.copy(Number.MAX_SAFE_INTEGER);
    await archive.finish();
    const segments = readdirSync(dir).filter((n) => n.endsWith('.log')).sort().map((n) => readFileSync(path.join(dir, n), 'utf8'));
    expect(segments.join('')).toBe(`${'a'.repeat(89)}\n${'b'.repeat(40)}\n${'c'.repeat(20)}\n`);
    for (const segment of segments) expect(segment.endsWith('\n')).toBe(true);
  });

  it('splits a line longer than a whole segment rather than lose or hold it', async () => {
    const { dir, spool } = runDir('giant');
    const giant = `${'z'.repeat(40 * 1024)}\n`;
    appendFileSync(spool, `short one\n${giant}short two\n`);
    const archive = new LogArchive(spool, options());
    await archive.finish();
    expect(segmentsText(dir)).toBe(`short one\n${giant}short two\n`);
  });

  it.runIf(punchable)('frees only what was both saved and read by the log tail', async () => {
    const { spool } = runDir('release');
    appendFileSync(spool, lines(1, 100_000));
    const punched: number[] = [];
    const archive = new LogArchive(spool, options({ segmentBytes: 1024 * 1024, releaseStepBytes: 64 * 1024, punch: (file, length) => punchHole(file, length).then(() => void punched.push(length)) }));
    archive.copy(Number.MAX_SAFE_INTEGER);
    archive.release(100_000);
    archive.close();
    await new Promise((r) => setTimeout(r, 0));
    // Not past the tail (rounded down to a filesystem block), whatever was copied.
    await expect.poll(() => punched).toEqual([Math.floor(100_000 / 4096) * 4096]);
    expect(statSync(spool).size).toBe(Buffer.byteLength(lines(1, 100_000)));
  });

  it('copies again from the start, losing nothing, when its checkpoint is unreadable', async () => {
    const { dir, spool } = runDir('corrupt');
    appendFileSync(spool, lines(1, 300));
    writeFileSync(`${spool}.archive.json`, '{"offset":');
    await new LogArchive(spool, options()).finish();
    expect(segmentsText(dir)).toBe(lines(1, 300));
  });
});
