import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollatorAlert, CollatorProfile, CollatorState, LogBatch, LogLine, Orphan } from '../../shared/contract/collators';
import type { Settings } from '../../shared/contract/settings';
import { ServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';
import { canPunchHoles, punchHole } from './hole-punch';
import { LogArchive, type LogArchiveLimits } from './log-archive';
import { isSpool, newRunId, runIdOf, spoolFileName } from './log-files';
import type { LogRingLimits } from './log-ring';
import { PidFiles, type PidRecord } from './pid-files';
import { listPorts } from './ports';
import { assertPortFree } from './profiles';
import { commandLineMatches, isAlive, readCommandLine, readStartTime } from './process-identity';
import { sampleUsage, stopSampling } from './resource-sampler';
import { defaultRestartPolicy, type RestartPolicyOptions } from './restart-policy';
import { SupervisedNode, type NodeRuntimeOptions } from './supervised-node';

export interface SupervisorOptions {
  /** `<data>/collators`: pid files live in `run/` under it. */
  stateDir: string;
  /** Log files go to `<logsDir>/<profileId>/`, named as log-files.ts says. */
  logsDir: string;
  getProfile: (id: string) => CollatorProfile | undefined;
  settings: () => Pick<Settings, 'stopTimeoutMs' | 'onOrphans'>;
  log: Logger;
  restartPolicy?: Partial<RestartPolicyOptions>;
  /** Per node; defaults 1,000 lines, 2,000 characters a line, 150,000 characters in all (at most ~300 KB of text). */
  ring?: Partial<LogRingLimits>;
  /** Log files are read and batches sent at most this often. */
  logPollMs?: number;
  /** Most lines in one batch sent to a subscriber; older ones in a flood are counted as skipped (they are on disk). */
  maxBatchLines?: number;
  /** A progress-only state change (block numbers) is sent at most this often per node. */
  progressEveryMs?: number;
  sampleIntervalMs?: number;
  probeIntervalMs?: number;
  livenessPollMs?: number;
  /** Runs whose logs are kept per node; older runs' files are deleted. */
  keepLogFiles?: number;
  /** Within a run, the log is cut into segments of this size and only the newest are kept (defaults 10 MiB, 5). */
  logSegments?: Partial<LogArchiveLimits>;
  /** Where holes can be punched (see hole-punch.ts); tests pass a double-free answer to cover the fallback. */
  canPunchHoles?: (dir: string) => Promise<boolean>;
}

type StateListener = (state: CollatorState) => void;
type LogListener = (batch: LogBatch) => void;
type AlertListener = (alert: CollatorAlert) => void;

/**
 * The fleet of collator nodes: one SupervisedNode per profile, one ticker
 * that reads every node's log file and sends batched output, a sampler for
 * CPU and memory, and the pid files that let the next session find nodes
 * left running.
 */
export class CollatorSupervisor {
  private readonly nodes = new Map<string, SupervisedNode>();
  private readonly orphans = new Map<string, Orphan>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly logListeners = new Map<string, Set<LogListener>>();
  private readonly alertListeners = new Set<AlertListener>();
  private readonly dirty = new Map<string, number>();
  private readonly lastProgressAt = new Map<string, number>();
  private readonly pidFiles: PidFiles;
  private readonly runtime: NodeRuntimeOptions;
  private readonly logPollMs: number;
  private readonly maxBatchLines: number;
  private readonly progressEveryMs: number;
  private readonly keepLogFiles: number;
  private readonly segmentLimits: LogArchiveLimits;
  private punchable: Promise<boolean> | null = null;
  /** Settled copy of `punchable`, for the synchronous paths that open an archive. */
  private punchableNow = false;
  private ticker: NodeJS.Timeout | null = null;
  private sampler: NodeJS.Timeout | null = null;
  private sampling = false;
  private disposed = false;

  constructor(private readonly options: SupervisorOptions) {
    this.pidFiles = new PidFiles(join(options.stateDir, 'run'));
    this.runtime = {
      restartPolicy: { ...defaultRestartPolicy, ...options.restartPolicy },
      ring: { lines: 1_000, maxLineChars: 2_000, maxTextChars: 150_000, ...options.ring },
      probeIntervalMs: options.probeIntervalMs ?? 1_000,
      livenessPollMs: options.livenessPollMs ?? 500,
      adoptTailBytes: 256 * 1024,
    };
    this.logPollMs = options.logPollMs ?? 16;
    this.maxBatchLines = options.maxBatchLines ?? 1_000;
    this.progressEveryMs = options.progressEveryMs ?? 250;
    this.keepLogFiles = options.keepLogFiles ?? 10;
    this.segmentLimits = { segmentBytes: 10 * 1024 * 1024, segmentsKept: 5, ...options.logSegments };
    this.ticker = setInterval(() => this.tick(), this.logPollMs);
    this.ticker.unref();
    this.sampler = setInterval(() => void this.sample(), options.sampleIntervalMs ?? 2_000);
    this.sampler.unref();
  }

  /**
   * Looks for nodes a previous session left running and follows the
   * operator's standing choice: adopt them, stop them, or (ask) keep them
   * listed until `resolveOrphans` and raise an alert.
   */
  async init(): Promise<Orphan[]> {
    const found = await this.findOrphans();
    const choice = this.options.settings().onOrphans;
    if (found.length === 0) return [];
    if (choice === 'adopt' || choice === 'stop') {
      await this.resolveOrphans(choice);
      return [];
    }
    this.emitAlert({
      profileId: found[0]?.profileId ?? '',
      kind: 'orphans-found',
      message: `${found.length} collator node${found.length === 1 ? ' is' : 's are'} still running from a previous session.`,
      hint: 'Adopt them to supervise them again, or stop them.',
      at: Date.now(),
    });
    return found;
  }

  listOrphans(): Orphan[] {
    return [...this.orphans.values()];
  }

  async resolveOrphans(action: 'adopt' | 'stop', ids?: string[]): Promise<CollatorState[]> {
    const chosen = [...this.orphans.values()].filter((o) => ids === undefined || ids.includes(o.profileId));
    const states: CollatorState[] = [];
    for (const orphan of chosen) {
      this.orphans.delete(orphan.profileId);
      const profile = this.options.getProfile(orphan.profileId);
      if (!profile) {
        // No profile names it (deleted, or a pid file this console never wrote): nothing says
        // this process is a node of ours to stop, so it is left alone and the operator told.
        await this.pidFiles.remove(orphan.profileId);
        this.emitAlert({
          profileId: orphan.profileId,
          kind: 'orphans-found',
          message: `Process ${orphan.pid} (${orphan.commandLine.join(' ').slice(0, 200)}) was recorded as a collator, but no profile names it any more, so the console left it running.`,
          hint: `If it is a node you no longer want, stop it yourself (kill -INT ${orphan.pid}).`,
          at: Date.now(),
        });
        continue;
      }
      const node = this.nodeFor(profile);
      await this.canCutLogs();
      node.adopt(orphan.pid, orphan.logFile, orphan.startedAt);
      if (action === 'stop') await node.stop(this.options.settings().stopTimeoutMs);
      states.push(node.state);
    }
    return states;
  }

  state(id: string): CollatorState {
    const profile = this.requireProfile(id);
    return this.nodeFor(profile).state;
  }

  async start(id: string): Promise<CollatorState> {
    const profile = this.requireProfile(id);
    const orphan = this.orphans.get(id);
    if (orphan) {
      throw new ServiceError('conflict', `${profile.name} is still running from a previous session (pid ${orphan.pid}).`, 'Adopt or stop that process first, so the node never runs twice.');
    }
    const node = this.nodeFor(profile);
    if (node.pid === null) node.setProfile(profile);
    await node.start();
    return node.state;
  }

  async stop(id: string): Promise<CollatorState> {
    const node = this.nodes.get(this.requireProfile(id).id);
    if (!node) return this.state(id);
    await node.stop(this.options.settings().stopTimeoutMs);
    return node.state;
  }

  async restart(id: string): Promise<CollatorState> {
    await this.stop(id);
    return this.start(id);
  }

  recentLogs(id: string, limit: number): LogLine[] {
    this.requireProfile(id);
    const node = this.nodes.get(id);
    if (!node) return [];
    node.collectLines();
    this.flushLogs(node);
    return node.ring.latest(limit);
  }

  /** Ports held right now by this profile's running node, so saving it again is no conflict. */
  portsInUseBy(id: string): number[] {
    const held = this.nodes.get(id)?.portsHeld;
    return held ? listPorts(held) : [];
  }

  /** Whether a profile may be deleted: its node must not be running. */
  assertStopped(id: string): void {
    const node = this.nodes.get(id);
    if (node?.isActive || this.orphans.has(id)) {
      throw new ServiceError('conflict', 'This collator is still running.', 'Stop it before deleting its profile.');
    }
  }

  forget(id: string): void {
    this.nodes.delete(id);
  }

  onState(listener: StateListener, id?: string): () => void {
    const filtered: StateListener = id === undefined ? listener : (state) => state.profileId === id && listener(state);
    this.stateListeners.add(filtered);
    return () => this.stateListeners.delete(filtered);
  }

  onLog(id: string, listener: LogListener): () => void {
    let set = this.logListeners.get(id);
    if (!set) this.logListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.logListeners.delete(id);
    };
  }

  onAlert(listener: AlertListener): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** The operator quits and chose to stop the collators: each gets SIGINT, and SIGKILL after the stop timeout. */
  async stopAll(): Promise<void> {
    const timeoutMs = this.options.settings().stopTimeoutMs;
    await Promise.all([...this.nodes.values()].map((node) => node.stop(timeoutMs)));
  }

  /** The operator quits and chose to leave them running: their pid files stay so the next session finds them. */
  detachAll(): void {
    for (const node of this.nodes.values()) node.detach();
  }

  /** Ends supervision following the operator's quit choice. */
  async dispose(choice: 'stop' | 'detach'): Promise<void> {
    if (this.disposed) return;
    if (choice === 'stop') await this.stopAll();
    else this.detachAll();
    this.disposed = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.sampler) clearInterval(this.sampler);
    this.ticker = null;
    this.sampler = null;
    stopSampling();
  }

  /** What the in-memory rings hold now, and the most they can ever hold (text characters). */
  ringStats(): { nodes: number; lines: number; textChars: number; maxTextChars: number } {
    const rings = [...this.nodes.values()].map((node) => node.ring);
    return {
      nodes: rings.length,
      lines: rings.reduce((n, ring) => n + ring.length, 0),
      textChars: rings.reduce((n, ring) => n + ring.textChars, 0),
      maxTextChars: rings.reduce((n, ring) => n + ring.maxTextChars, 0),
    };
  }

  /** Nodes whose process runs now (adopted ones included): the shell asks before quitting when there are any. */
  get runningCount(): number {
    return [...this.nodes.values()].filter((node) => node.pid !== null).length;
  }

  private async findOrphans(): Promise<Orphan[]> {
    const found: Orphan[] = [];
    for (const record of await this.pidFiles.readAll()) {
      if (this.nodes.get(record.profileId)?.pid === record.pid) continue;
      if (!(await isOurNode(record))) {
        if (isAlive(record.pid)) this.options.log.warn(`collators: the pid file of ${record.profileId} names pid ${record.pid}, which is not a node this console started; it is left alone`);
        await this.pidFiles.remove(record.profileId);
        continue;
      }
      const commandLine = (await readCommandLine(record.pid)) ?? [record.binaryPath, ...record.args];
      const orphan: Orphan = {
        profileId: record.profileId,
        profileName: this.options.getProfile(record.profileId)?.name ?? null,
        pid: record.pid,
        startedAt: record.startedAt,
        commandLine,
        logFile: record.logFile,
      };
      this.orphans.set(orphan.profileId, orphan);
      found.push(orphan);
    }
    return found;
  }

  private nodeFor(profile: CollatorProfile): SupervisedNode {
    let node = this.nodes.get(profile.id);
    if (!node) {
      node = new SupervisedNode(profile, this.runtime, {
        pidFiles: this.pidFiles,
        log: this.options.log,
        newLogFile: (id) => this.newLogFile(id),
        openArchive: (logFile) => this.openArchive(logFile),
        assertPortsFree: async (p) => {
          for (const port of listPorts(p.ports)) await assertPortFree(port);
        },
        changed: (changedNode, urgent) => this.markChanged(changedNode, urgent),
        alert: (alert) => this.emitAlert(alert),
      });
      this.nodes.set(profile.id, node);
    }
    return node;
  }

  private requireProfile(id: string): CollatorProfile {
    const profile = this.options.getProfile(id);
    if (!profile) throw new ServiceError('not_found', `There is no collator profile "${id}".`, 'It may have been deleted: reload the list.');
    return profile;
  }

  /**
   * A fresh log file for a new run of the node. Earlier runs of the same node
   * are over by now, so a spool one of them left (a node that exited while
   * the console was closed) is copied into its segments first; then the
   * oldest runs beyond `keepLogFiles` are deleted, every file of theirs.
   */
  private async newLogFile(profileId: string): Promise<string> {
    const dir = join(this.options.logsDir, encodeURIComponent(profileId));
    await mkdir(dir, { recursive: true });
    const cutting = await this.canCutLogs();
    const names = await readdir(dir);
    if (cutting) {
      for (const spool of names.filter(isSpool)) {
        const archive = this.openArchive(join(dir, spool));
        await archive?.finish().catch((error: unknown) => this.options.log.warn(`collators: could not finish the log segments of ${spool}`, error));
      }
    }
    const remaining = await readdir(dir);
    const runs = [...new Set(remaining.filter((n) => !n.startsWith('.')).map(runIdOf))].sort();
    const expired = new Set(runs.slice(0, Math.max(0, runs.length - (this.keepLogFiles - 1))));
    for (const name of remaining) if (expired.has(runIdOf(name))) await rm(join(dir, name), { force: true });
    return join(dir, spoolFileName(newRunId(new Date(), process.hrtime.bigint())));
  }

  /** Whether log files can be cut by size here: asked once, on the logs folder. */
  private async canCutLogs(): Promise<boolean> {
    this.punchable ??= mkdir(this.options.logsDir, { recursive: true })
      .then(() => (this.options.canPunchHoles ?? canPunchHoles)(this.options.logsDir))
      .then((yes) => {
        this.punchableNow = yes;
        if (!yes) this.options.log.info('collators: holes cannot be punched in files here; each run keeps one whole log file');
        return yes;
      });
    return this.punchable;
  }

  private openArchive(logFile: string): LogArchive | null {
    if (!this.punchableNow) return null;
    try {
      return new LogArchive(logFile, { ...this.segmentLimits, punch: punchHole, log: this.options.log });
    } catch (error) {
      this.options.log.warn(`collators: cannot cut ${logFile} into segments; it stays one whole file`, error);
      return null;
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const node of this.nodes.values()) {
      node.collectLines();
      this.flushLogs(node);
    }
    for (const [id, since] of this.dirty) {
      if (since !== 0 && now - (this.lastProgressAt.get(id) ?? 0) < this.progressEveryMs) continue;
      this.dirty.delete(id);
      this.lastProgressAt.set(id, now);
      const node = this.nodes.get(id);
      if (node) this.emitState(node.state);
    }
  }

  private flushLogs(node: SupervisedNode): void {
    const lines = node.takePending();
    if (lines.length === 0) return;
    const listeners = this.logListeners.get(node.id);
    if (!listeners || listeners.size === 0) return;
    const skipped = Math.max(0, lines.length - this.maxBatchLines);
    const batch: LogBatch = { profileId: node.id, lines: skipped > 0 ? lines.slice(skipped) : lines, skipped };
    for (const listener of listeners) listener(batch);
  }

  /** Status changes go out at once; block progress at most every `progressEveryMs`. */
  private markChanged(node: SupervisedNode, urgent: boolean): void {
    if (urgent) {
      this.dirty.delete(node.id);
      this.lastProgressAt.set(node.id, Date.now());
      this.emitState(node.state);
    } else if (!this.dirty.has(node.id)) {
      this.dirty.set(node.id, Date.now());
    }
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const running = [...this.nodes.values()].filter((node) => node.pid !== null);
      if (running.length === 0) return;
      const usage = await sampleUsage(running.map((node) => node.pid as number));
      for (const node of running) {
        const pid = node.pid;
        const sample = pid === null ? undefined : usage.get(pid);
        if (!sample) continue;
        node.setUsage(sample.cpuPercent, sample.memoryBytes);
        this.markChanged(node, false);
      }
    } catch (error) {
      this.options.log.debug('collators: usage sample failed', error);
    } finally {
      this.sampling = false;
    }
  }

  private emitState(state: CollatorState): void {
    for (const listener of this.stateListeners) listener(state);
  }

  private emitAlert(alert: CollatorAlert): void {
    this.options.log.warn(`collators: ${alert.kind}: ${alert.message}`);
    for (const listener of this.alertListeners) listener(alert);
  }
}

/**
 * The pid is alive, is the very process we started (same OS start time:
 * pids are reused, and a forged or stale pid file could otherwise point the
 * console's SIGINT and SIGKILL at any process of the operator's), and still
 * runs the command we started. A record without a start time cannot be
 * proved ours and is not adopted.
 */
async function isOurNode(record: PidRecord): Promise<boolean> {
  if (!isAlive(record.pid) || record.processStartTime === undefined) return false;
  if ((await readStartTime(record.pid)) !== record.processStartTime) return false;
  const commandLine = await readCommandLine(record.pid);
  return commandLine !== null && commandLineMatches(commandLine, record.binaryPath, record.args);
}
