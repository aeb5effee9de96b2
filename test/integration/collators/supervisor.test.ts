import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollatorState, LogBatch } from '../../../shared/contract/collators';
import { isAlive } from '../../../main/collators/process-identity';
import { createWorkspace, waitForAlert, waitForState, type Workspace } from './support';

describe('supervising collator nodes', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 1_000 });
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it('starts a collator, follows both halves of its log, sees it serve RPC, samples it and stops it gracefully', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('alpha'));
    const batches: LogBatch[] = [];
    collators.supervisor.onLog(profile.id, (batch) => batches.push(batch));

    await collators.supervisor.start(profile.id);
    const running = await waitForState(collators.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    expect(running.pid).toBeGreaterThan(0);
    const progressed = await waitForState(
      collators.supervisor,
      profile.id,
      (s) => (s.para.best ?? 0) >= 2 && (s.relay.best ?? 0) >= 4 && (s.para.finalized ?? -1) >= 0 && s.lastAuthored !== null && s.memoryBytes !== null,
      'block progress and a usage sample',
    );
    expect(progressed.para.peers).toBe(3);
    expect(progressed.relay.peers).toBe(8);
    expect(progressed.cpuPercent).not.toBeNull();

    const prometheus = await fetch(`http://127.0.0.1:${profile.ports.para.prometheus}/metrics`);
    expect(await prometheus.text()).toContain('substrate_block_height{status="best"');

    const recent = collators.supervisor.recentLogs(profile.id, 100);
    expect(recent.some((l) => l.half === 'relay' && l.text.includes('Imported'))).toBe(true);
    expect(recent.some((l) => l.half === 'para' && l.text.includes('Idle'))).toBe(true);
    expect(recent.every((l) => !l.text.includes('\x1b['))).toBe(true);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.flatMap((b) => b.lines).some((l) => l.text.includes('Node name: alpha'))).toBe(true);

    const stopped = await collators.supervisor.stop(profile.id);
    expect(stopped.status).toBe('stopped');
    expect(stopped.lastExit).toMatchObject({ code: 0, signal: null, crashed: false });
    expect(isAlive(running.pid ?? 0)).toBe(false);
    expect(readdirSync(path.join(ws.dataDir, 'collators', 'run'))).toEqual([]);
    const logText = await readFile(stopped.logFile ?? '', 'utf8');
    expect(logText).toContain('Received SIGINT, shutting down');
  });

  it('refuses to start a node that already runs', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('twice'));
    const first = await collators.supervisor.start(profile.id);
    const second = await collators.supervisor.start(profile.id);
    expect(second.pid).toBe(first.pid);
    await collators.supervisor.stop(profile.id);
  });

  it('restarts a crashed collator with growing delays, then gives up and alerts', async () => {
    const collators = ws.open({ restartPolicy: { initialDelayMs: 50, factor: 2, maxRestarts: 3, windowMs: 600_000 } });
    const profile = await collators.create(ws.profileInput('crashy', { extraArgs: ['--fake-crash-after-ms', '300'] }));
    const backoffs: CollatorState[] = [];
    collators.supervisor.onState((s) => {
      if (s.status === 'backoff') backoffs.push(s);
    }, profile.id);
    const alert = waitForAlert(collators.supervisor, 'crash-loop');

    await collators.supervisor.start(profile.id);
    expect((await alert).message).toContain('crashy crashed again after 3 restarts');
    const final = collators.supervisor.state(profile.id);
    expect(final).toMatchObject({ status: 'crash-loop', restarts: 3, pid: null, lastExit: { code: 1, crashed: true } });
    expect(final.errors).toBeGreaterThanOrEqual(4);
    expect(final.lastProblem).toMatchObject({ level: 'error', text: expect.stringContaining('Essential task `fake-import` failed') });
    expect(backoffs.map((s) => s.backoffMs)).toEqual([50, 100, 200]);
    const runLogs = readdirSync(path.dirname(final.logFile ?? ''));
    expect(runLogs).toHaveLength(4);

    // The operator fixes the cause and starts it: the restart budget starts over.
    const again = await collators.supervisor.start(profile.id);
    expect(again).toMatchObject({ restarts: 0 });
    await collators.supervisor.stop(profile.id);
  });

  it('kills a collator that ignores SIGINT once the stop timeout has passed', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('stubborn', { extraArgs: ['--fake-ignore-sigint'] }));
    await collators.supervisor.start(profile.id);
    await waitForState(collators.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    const stopped = await collators.supervisor.stop(profile.id);
    expect(stopped.lastExit).toMatchObject({ signal: 'SIGKILL', crashed: false });
    expect(await readFile(stopped.logFile ?? '', 'utf8')).toContain('Received SIGINT; ignoring it');
  });

  it('keeps every line of a log flood on disk and sends it to the UI in bounded batches', async () => {
    const collators = ws.open({ maxBatchLines: 400 });
    const profile = await collators.create(ws.profileInput('flood', { extraArgs: ['--fake-lines-per-sec', '20000'] }));
    const batches: LogBatch[] = [];
    collators.supervisor.onLog(profile.id, (batch) => batches.push(batch));
    await collators.supervisor.start(profile.id);
    await new Promise<void>((resolve) => {
      const stop = collators.supervisor.onLog(profile.id, (batch) => {
        // Under load older lines of a tick may be skipped in the batch (never on disk): look at the highest number.
        if (!batch.lines.some((l) => Number(/flood seq=(\d+) /.exec(l.text)?.[1] ?? 0) >= 20_000)) return;
        stop();
        resolve();
      });
    });
    const stopped = await collators.supervisor.stop(profile.id);

    const text = await readFile(stopped.logFile ?? '', 'utf8');
    const total = Number(/flood_total=(\d+)/.exec(text)?.[1]);
    const seqs = [...text.matchAll(/flood seq=(\d+) /g)].map((m) => Number(m[1]));
    expect(total).toBeGreaterThanOrEqual(20_000);
    expect(seqs).toHaveLength(total);
    expect(seqs.every((seq, i) => seq === i + 1)).toBe(true);

    expect(batches.every((b) => b.lines.length <= 400)).toBe(true);
    // Sent or counted as skipped: every line the node wrote reached the subscriber's accounting.
    const delivered = batches.reduce((n, b) => n + b.lines.length + b.skipped, 0);
    const lastSeq = batches.at(-1)?.lines.at(-1)?.seq ?? -1;
    expect(delivered).toBe(lastSeq + 1);
    const ring = collators.supervisor.recentLogs(profile.id, 10_000);
    expect(ring.length).toBe(1_000);
    expect(existsSync(stopped.logFile ?? '')).toBe(true);
  });
});

