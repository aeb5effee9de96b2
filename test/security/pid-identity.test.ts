import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollatorAlert } from '../../shared/contract/collators';
import { isAlive, readStartTime } from '../../main/collators/process-identity';
import { createWorkspace, waitForState, type Workspace } from '../integration/collators/support';

/**
 * The console signals processes named in its pid files. A pid file that
 * lies (forged, or left from a process long gone whose pid was given to
 * another) must never make it stop a process it did not start.
 */
describe('pid files that lie', () => {
  let ws: Workspace;
  const decoys: ChildProcess[] = [];
  beforeAll(async () => {
    ws = await createWorkspace({ onOrphans: 'stop' });
  });
  afterEach(() => {
    for (const decoy of decoys.splice(0)) if (decoy.exitCode === null) decoy.kill('SIGKILL');
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  /** An unrelated program of the operator's, whose command line an attacker copies into a pid file. */
  async function decoy(): Promise<{ pid: number; args: string[] }> {
    const args = ['-e', 'setInterval(() => {}, 1000)'];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    decoys.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    return { pid: child.pid ?? 0, args };
  }

  async function plantPidFile(profileId: string, record: Record<string, unknown>): Promise<string> {
    const runDir = path.join(ws.dataDir, 'collators', 'run');
    await mkdir(runDir, { recursive: true });
    const file = path.join(runDir, `${profileId}.pid.json`);
    await writeFile(file, JSON.stringify({ profileId, startedAt: 0, logFile: '/tmp/none.log', ...record }));
    return file;
  }

  it('never stops a process whose command line matches but whose start time is missing or not the recorded one', async () => {
    const profile = await ws.open().create(ws.profileInput('victim-profile'));
    const { pid, args } = await decoy();
    // Even naming an existing profile and with "stop leftover nodes" chosen.
    const withoutStart = await plantPidFile(profile.id, { pid, binaryPath: process.execPath, args });
    expect(await ws.open().supervisor.init()).toEqual([]);
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(withoutStart)).toBe(false);

    const forgedStart = await plantPidFile(profile.id, { pid, binaryPath: process.execPath, args, processStartTime: 'boot:12345' });
    expect(await ws.open().supervisor.init()).toEqual([]);
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(forgedStart)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('does not signal a node of its own whose profile is gone, and says so', async () => {
    const before = ws.open();
    const profile = await before.create(ws.profileInput('profile-deleted'));
    await before.supervisor.start(profile.id);
    const { pid } = await waitForState(before.supervisor, profile.id, (s) => s.status === 'running', 'RPC readiness');
    await before.dispose({ keepCollators: true });
    expect(await readStartTime(pid ?? 0)).not.toBeNull();
    try {
      // The profile disappears from the file (an older console deleted it; someone edited the file).
      await writeFile(path.join(ws.dataDir, 'collators', 'profiles.json'), JSON.stringify({ version: 1, profiles: [] }));
      const after = ws.open();
      const alerts: CollatorAlert[] = [];
      after.supervisor.onAlert((alert) => alerts.push(alert));
      await after.supervisor.init();
      expect(isAlive(pid ?? 0)).toBe(true);
      expect(alerts.some((alert) => alert.message.includes(`Process ${pid}`) && (alert.hint ?? '').includes(`kill -INT ${pid}`))).toBe(true);
    } finally {
      // This test started that node: end it by its own pid.
      if (pid !== null && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
