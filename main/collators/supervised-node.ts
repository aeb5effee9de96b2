import type { CollatorAlert, CollatorProfile, CollatorState, LogLine } from '../../shared/contract/collators';
import type { Logger } from '../logging/logger';
import { buildCommandLine } from './command-line';
import { LogRing, type LogRingLimits } from './log-ring';
import type { LogArchive } from './log-archive';
import { LogTail } from './log-tail';
import { parseLogLine, stripAnsi } from './log-line-parser';
import { NodeProcess, type ExitInfo } from './node-process';
import type { PidFiles } from './pid-files';
import { RestartPolicy, type RestartPolicyOptions } from './restart-policy';
import { readStartTime } from './process-identity';
import { probeSystemHealth } from './rpc-probe';

/** How often, and how much at most, a running node's output is copied into its log segments. */
const ARCHIVE_EVERY_MS = 250;
const ARCHIVE_STEP_BYTES = 8 * 1024 * 1024;

export interface NodeRuntimeOptions {
  restartPolicy: RestartPolicyOptions;
  ring: LogRingLimits;
  /** How often the RPC is asked for `system_health` while the node starts. */
  probeIntervalMs: number;
  livenessPollMs: number;
  /** Bytes of an adopted node's log read back into the ring. */
  adoptTailBytes: number;
}

export interface NodeHooks {
  pidFiles: PidFiles;
  log: Logger;
  /** A new log file path for a run of this node. */
  newLogFile: (profileId: string) => Promise<string>;
  /** Cuts a run's log file into size-bounded segments; null where that cannot be done without losing lines. */
  openArchive: (logFile: string) => LogArchive | null;
  /** Ports of both halves must be free before a spawn; throws port_in_use. */
  assertPortsFree: (profile: CollatorProfile) => Promise<void>;
  changed: (node: SupervisedNode, urgent: boolean) => void;
  alert: (alert: CollatorAlert) => void;
}

/**
 * One node under supervision, across its runs: starts it, follows its log
 * file, notices when it exits, restarts it with growing delays after a crash
 * and gives up when it crashes in a loop.
 */
export class SupervisedNode {
  private run: NodeProcess | null = null;
  private tail: LogTail | null = null;
  private archive: LogArchive | null = null;
  private archivedAt = 0;
  private stopRequested = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly policy: RestartPolicy;
  readonly ring: LogRing;
  private seq = 0;
  private readonly snapshot: CollatorState;
  /** Lines read since the supervisor last collected them for subscribers. */
  private pending: LogLine[] = [];
  private transition: Promise<unknown> = Promise.resolve();
  /** Settles once the last exit has been fully handled (pid file removed, state set). */
  private exitHandled: Promise<void> = Promise.resolve();

  constructor(
    private profile: CollatorProfile,
    private readonly options: NodeRuntimeOptions,
    private readonly hooks: NodeHooks,
  ) {
    this.policy = new RestartPolicy(options.restartPolicy);
    this.ring = new LogRing(options.ring);
    this.snapshot = {
      profileId: profile.id,
      status: 'stopped',
      pid: null,
      adopted: false,
      startedAt: null,
      restarts: 0,
      nextRestartAt: null,
      backoffMs: null,
      lastExit: null,
      cpuPercent: null,
      memoryBytes: null,
      para: { best: null, finalized: null, peers: null },
      relay: { best: null, finalized: null, peers: null },
      lastAuthored: null,
      warnings: 0,
      errors: 0,
      lastProblem: null,
      logFile: null,
    };
  }

  get id(): string {
    return this.profile.id;
  }

  get state(): CollatorState {
    return structuredClone(this.snapshot);
  }

  get pid(): number | null {
    return this.run && !this.run.exited ? this.run.pid : null;
  }

  get isActive(): boolean {
    return this.snapshot.status !== 'stopped' && this.snapshot.status !== 'crash-loop';
  }

  /** Ports its current run holds (empty when stopped). */
  get portsHeld(): CollatorProfile['ports'] | null {
    return this.pid === null ? null : this.profile.ports;
  }

  /** The profile the next start uses (a running node keeps the one it started with). */
  setProfile(profile: CollatorProfile): void {
    this.profile = profile;
  }

  /** The operator's start: a fresh restart budget. */
  start(): Promise<void> {
    return this.serial(async () => {
      if (this.run && !this.run.exited) return;
      this.cancelRestart();
      this.policy.reset();
      this.snapshot.restarts = 0;
      await this.spawnRun();
    });
  }