describe('what the supervisor tells apart and keeps out', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    delete process.env.NODE_OPTIONS;
    await ws.cleanup();
  });

  it('shows a node whose process runs but which never serves as starting, not running', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('hung', { extraArgs: ['--fake-hang'] }));
    const banner = new Promise<void>((resolve) => {
      const stop = collators.supervisor.onLog(profile.id, (batch) => {
        if (!batch.lines.some((l) => l.text.includes('Node name: hung'))) return;
        stop();
        resolve();
      });
    });
    await collators.supervisor.start(profile.id);
    await banner;
    const state = collators.supervisor.state(profile.id);
    expect(state.status).toBe('starting');
    expect(state.pid).not.toBeNull();
    expect((await collators.supervisor.stop(profile.id)).status).toBe('stopped');
  });

  it('starts nodes without the console\'s dangerous environment variables', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('clean-env'));
    // Inherited, this would make the Node-based fake collator fail at once.
    process.env.NODE_OPTIONS = '--require /nonexistent/preload.cjs';
    try {
      await collators.supervisor.start(profile.id);
    } finally {
      delete process.env.NODE_OPTIONS;
    }
    await waitForState(collators.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    expect((await collators.supervisor.stop(profile.id)).lastExit).toMatchObject({ crashed: false, code: 0 });
  });
});
