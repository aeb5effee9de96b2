import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { ServiceError } from '../errors/service-error';
import { PRIVATE_FILE_MODE } from '../fs/write-file-atomic';
import { isAlive } from './process-identity';
import { safeChildEnv } from '../process/safe-child-env';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface NodeProcessEvents {
  exit: [ExitInfo];
}

export interface SpawnOptions {
  binaryPath: string;
  args: string[];
  /** Both stdout and stderr are appended here by the node itself, so they outlive the console. */
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * One run of one node: a process we spawned, or one a previous session left
 * and we follow by its pid. Either way it tells when it exits and can be
 * signalled; only a spawned one knows its exit code.
 */
export class NodeProcess extends EventEmitter<NodeProcessEvents> {
  private exitInfo: ExitInfo | null = null;
  private livenessTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly pid: number,
    readonly logFile: string,
    readonly adopted: boolean,
    private readonly child: ChildProcess | null,
  ) {
    super();
  }

  /**
   * Starts the binary with an argument array (never a shell) in its own
   * process group, so a Ctrl-C aimed at the console does not reach it and it
   * may keep running after the console quits. Resolves once it is running.
   */
  static async spawn(options: SpawnOptions): Promise<NodeProcess> {
    const fd = openSync(options.logFile, 'a', PRIVATE_FILE_MODE);
    let child: ChildProcess;
    try {
      child = spawn(options.binaryPath, options.args, {
        cwd: options.cwd,
        env: options.env ?? safeChildEnv(process.env),
        stdio: ['ignore', fd, fd],
        detached: true,
        windowsHide: true,
      });
    } finally {
      closeSync(fd);
    }
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(new ServiceError('bad_binary', `The node binary ${options.binaryPath} could not be started (${error.code ?? error.message}).`, 'Check the binary path of the profile and that the file is executable.', { cause: error })),
      );
    });
    const pid = child.pid;
    if (pid === undefined) throw new ServiceError('internal', 'The node started without a process id.');
    const run = new NodeProcess(pid, options.logFile, false, child);
    child.once('exit', (code, signal) => run.markExited({ code, signal, at: Date.now() }));
    return run;
  }

  /** Follows a process we did not spawn: its liveness is polled, as no exit event can reach us. */
  static adopt(pid: number, logFile: string, livenessPollMs: number): NodeProcess {
    const run = new NodeProcess(pid, logFile, true, null);
    run.livenessTimer = setInterval(() => {
      if (!isAlive(pid)) run.markExited({ code: null, signal: null, at: Date.now() });
    }, livenessPollMs);
    run.livenessTimer.unref();
    return run;
  }

  get exited(): ExitInfo | null {
    return this.exitInfo;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exitInfo) return;
    try {
      process.kill(this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /** Resolves true when the process has exited, false when `timeoutMs` passed first. */
  waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exitInfo) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.off('exit', onExit);
        resolve(false);
      }, timeoutMs);
      const onExit = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.once('exit', onExit);
    });
  }

  /** Lets the process run on without us: no more events, and it no longer keeps the console alive. */
  detach(): void {
    this.stopWatching();
    this.child?.removeAllListeners('exit');
    this.child?.unref();
    this.removeAllListeners();
  }

  private markExited(info: ExitInfo): void {
    if (this.exitInfo) return;
    this.exitInfo = info;
    this.stopWatching();
    this.emit('exit', info);
  }

  private stopWatching(): void {
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.livenessTimer = null;
  }
}