  /** SIGINT, then SIGKILL once `timeoutMs` has passed; resolves when the process is gone. */
  stop(timeoutMs: number): Promise<void> {
    this.stopRequested = true;
    return this.serial(async () => {
      this.cancelRestart();
      const run = this.run;
      if (!run || run.exited) {
        this.setStatus('stopped');
        return;
      }
      this.setStatus('stopping');
      run.signal('SIGINT');
      if (!(await run.waitForExit(timeoutMs))) {
        this.hooks.log.warn(`collators: ${this.profile.name} did not stop within ${timeoutMs} ms; killing pid ${run.pid}`);
        run.signal('SIGKILL');
        await run.waitForExit(30_000);
      }
      await this.exitHandled;
    });
  }

  /** Follows a process a previous session left running. */
  adopt(pid: number, logFile: string, startedAt: number): void {
    this.stopRequested = false;
    const run = NodeProcess.adopt(pid, logFile, this.options.livenessPollMs);
    let tail: LogTail | null = null;
    try {
      tail = new LogTail(logFile, this.options.adoptTailBytes);
    } catch (error) {
      // Its log file was removed: the node is still supervised, only its output cannot be followed.
      this.hooks.log.warn(`collators: cannot follow ${logFile} of adopted pid ${pid}`, error);
    }
    this.attach(run, tail, true);
    this.archive = tail ? this.hooks.openArchive(logFile) : null;
    this.snapshot.startedAt = startedAt;
  }

  /** Leaves the process running and forgets it; its pid file stays for the next session. */
  detach(): void {
    this.cancelRestart();
    this.stopProbe();
    this.collectLines();
    this.tail?.close();
    this.tail = null;
    this.archive?.close();
    this.archive = null;
    this.run?.detach();
    this.run = null;
  }

  /** Reads new log lines; called by the supervisor's ticker. */
  collectLines(maxBytes = 1024 * 1024): void {
    if (!this.tail) return;
    let lines: string[];
    try {
      lines = this.tail.readLines(maxBytes);
    } catch (error) {
      this.hooks.log.warn(`collators: cannot read ${this.tail.path}`, error);
      return;
    }
    if (lines.length > 0) this.accept(lines);
    // Copying into segments has no reader waiting on it: in bigger, rarer steps than the UI's lines, for fewer system calls.
    const now = Date.now();
    if (!this.archive || now - this.archivedAt < ARCHIVE_EVERY_MS) return;
    this.archivedAt = now;
    try {
      this.archive.copy(ARCHIVE_STEP_BYTES);
      this.archive.release(this.tail.readOffset);
    } catch (error) {
      // The node's own file still holds every line; only the cutting stops.
      this.hooks.log.warn(`collators: cannot copy ${this.tail.path} into its log segments`, error);
      this.archive.close();
      this.archive = null;
    }
  }

  /** Hands over the lines read since the last call. */
  takePending(): LogLine[] {
    const lines = this.pending;
    // Most ticks of a quiet node find nothing: no new array then (one per node every 16 ms adds up across a fleet).
    // The caller gets the live, empty array; the supervisor drops it at once for being empty.
    if (lines.length === 0) return lines;
    this.pending = [];
    return lines;
  }

  setUsage(cpuPercent: number | null, memoryBytes: number | null): void {
    this.snapshot.cpuPercent = cpuPercent;
    this.snapshot.memoryBytes = memoryBytes;
  }

  private async spawnRun(): Promise<void> {
    this.stopRequested = false;
    await this.hooks.assertPortsFree(this.profile);
    const logFile = await this.hooks.newLogFile(this.profile.id);
    const args = buildCommandLine(this.profile);
    const run = await NodeProcess.spawn({ binaryPath: this.profile.binaryPath, args, logFile, cwd: this.profile.basePath });
    const processStartTime = (await readStartTime(run.pid)) ?? undefined;
    await this.hooks.pidFiles.write({ profileId: this.profile.id, pid: run.pid, startedAt: Date.now(), binaryPath: this.profile.binaryPath, args, logFile, processStartTime });
    this.attach(run, new LogTail(logFile), false);
    this.archive = this.hooks.openArchive(logFile);
  }

  private attach(run: NodeProcess, tail: LogTail | null, adopted: boolean): void {
    this.tail?.close();
    this.archive?.close();
    this.archive = null;
    this.run = run;
    this.tail = tail;
    Object.assign(this.snapshot, {
      pid: run.pid,
      adopted,
      startedAt: Date.now(),
      nextRestartAt: null,
      backoffMs: null,
      logFile: run.logFile,
      cpuPercent: null,
      memoryBytes: null,
    });
    this.snapshot.para.peers = null;
    this.snapshot.relay.peers = null;
    run.once('exit', (info) => {
      this.exitHandled = this.onExit(run, info);
    });
    this.setStatus('starting');
    this.startProbe();
  }

