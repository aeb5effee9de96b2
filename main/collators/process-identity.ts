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
 * When the OS started a process, as an opaque text that is the same for
 * the life of the process and differs for any later process given the same
 * pid: on Linux the boot id and the start tick from /proc/<pid>/stat (ticks
 * since boot, never reused within a boot), elsewhere what `ps` prints as its
 * start. Null when the process is gone or the OS does not say.
 */
export async function readStartTime(pid: number): Promise<string | null> {
  if (process.platform === 'linux') {
    try {
      const [stat, bootId] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile('/proc/sys/kernel/random/boot_id', 'utf8')]);
      // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const startTicks = fields[19];
      return startTicks ? `${bootId.trim()}:${startTicks}` : null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  try {
    const { stdout } = await run('ps', ['-o', 'lstart=', '-p', String(pid)], { env: safeChildEnv(process.env) });
    const line = stdout.trim();
    return line === '' ? null : line;
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
