import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * A headless console stopped with SIGTERM leaves its collators running (on
 * purpose: the next console re-adopts them). A test that stops a console for
 * good must stop them too, or they run on after the suite. The console
 * records each node in a pid file under `run/` in its data folder.
 */
export function collatorPidsIn(dataDir: string): number[] {
  return pidFilesUnder(dataDir)
    .map(readRecord)
    .filter((record): record is { pid: number; binaryPath: string } => record !== undefined && isOurNode(record))
    .map((record) => record.pid);
}

/** Kills the nodes a console recorded in this data folder that still run; returns their pids. */
export function killCollatorsLeftIn(dataDir: string): number[] {
  const pids = collatorPidsIn(dataDir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function pidFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const isDirectory = isFolder(path);
    if (isDirectory === undefined) continue;
    if (isDirectory) found.push(...pidFilesUnder(path));
    else if (dir.endsWith(`${sep}run`) && name.endsWith('.json')) found.push(path);
  }
  return found;
}

/** undefined when it vanished meanwhile. */
function isFolder(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

function readRecord(file: string): { pid: number; binaryPath: string } | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || !('pid' in value) || !('binaryPath' in value)) return undefined;
    return typeof value.pid === 'number' && typeof value.binaryPath === 'string' ? { pid: value.pid, binaryPath: value.binaryPath } : undefined;
  } catch {
    return undefined;
  }
}

/** Alive, and still the node the file names (a reused pid runs something else), judged by its command line. */
function isOurNode(record: { pid: number; binaryPath: string }): boolean {
  try {
    return readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').includes(record.binaryPath);
  } catch {
    return false;
  }
}