  private async onExit(run: NodeProcess, info: ExitInfo): Promise<void> {
    if (run !== this.run) return;
    this.stopProbe();
    if (this.tail) {
      this.accept(this.tail.drain());
      this.tail.close();
      this.tail = null;
    }
    await this.finishArchive();
    this.run = null;
    const crashed = !this.stopRequested;
    this.snapshot.pid = null;
    this.snapshot.lastExit = { code: info.code, signal: info.signal, at: info.at, crashed };
    await this.hooks.pidFiles.remove(this.profile.id).catch(() => undefined);
    if (!crashed) {
      this.setStatus('stopped');
      return;
    }
    this.hooks.log.warn(`collators: ${this.profile.name} exited unexpectedly (code ${info.code}, signal ${info.signal})`);
    const decision = this.policy.onCrash(info.at);
    if (decision.action === 'give-up') {
      this.setStatus('crash-loop');
      this.hooks.alert({
        profileId: this.profile.id,
        kind: 'crash-loop',
        message: `${this.profile.name} crashed again after ${decision.restartsInWindow} restarts in ${Math.round(this.options.restartPolicy.windowMs / 60_000)} minutes; it will not be restarted.`,
        hint: 'Read its last log lines to see why it exits, fix the cause, then start it again.',
        at: Date.now(),
      });
      return;
    }
    this.snapshot.nextRestartAt = Date.now() + decision.delayMs;
    this.snapshot.backoffMs = decision.delayMs;
    this.setStatus('backoff');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.serial(async () => {
        if (this.stopRequested || this.snapshot.status !== 'backoff') return;
        this.snapshot.restarts += 1;
        try {
          await this.spawnRun();
        } catch (error) {
          this.snapshot.nextRestartAt = null;
          this.setStatus('stopped');
          this.hooks.alert({
            profileId: this.profile.id,
            kind: 'start-failed',
            message: `${this.profile.name} could not be restarted: ${error instanceof Error ? error.message : String(error)}`,
            hint: 'Fix the problem, then start it again.',
            at: Date.now(),
          });
        }
      });
    }, decision.delayMs);
  }

  /** The run is over: its whole output goes into segments and the spool file goes away. */
  private async finishArchive(): Promise<void> {
    const archive = this.archive;
    if (!archive) return;
    this.archive = null;
    try {
      await archive.finish();
      this.snapshot.logFile = archive.currentSegment;
    } catch (error) {
      this.hooks.log.warn(`collators: could not finish the log segments of ${archive.spoolPath}; the file itself is complete`, error);
    }
  }

  private accept(rawLines: string[]): void {
    const now = Date.now();
    for (const raw of rawLines) {
      const text = stripAnsi(raw);
      const parsed = parseLogLine(text);
      const line: LogLine = { seq: this.seq++, at: now, text, half: parsed.half, level: parsed.level };
      this.ring.push(line);
      this.pending.push(line);
      if (parsed.level === 'warn' || parsed.level === 'error') {
        if (parsed.level === 'warn') this.snapshot.warnings += 1;
        else this.snapshot.errors += 1;
        this.snapshot.lastProblem = { level: parsed.level, text: line.text.slice(0, 500), at: now };
        this.hooks.changed(this, false);
      }
      const event = parsed.event;
      if (!event) continue;
      const progress = parsed.half === 'relay' ? this.snapshot.relay : this.snapshot.para;
      switch (event.kind) {
        case 'sync':
          progress.peers = event.peers;
          progress.best = event.best;
          progress.finalized = event.finalized;
          break;
        case 'imported':
          progress.best = Math.max(progress.best ?? 0, event.number);
          break;
        case 'prepared':
        case 'authored':
          if (parsed.half !== 'relay') this.snapshot.lastAuthored = event.number;
          break;
        case 'collation':
          break;
      }
      this.hooks.changed(this, false);
    }
  }

  private startProbe(): void {
    this.stopProbe();
    const probe = async (): Promise<void> => {
      const run = this.run;
      if (!run || run.exited) return;
      const health = await probeSystemHealth(this.profile.ports.para.rpc, Math.max(1_000, this.options.probeIntervalMs));
      if (run !== this.run) return;
      if (health) {
        this.snapshot.para.peers = health.peers;
        if (this.snapshot.status === 'starting') this.setStatus('running');
        return;
      }
      this.probeTimer = setTimeout(() => void probe(), this.options.probeIntervalMs);
    };
    this.probeTimer = setTimeout(() => void probe(), 0);
  }

  private stopProbe(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.snapshot.nextRestartAt = null;
    this.snapshot.backoffMs = null;
    if (this.snapshot.status === 'backoff') this.setStatus('stopped');
  }

  private setStatus(status: CollatorState['status']): void {
    this.snapshot.status = status;
    this.hooks.changed(this, true);
  }

  /** Start, stop and restarts of one node never interleave. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const result = this.transition.then(job, job);
    this.transition = result.catch(() => undefined);
    return result;
  }
}
