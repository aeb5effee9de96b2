import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../main/collators/process-identity';
import { createWorkspace, waitForState, type Workspace } from './support';

describe('collators left running by a previous session', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace({ onOrphans: 'ask' });
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it('finds a node left running, never starts it twice, re-adopts it and follows its log', async () => {
    const before = ws.open();
    const profile = await before.create(ws.profileInput('survivor'));
    await before.supervisor.start(profile.id);
    const { pid } = await waitForState(before.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    // The operator quits and chooses to leave the collators running.
    await before.dispose({ keepCollators: true });
    expect(isAlive(pid ?? 0)).toBe(true);

    const after = ws.open();
    const orphans = await after.supervisor.init();
    expect(orphans).toEqual([expect.objectContaining({ profileId: profile.id, profileName: 'survivor', pid })]);
    expect(after.supervisor.listOrphans()).toHaveLength(1);
    await expect(after.supervisor.start(profile.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`pid ${pid}`) });

    const [adopted] = await after.supervisor.resolveOrphans('adopt');
    expect(adopted).toMatchObject({ profileId: profile.id, pid, adopted: true });
    // Its start is the one recorded by the session that spawned it, not the adoption.
    expect(adopted?.startedAt).toBe(orphans[0]?.startedAt);
    const seen = await waitForState(after.supervisor, profile.id, (s) => s.status === 'running' && (s.para.best ?? 0) > 0, 'the adopted node serving and logging');
    expect(seen.pid).toBe(pid);
    const lines = after.supervisor.recentLogs(profile.id, 50);
    expect(lines.some((l) => l.text.includes('Imported'))).toBe(true);
    expect(after.supervisor.runningCount).toBe(1);

    const stopped = await after.supervisor.stop(profile.id);
    expect(stopped.status).toBe('stopped');
    expect(isAlive(pid ?? 0)).toBe(false);
    expect(after.supervisor.listOrphans()).toEqual([]);
  });

  it('finds a node whose console process has quit and left it running, and adopts it', async () => {
    const script = fileURLToPath(new URL('./previous-session.ts', import.meta.url));
    const input = ws.profileInput('outlived');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ws.dataDir, ws.logsDir, JSON.stringify(input)], { timeout: 60_000 });
    const { id, pid } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { id: string; pid: number };
    // The console that started it has exited; the node has not.
    expect(isAlive(pid)).toBe(true);

    const after = ws.open();
    expect(await after.supervisor.init()).toEqual([expect.objectContaining({ profileId: id, profileName: 'outlived', pid })]);
    await after.supervisor.resolveOrphans('adopt', [id]);
    await waitForState(after.supervisor, id, (s) => s.status === 'running' && s.adopted, 'the adopted node serving');
    const stopped = await after.supervisor.stop(id);
    expect(stopped).toMatchObject({ status: 'stopped', pid: null });
    expect(isAlive(pid)).toBe(false);
  });

  it('stops leftover nodes at start when the operator chose so in settings', async () => {
    const before = ws.open();
    const profile = await before.create(ws.profileInput('leftover'));
    await before.supervisor.start(profile.id);
    const { pid } = await waitForState(before.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    await before.dispose({ keepCollators: true });

    ws.settings = { ...ws.settings, onOrphans: 'stop' };
    const after = ws.open();
    expect(await after.supervisor.init()).toEqual([]);
    expect(isAlive(pid ?? 0)).toBe(false);
    expect(after.supervisor.state(profile.id)).toMatchObject({ status: 'stopped', lastExit: { crashed: false } });
    ws.settings = { ...ws.settings, onOrphans: 'ask' };
  });

  it('adopts leftover nodes at start when the operator chose so in settings', async () => {
    const before = ws.open();
    const profile = await before.create(ws.profileInput('kept'));
    await before.supervisor.start(profile.id);
    const { pid } = await waitForState(before.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    await before.dispose({ keepCollators: true });

    ws.settings = { ...ws.settings, onOrphans: 'adopt' };
    const after = ws.open();
    expect(await after.supervisor.init()).toEqual([]);
    expect(after.supervisor.state(profile.id)).toMatchObject({ pid, adopted: true });
    // The history written before this session is in the ring already.
    expect(after.supervisor.recentLogs(profile.id, 1_000).some((l) => l.text.includes('Node name: kept'))).toBe(true);
    await after.supervisor.stop(profile.id);
    expect(isAlive(pid ?? 0)).toBe(false);
    ws.settings = { ...ws.settings, onOrphans: 'ask' };
  });

  it('ignores a pid file whose pid now belongs to another program', async () => {
    const runDir = path.join(ws.dataDir, 'collators', 'run');
    await mkdir(runDir, { recursive: true });
    const file = path.join(runDir, 'ghost.pid.json');
    // Our own pid is alive but runs vitest, not the recorded binary.
    await writeFile(file, JSON.stringify({ profileId: 'ghost', pid: process.pid, startedAt: 0, binaryPath: '/opt/polkadot-parachain', args: ['--name', 'ghost'], logFile: '/tmp/none.log' }));
    const session = ws.open();
    expect(await session.supervisor.init()).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });
});
