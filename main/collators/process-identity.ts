import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { safeChildEnv } from '../process/safe-child-env';

const run = promisify(execFile);

/** Whether a process with this pid exists (and may be signalled by us). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process's command line as the OS reports it: `/proc/<pid>/cmdline` on
 * Linux, `ps` elsewhere (split on spaces, so only good for matching).
 * Null when the process is gone.
 */
export async function readCommandLine(pid: number): Promise<string[] | null> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    const parts = raw.split('\0');
    if (parts.at(-1) === '') parts.pop();
    return parts;
  } catch {
    if (process.platform === 'linux') return null;
  }
  try {
    const { stdout } = await run('ps', ['-o', 'command=', '-p', String(pid)], { env: safeChildEnv(process.env) });
    const line = stdout.trim();
    return line === '' ? null : line.split(/\s+/);
  } catch {
    return null;
  }
}

/**
 * Whether a running process is the node we started: its command line ends
 * with our arguments and names our binary. A script binary runs under its
 * interpreter (`node script.mjs ...`), so the binary may not come first.
 */
export function commandLineMatches(actual: string[], binaryPath: string, args: string[]): boolean {
  if (actual.length < args.length + 1) return false;
  const tail = actual.slice(actual.length - args.length);
  if (args.some((arg, i) => tail[i] !== arg)) {
    // `ps` splits arguments on spaces: compare the joined text instead.
    if (!actual.join(' ').endsWith(args.join(' '))) return false;
  }
  const head = actual.slice(0, actual.length - args.length);
  const name = basename(binaryPath);
  return head.some((part) => part === binaryPath || basename(part) === name);
}
