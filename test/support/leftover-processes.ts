import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process a test run starts inherits this variable (the console passes
 * its environment on to collators and chopsticks, minus its own
 * PARACHAIN_CONSOLE_ variables), so a run can tell its own leftovers from
 * another run's on the same machine.
 */
export const RUN_MARKER = 'PC_TEST_RUN';

/** What tests start that must not outlive them: fixture collators, chopsticks forks, headless consoles. */
const STARTED_BY_TESTS = /fake-collator|chopsticks|fixture-collators?|out\/main\/server\.js|main\/server\/index\.ts/;

export interface LeftoverProcess {
  pid: number;
  command: string;
}

/** Gives this run its marker (children started from now on carry it) and returns it. */
export function markTestRun(): string {
  const id = process.env[RUN_MARKER] ?? randomBytes(8).toString('hex');
  process.env[RUN_MARKER] = id;
  return id;
}

/** Processes of this run still alive: marked with its id and started by a test. Linux only (reads /proc). */
export function leftoverProcesses(runId: string): LeftoverProcess[] {
  const marker = `${RUN_MARKER}=${runId}`;
  const found: LeftoverProcess[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environment = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!environment.includes(marker)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      if (STARTED_BY_TESTS.test(command) && !isZombie(pid)) found.push({ pid, command });
    } catch {
      // Gone meanwhile, or another user's process: not ours.
    }
  }
  return found;
}

/**
 * The end-of-suite check: waits a little for processes still being stopped,
 * then kills whatever is left (so nothing runs on for an hour) and throws
 * an error that lists them, failing the run.
 */
export async function failOnLeftovers(runId: string | undefined, suite: string): Promise<void> {
  if (!runId || process.platform !== 'linux') return;
  let left = leftoverProcesses(runId);
  for (let waited = 0; left.length > 0 && waited < 15_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    left = leftoverProcesses(runId);
  }
  if (left.length === 0) return;
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  throw new Error(
    `${suite} left ${left.length} process${left.length === 1 ? '' : 'es'} running (now killed); a test did not stop what it started:\n` +
      left.map(({ pid, command }) => `  pid ${pid}: ${command.slice(0, 300)}`).join('\n'),
  );
}

function isZombie(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
