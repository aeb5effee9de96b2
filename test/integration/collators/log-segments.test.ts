import { readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../shared/contract/collators';
import type { CollatorSupervisor } from '../../../main/collators/supervisor';
import { canPunchHoles } from '../../../main/collators/hole-punch';
import { isAlive } from '../../../main/collators/process-identity';
import { createWorkspace, waitForState, type Workspace } from './support';

/** Resolves once a batch shows the flooding node has written line `seq`. */
function floodReached(supervisor: CollatorSupervisor, profileId: string, seq: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = supervisor.onLog(profileId, (batch: LogBatch) => {
      if (!batch.lines.some((l) => Number(/flood seq=(\d+) /.exec(l.text)?.[1] ?? 0) >= seq)) return;
      stop();
      resolve();
    });
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface RunFiles {
  spools: string[];
  segments: string[];
}

async function runFiles(dir: string): Promise<RunFiles> {
  const names = (await readdir(dir)).sort();
  return { spools: names.filter((n) => n.endsWith('.out')), segments: names.filter((n) => /\.\d{6}\.log$/.test(n)) };
}

/** Every flood line number in the segments, in file order, and the total the node printed when it stopped. */
async function floodIn(dir: string, files: string[]): Promise<{ seqs: number[]; total: number; texts: string[] }> {
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  const all = texts.join('');
  return { seqs: [...all.matchAll(/flood seq=(\d+) /g)].map((m) => Number(m[1])), total: Number(/flood_total=(\d+)/.exec(all)?.[1]), texts };
}

const punchable = await canPunchHoles(tmpdir());
if (!punchable) console.warn('log segments: holes cannot be punched in this temp folder (not Linux, no util-linux fallocate, or a filesystem without support); only the whole-file fallback is tested here');

describe('cutting a running node\'s log by size', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it.runIf(punchable)('cuts a flooding node\'s log into line-whole segments while it runs, frees what was copied from its own file, and loses no line', async () => {
    const segmentBytes = 256 * 1024;
    const collators = ws.open({ logSegments: { segmentBytes, segmentsKept: 1_000 } });
    const profile = await collators.create(ws.profileInput('chatty', { extraArgs: ['--fake-lines-per-sec', '20000'] }));
    const running = await collators.supervisor.start(profile.id);
    const spool = running.logFile ?? '';
    expect(spool.endsWith('.out')).toBe(true);

    // The node's own file keeps counting every byte it wrote, but only the part not yet copied stays on disk.
    const freed = await until(() => stat(spool), (s) => s.size > 8 * 1024 * 1024 && s.blocks * 512 < s.size / 2, 'the copied part of the spool to be freed');
    expect(freed.blocks * 512).toBeLessThan(freed.size);
    await floodReached(collators.supervisor, profile.id, 100_000);
    const stopped = await collators.supervisor.stop(profile.id);

    const dir = path.dirname(spool);
    const files = await runFiles(dir);
    expect(files.spools).toEqual([]);
    expect(files.segments.length).toBeGreaterThan(10);
    expect(stopped.logFile).toBe(path.join(dir, files.segments.at(-1) ?? ''));
    const { seqs, total, texts } = await floodIn(dir, files.segments);
    expect(total).toBeGreaterThanOrEqual(100_000);
    expect(seqs).toHaveLength(total);
    expect(seqs.every((seq, i) => seq === i + 1)).toBe(true);
    for (const text of texts) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(segmentBytes);
      expect(text.endsWith('\n')).toBe(true);
    }
  });

  it.runIf(punchable)('keeps only the newest segments of a long run', async () => {
    const collators = ws.open({ logSegments: { segmentBytes: 64 * 1024, segmentsKept: 3 } });
    const profile = await collators.create(ws.profileInput('long-run', { extraArgs: ['--fake-lines-per-sec', '20000'] }));
    const running = await collators.supervisor.start(profile.id);
    await floodReached(collators.supervisor, profile.id, 20_000);
    await collators.supervisor.stop(profile.id);

    const dir = path.dirname(running.logFile ?? '');
    const files = await runFiles(dir);
    expect(files.segments).toHaveLength(3);
    const { seqs, total } = await floodIn(dir, files.segments);
    // The newest lines, contiguous up to the last one the node wrote.
    expect(seqs.at(-1)).toBe(total);
    expect(seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] ?? 0) + 1)).toBe(true);
  });

  it.runIf(punchable)('copies what a node wrote while the console was closed exactly once when the next session adopts it', async () => {
    const before = ws.open({ logSegments: { segmentBytes: 128 * 1024, segmentsKept: 1_000 } });
    const profile = await before.create(ws.profileInput('overnight', { extraArgs: ['--fake-lines-per-sec', '5000'] }));
    const running = await before.supervisor.start(profile.id);
    const spool = running.logFile ?? '';
    await floodReached(before.supervisor, profile.id, 5_000);
    await before.dispose({ keepCollators: true });
    expect(isAlive(running.pid ?? 0)).toBe(true);
    // The node keeps writing with nobody copying.
    const leftAt = (await stat(spool)).size;
    await until(() => stat(spool), (s) => s.size > leftAt + 512 * 1024, 'the node to write on alone');

    const after = ws.open({ logSegments: { segmentBytes: 128 * 1024, segmentsKept: 1_000 } });
    await after.supervisor.init();
    await after.supervisor.resolveOrphans('adopt');
    await waitForState(after.supervisor, profile.id, (s) => s.status === 'running', 'the adopted node serving');
    await floodReached(after.supervisor, profile.id, 30_000);
    await after.supervisor.stop(profile.id);

    const dir = path.dirname(spool);
    const files = await runFiles(dir);
    expect(files.spools).toEqual([]);
    const { seqs, total } = await floodIn(dir, files.segments);
    expect(seqs).toHaveLength(total);
    expect(seqs.every((seq, i) => seq === i + 1)).toBe(true);
  });

  it('keeps each run in one whole file where holes cannot be punched', async () => {
    const collators = ws.open({ logSegments: { segmentBytes: 64 * 1024 }, canPunchHoles: () => Promise.resolve(false) });
    const profile = await collators.create(ws.profileInput('plain-fs', { extraArgs: ['--fake-lines-per-sec', '20000'] }));
    const running = await collators.supervisor.start(profile.id);
    await floodReached(collators.supervisor, profile.id, 20_000);
    const stopped = await collators.supervisor.stop(profile.id);

    expect(stopped.logFile).toBe(running.logFile);
    const dir = path.dirname(running.logFile ?? '');
    const files = await runFiles(dir);
    expect(files.segments).toEqual([]);
    const { seqs, total } = await floodIn(dir, files.spools);
    expect(seqs).toHaveLength(total);
  });
});
