import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Envelope } from '../../../shared/contract/envelope';
import type { ServerFrame } from '../../../shared/contract/wire';
import { servingAddress } from '../../fixtures/serving-address';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface ConsoleProcess {
  readonly pid: number;
  readonly port: number;
  readonly token: string;
  readonly url: string;
  /** Everything the console printed on stdout and stderr so far. */
  output(): string;
  /** One contract call over the console's own WebSocket, with its token. */
  call<T = unknown>(name: string, input: unknown): Promise<Envelope<T>>;
  stop(): Promise<void>;
}

/**
 * The real headless console (`main/server/index.ts`, the same entry as
 * `npm run serve`, run from source through tsx so that no build is needed
 * before vitest), started as an operator would start it: its own process,
 * its own environment, a data folder of its own.
 */
export async function startConsoleProcess(options: { dataDir: string; env?: NodeJS.ProcessEnv }): Promise<ConsoleProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/server/index.ts', '--port', '0', '--data-dir', options.dataDir, '--log-level', 'debug'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = servingAddress(child);
  const url = await started.url;
  const address = new URL(url);
  const token = address.searchParams.get('token') ?? '';
  const socket = await openSocket(Number(address.port), token);
  let nextId = 1;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.kind === 'result') {
      pending.get(frame.id)?.(frame.result as Envelope<unknown>);
      pending.delete(frame.id);
    }
  });
  return {
    pid: child.pid ?? 0,
    port: Number(address.port),
    token,
    url,
    output: started.output,
    call<T>(name: string, input: unknown) {
      const id = nextId++;
      return new Promise<Envelope<T>>((resolve) => {
        pending.set(id, resolve as (envelope: Envelope<unknown>) => void);
        socket.send(JSON.stringify({ kind: 'call', id, name, input }));
      });
    },
    async stop() {
      socket.terminate();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function openSocket(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A process's environment as the OS holds it (Linux); null where /proc is not there. */
export function environmentOf(pid: number): Record<string, string> | null {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return null;
  }
  const env: Record<string, string> = {};
  for (const entry of raw.split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

/** Children of `parentPid` whose command line contains `needle` (Linux, from /proc). */
export function childrenOf(parentPid: number, needle: string): number[] {
  const found: number[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parentPid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) found.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
