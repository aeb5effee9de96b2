import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ServiceError } from '../../errors/service-error';
import { safeChildEnv } from '../../process/safe-child-env';

/** Where the chain that the fork copies comes from: a live endpoint, or a raw chain spec on disk. */
export type ChopsticksSource = { kind: 'endpoint'; endpoint: string } | { kind: 'genesis'; specPath: string };

export interface ChopsticksOptions {
  source: ChopsticksSource;
  port: number;
  /** Working folder of the fork (its database lives here when `persist` is set). */
  dir: string;
  /** Keep the fork's blocks in a database in `dir`, so a restart resumes from them. */
  persist?: boolean;
  /** `Batch` (default) builds a block shortly after transactions arrive; `Manual` waits for `dev_newBlock`. */
  buildBlockMode?: 'Batch' | 'Instant' | 'Manual';
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

const LOG_TAIL_LINES = 80;

/**
 * One chopsticks fork running as a child process (argument array, no shell).
 * It is "ready" when chopsticks says its RPC server listens, not when the
 * process starts: the runtime has to be compiled first.
 */
export class ChopsticksProcess {
  private readonly tail: string[] = [];
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly stopTimeoutMs: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        this.tail.push(line);
        if (this.tail.length > LOG_TAIL_LINES) this.tail.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Where the API connects: always loopback, whatever interface chopsticks binds. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(): string[] {
    return [...this.tail];
  }

  static async start(options: ChopsticksOptions): Promise<ChopsticksProcess> {
    const args = [chopsticksBin(), ...chopsticksArgs(options)];
    const child = spawn(process.execPath, args, {
      cwd: options.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Not the console's whole environment: NODE_OPTIONS would load code into the fork, and the passphrase is not its business.
      env: safeChildEnv(process.env, { LOG_LEVEL: 'info' }),
    });
    const fork = new ChopsticksProcess(child, options.port, options.stopTimeoutMs ?? 10_000);
    await fork.waitUntilListening(options.readyTimeoutMs ?? 120_000);
    return fork;
  }

  /** SIGTERM, a grace period, then SIGKILL. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), this.stopTimeoutMs).unref());
    if ((await Promise.race([this.exited, timer])) === 'late' && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private waitUntilListening(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        if (/RPC listening on/.test(chunk.toString('utf8'))) finish();
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new ServiceError('failed', `The local fork stopped before it was ready (exit code ${code ?? 'none'}).`,
          `Its last output: ${this.tail.slice(-5).join(' | ')}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        void this.stop();
        reject(new ServiceError('timeout', `The local fork was not ready within ${Math.round(timeoutMs / 1000)} s.`,
          'The machine may be busy, or the source chain unreachable: try again, or pick another endpoint.'));
      }, timeoutMs);
      const finish = (): void => {
        cleanup();
        resolve();
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
    });
  }
}

export function chopsticksArgs(options: ChopsticksOptions): string[] {
  const args = [
    options.source.kind === 'endpoint' ? `--endpoint=${options.source.endpoint}` : `--genesis=${options.source.specPath}`,
    `--port=${options.port}`,
    '--host=127.0.0.1',
    `--build-block-mode=${options.buildBlockMode ?? 'Batch'}`,
  ];
  if (options.persist) args.push(`--db=${path.join(options.dir, 'fork.sqlite')}`);
  return args;
}

/** The chopsticks CLI script shipped in node_modules (its package exports hide package.json). */
function chopsticksBin(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@acala-network/chopsticks');
  // entry is <pkg>/dist/cjs/index.js; the CLI script sits at the package root.
  return path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'chopsticks.cjs');
}
