import type { CollatorHealth, HealthLevel, HealthStatus, ParachainHealth, Subject } from '../../shared/contract/health';
import { problemText, summarise } from '../alerts/tray-summary';
import type { Clock } from './clock';
import { applyLogEvent, applyProcessEvent, applyProcessSample, currentPeers } from './collator-state';
import { CollatorWatch, type ProbeTimings } from './collator-watch';
import { ParachainWatch } from './parachain-watch';
import type { PendingWork } from './pending-work';
import type { RelayBlockEvents } from './probes/inclusion-probe';
import type { SubjectFindings, WatchedSubjects } from './rule-latches';
import { levelRank, worse } from './rules/level-latch';
import { ordersLeft } from './rules/parachain-rules';
import type { ParachainRelayReading } from './series/series-recorder';
import type { BlockspaceSignal, CollatorTarget, LogEvent, ParachainTarget, ProcessEvent, ProcessSample } from './signals';

export interface HealthWatcherOptions {
  clock: Clock;
  timings: ProbeTimings;
  /** Stopping a collator's probes runs in the background; the monitor's `idle()` waits for it here. */
  work: PendingWork;
  /** A probe pushed a signal between probe rounds (a new head, a lost connection), or a collator's intent changed: judge it soon. */
  onPush: () => void;
  /** A subject is no longer watched: what the other parts hold for it goes. */
  onUnwatched: (subject: Subject) => void;
  /** The set of watched subjects changed (added, replaced, renamed, removed): the status shown is out of date. */
  onWatchedChanged: () => void;
}

/**
 * What is watched and what it says: one CollatorWatch per collator (its
 * probes and state) and one ParachainWatch per parachain (inclusion read from
 * relay blocks, blockspace). Signals fed from outside are folded into their
 * state here; judging them is the rule latches' job. The status the API and
 * the tray show is read from here, with the findings the latches hold.
 */
export class HealthWatcher implements WatchedSubjects {
  private readonly collatorWatches = new Map<string, CollatorWatch>();
  private readonly parachainWatches = new Map<number, ParachainWatch>();

  constructor(private readonly options: HealthWatcherOptions) {}

  collators(): Iterable<CollatorWatch> {
    return this.collatorWatches.values();
  }

  parachains(): Iterable<ParachainWatch> {
    return this.parachainWatches.values();
  }

  parachain(paraId: number): ParachainWatch | undefined {
    return this.parachainWatches.get(paraId);
  }

  // ---- what is watched ----

  watchCollator(target: CollatorTarget): void {
    const existing = this.collatorWatches.get(target.id);
    if (existing) {
      // Same endpoints: only the operator's intent changed (started or stopped).
      if (sameEndpoints(existing.state.target, target)) {
        existing.setTarget(target);
        this.options.onPush();
        return;
      }
      this.unwatchCollator(target.id);
    }
    const { clock, timings, onPush } = this.options;
    this.collatorWatches.set(target.id, new CollatorWatch(target, clock, timings, onPush));
    this.options.onWatchedChanged();
  }

  unwatchCollator(id: string): void {
    const watch = this.collatorWatches.get(id);
    if (!watch) return;
    this.collatorWatches.delete(id);
    this.options.work.track(watch.stop());
    this.options.onUnwatched({ kind: 'collator', id });
    this.options.onWatchedChanged();
  }

  /** Watches a parachain, or renames one already watched (the chain's own name is better than "Parachain 2000"). */
  watchParachain(target: ParachainTarget): void {
    const existing = this.parachainWatches.get(target.paraId);
    if (existing) existing.target = target;
    else this.parachainWatches.set(target.paraId, new ParachainWatch(target, this.options.clock.now()));
    this.options.onWatchedChanged();
  }

  watchesParachain(paraId: number): boolean {
    return this.parachainWatches.has(paraId);
  }

  unwatchParachain(paraId: number): void {
    if (!this.parachainWatches.delete(paraId)) return;
    this.options.onUnwatched({ kind: 'parachain', paraId });
    this.options.onWatchedChanged();
  }

  // ---- signals fed from outside; each returns whether its subject is watched ----

  recordProcessSample(id: string, sample: ProcessSample, nowMs: number): boolean {
    const watch = this.collatorWatches.get(id);
    if (watch) applyProcessSample(watch.state, sample, nowMs);
    return watch !== undefined;
  }

  recordProcessEvent(id: string, event: ProcessEvent, nowMs: number): boolean {
    const watch = this.collatorWatches.get(id);
    if (watch) applyProcessEvent(watch.state, event, nowMs);
    return watch !== undefined;
  }

  recordLogEvent(id: string, event: LogEvent, nowMs: number): boolean {
    const watch = this.collatorWatches.get(id);
    if (watch) applyLogEvent(watch.state, event, nowMs);
    return watch !== undefined;
  }

  /** One relay block's `system.events`: every watched parachain reads its candidates from it. */
  readRelayBlock(block: RelayBlockEvents, nowMs: number): ParachainRelayReading[] {
    return [...this.parachainWatches.values()].map((watch) => ({ paraId: watch.target.paraId, found: watch.inclusion.ingest(block, nowMs), inclusion: watch.inclusion.state }));
  }

  /** The parachain's Aura authorities (hex public keys) as read at the latest block. */
  setAuthorities(paraId: number, authorities: string[]): boolean {
    const watch = this.parachainWatches.get(paraId);
    if (watch) watch.inclusion.setAuthorities(authorities);
    return watch !== undefined;
  }

