import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PortOwner {
  pid: number | null;
  command: string | null;
}

/**
 * Who listens on a TCP port, where the OS tells: `ss` on Linux, `lsof`
 * elsewhere. Best effort: null when neither says (not installed, or the
 * process belongs to another user).
 */
export async function findPortOwner(port: number): Promise<PortOwner | null> {
  return (await fromSs(port)) ?? (await fromLsof(port));
}

async function fromSs(port: number): Promise<PortOwner | null> {
  try {
    const { stdout } = await run('ss', ['-H', '-l', '-t', '-n', '-p', 'sport', '=', `:${port}`], { timeout: 5_000 });
    return parseSsOutput(stdout);
  } catch {
    return null;
  }
}

async function fromLsof(port: number): Promise<PortOwner | null> {
  try {
    const { stdout } = await run('lsof', ['-n', '-P', `-iTCP:${port}`, '-sTCP:LISTEN', '-F', 'pc'], { timeout: 5_000 });
    return parseLsofOutput(stdout);
  } catch {
    return null;
  }
}

/** `LISTEN 0 511 127.0.0.1:9944 0.0.0.0:* users:(("polkadot",pid=1234,fd=20))` */
export function parseSsOutput(text: string): PortOwner | null {
  const match = /users:\(\("([^"]*)",pid=(\d+)/.exec(text);
  if (match) return { command: match[1] ?? null, pid: Number(match[2]) };
  return null;
}

/** `lsof -F pc` prints one field per line: `p1234` then `cpolkadot`. */
export function parseLsofOutput(text: string): PortOwner | null {
  let pid: number | null = null;
  let command: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('p') && pid === null) pid = Number(line.slice(1));
    else if (line.startsWith('c') && command === null) command = line.slice(1);
  }
  return pid === null && command === null ? null : { pid, command };
}

export function describePortOwner(owner: PortOwner | null): string {
  if (!owner) return 'another process';
  if (owner.command && owner.pid !== null) return `${owner.command} (pid ${owner.pid})`;
  if (owner.pid !== null) return `pid ${owner.pid}`;
  return owner.command ?? 'another process';
}