  recordBlockspace(paraId: number, blockspace: BlockspaceSignal): boolean {
    const watch = this.parachainWatches.get(paraId);
    if (watch) watch.blockspace = blockspace;
    return watch !== undefined;
  }

  // ---- probing ----

  /** Polls every collator once, then asks each which of its parachain's Aura authorities it holds. */
  async probe(): Promise<void> {
    await Promise.all([...this.collatorWatches.values()].map((watch) => watch.probe()));
    // Read the watches again: one may have been added or removed while the probes ran.
    await Promise.all([...this.collatorWatches.values()].map((watch) => watch.discoverAuraKey(this.parachainWatches.get(watch.state.target.paraId)?.inclusion.authorityKeys ?? [])));
  }

  /** Stops every collator's probes (connections closed); the watches stay, as they were. */
  async stop(): Promise<void> {
    await Promise.all([...this.collatorWatches.values()].map((watch) => watch.stop()));
  }

  // ---- what is shown ----

  /** Every watched subject as the API and the tray show it, with the levels and findings the latches hold. */
  status(findingsOf: (subject: Subject) => SubjectFindings, nowMs: number): HealthStatus {
    const collators = [...this.collatorWatches.values()].map((watch) => this.collatorHealth(watch, findingsOf));
    const parachains = [...this.parachainWatches.values()].map((watch) => this.parachainHealth(watch, findingsOf));
    const levels = [...collators, ...parachains].map((subject) => subject.level);
    const firstProblem = [...collators.map((c) => ({ name: c.name, f: c.findings })), ...parachains.map((p) => ({ name: p.name, f: p.findings }))]
      .flatMap(({ name, f }) => f.map((finding) => ({ name, finding })))
      .sort((a, b) => levelRank(b.finding.level) - levelRank(a.finding.level))[0];
    return {
      level: levels.length === 0 ? 'idle' : levels.reduce<HealthLevel>((acc, level) => worse(acc, level), 'ok'),
      summary: summarise(collators.map((c) => c.level), parachains.map((p) => p.level), firstProblem ? problemText(firstProblem.name, firstProblem.finding) : null),
      collators,
      parachains,
      atMs: nowMs,
    };
  }

  private collatorHealth(watch: CollatorWatch, findingsOf: (subject: Subject) => SubjectFindings): CollatorHealth {
    const { state } = watch;
    const { level, findings } = findingsOf({ kind: 'collator', id: state.target.id });
    const para = state.metrics.parachain;
    return {
      id: state.target.id,
      name: state.target.name,
      paraId: state.target.paraId,
      level,
      findings,
      rpc: state.rpc.status,
      metrics: state.metrics.status,
      alive: state.process.alive,
      best: state.best?.number ?? null,
      finalized: state.finalized?.number ?? null,
      peers: currentPeers(state),
      syncPeers: para?.syncPeers ?? null,
      isSyncing: state.health?.isSyncing ?? para?.isMajorSyncing ?? null,
      blocksAuthored: para?.blocksAuthored ?? null,
      readyTransactions: para?.readyTransactions ?? null,
      // Collation metrics come from the relay half of a collator.
      collationsGenerated: state.metrics.relay?.collationsGenerated ?? para?.collationsGenerated ?? null,
      collationsExpired: state.metrics.relay?.collationsExpired ?? para?.collationsExpired ?? null,
      relayBest: state.metrics.relay?.best ?? null,
      relayPeers: state.metrics.relay?.peers ?? null,
      openFiles: state.process.openFiles,
      cpuPercent: state.process.cpuPercent,
      memoryBytes: state.process.memoryBytes,
      diskFreeBytes: state.disk?.freeBytes ?? null,
      restartsInWindow: state.process.crashesAtMs.length,
    };
  }

  private parachainHealth(watch: ParachainWatch, findingsOf: (subject: Subject) => SubjectFindings): ParachainHealth {
    const { level, findings } = findingsOf({ kind: 'parachain', paraId: watch.target.paraId });
    const inclusion = watch.inclusion.state;
    const authorIndex = inclusion.lastAuthorIndex;
    const authorKey = inclusion.lastAuthorKey;
    const author = authorKey === null ? undefined : [...this.collatorWatches.values()].find((c) => c.state.target.auraKey?.toLowerCase() === authorKey);
    const blockspace = watch.blockspace;
    const left = ordersLeft(blockspace);
    return {
      paraId: watch.target.paraId,
      name: watch.target.name,
      level,
      findings,
      latestRelayBlock: inclusion.latestRelayBlock,
      lastIncludedRelayBlock: inclusion.lastIncludedRelayBlock,
      lastBackedRelayBlock: inclusion.lastBackedRelayBlock,
      timedOutCount: inclusion.timedOutCount,
      headNumber: inclusion.head?.number ?? null,
      authorSetSize: watch.inclusion.authorityCount,
      lastAuthorIndex: authorIndex,
      lastAuthorCollatorId: author?.state.target.id ?? null,
      blockspace: blockspace?.kind ?? 'unknown',
      blockspaceEndsAtMs: blockspace?.kind === 'lease' || blockspace?.kind === 'bulk' ? blockspace.endsAtMs : null,
      ordersLeft: left === null ? null : left.toString(),
    };
  }
}

function sameEndpoints(a: CollatorTarget, b: CollatorTarget): boolean {
  return a.rpcUrl === b.rpcUrl && a.parachainMetricsUrl === b.parachainMetricsUrl && a.relayMetricsUrl === b.relayMetricsUrl && a.basePath === b.basePath;
}
