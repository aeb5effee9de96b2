import { join } from 'node:path';
import type {
  Alert,
  CollatorHealth,
  HealthLevel,
  HealthRules,
  HealthStatus,
  ParachainHealth,
  RulesUpdate,
  Series,
  WebhookResult,
  WebhookSettings,
  WebhookView,
} from '../../shared/contract/health';
import type { Logger } from '../logging/logger';
import type { Platform } from '../platform/platform';
import { AlertDispatcher } from './alert-dispatcher';
import type { AlertQuery } from './alerts/alert-history';
import { summarise, type CollatorControls } from './alerts/tray-summary';
import type { Delay } from './alerts/webhook';
import { WebhookService } from './alerts/webhook-service';
import { systemClock, type Clock } from './clock';
import { applyLogEvent, applyProcessEvent, applyProcessSample, currentPeers } from './collator-state';
import { CollatorWatch, type ProbeTimings } from './collator-watch';
import { ParachainWatch } from './parachain-watch';
import { PendingWork } from './pending-work';
import type { RelayBlockEvents } from './probes/inclusion-probe';
import { RuleSettings } from './rule-settings';
import { RuleLatches, type WatchedSubjects } from './rule-latches';
import { levelRank, worse } from './rules/level-latch';
import { ordersLeft } from './rules/parachain-rules';
import { SeriesRecorder, type SeriesQuery } from './series/series-recorder';
import type { BlockspaceSignal, CollatorTarget, LogEvent, ParachainTarget, ProcessEvent, ProcessSample } from './signals';

export interface HealthMonitorOptions {
  /** `secrets` keeps the webhook address sealed; without it no address can be stored. */
  platform: Pick<Platform, 'notify' | 'tray'> & Partial<Pick<Platform, 'secrets'>>;
  log: Logger;
  /** Folder for the rule settings, alert history and series files. */
  dir: string;
  clock?: Clock;
  probeIntervalMs?: number;
  persistIntervalMs?: number;
  timings?: Partial<ProbeTimings>;
  /** Waits between webhook retries; tests pass one that does not sleep. */
  webhookDelay?: Delay;
  /** Start and stop for the tray menu, lent by the collator supervisor. */
  controls?: CollatorControls | null;
}

type Listener<T> = (value: T) => void;

// Reconnecting is what polkadot-js logs an error for: every 2.5 s (its own default) while a node is down, not every second.
const DEFAULT_TIMINGS: ProbeTimings = { metricsTimeoutMs: 2_000, rpcReconnectMs: 2_500, rpcRequestTimeoutMs: 5_000 };

/**
 * Health monitoring: probes every watched collator and parachain, judges the
 * rules with hysteresis, and tells the operator of each level change by
 * desktop notification, the tray, the alert history and the webhook.
 * The collator supervisor and the chain layer feed it through the `record…` methods.
 */
export class HealthMonitor {
  private readonly clock: Clock;
  private readonly settings: RuleSettings;
  private readonly dispatcher: AlertDispatcher;
  private readonly series: SeriesRecorder;
  private readonly webhooks: WebhookService;
  private readonly collators = new Map<string, CollatorWatch>();
  private readonly parachains = new Map<number, ParachainWatch>();
  private readonly latches: RuleLatches;
  private readonly signalListeners = new Set<() => void>();
  private readonly work = new PendingWork();
  private readonly timings: ProbeTimings;
  private timers: NodeJS.Timeout[] = [];
  /** The watched subjects as the latches read them. */
  private readonly watched: WatchedSubjects = {
    collators: () => this.collators.values(),
    parachains: () => this.parachains.values(),
    parachain: (paraId) => this.parachains.get(paraId),
  };
  private probing = false;
  private evaluationQueued = false;

  constructor(private readonly options: HealthMonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.settings = new RuleSettings(join(options.dir, 'health-settings.json'));
    this.latches = new RuleLatches({ settings: this.settings, onStallThresholdDue: () => this.evaluate() });
    this.series = new SeriesRecorder({ filePath: join(options.dir, 'series.jsonl'), log: options.log });
    this.webhooks = new WebhookService({
      settings: this.settings,
      addressFilePath: join(options.dir, 'webhook-address.json'),
      secrets: options.platform.secrets,
      log: options.log,
      clock: this.clock,
      work: this.work,
      delay: options.webhookDelay,
    });
    this.dispatcher = new AlertDispatcher({
      platform: options.platform,
      log: options.log,
      historyFilePath: join(options.dir, 'alerts.jsonl'),
      webhooks: this.webhooks,
      controls: options.controls ?? null,
    });
  }

  // ---- what is watched ----

  watchCollator(target: CollatorTarget): void {
    const existing = this.collators.get(target.id);
    if (existing) {
      // Same endpoints: only the operator's intent changed (started or stopped).
      if (sameEndpoints(existing.state.target, target)) {
        existing.setTarget(target);
        this.queueEvaluation();
        return;
      }
      this.unwatchCollator(target.id);
    }
    this.collators.set(target.id, new CollatorWatch(target, this.clock, this.timings, () => this.queueEvaluation()));
    this.publish();
  }

  unwatchCollator(id: string): void {
    const watch = this.collators.get(id);
    if (!watch) return;
    this.collators.delete(id);
    this.series.forgetCollator(id);
    this.work.track(watch.stop());
    this.latches.forget({ kind: 'collator', id });
    this.publish();
  }

  /** Watches a parachain, or renames one already watched (the chain's own name is better than "Parachain 2000"). */
  watchParachain(target: ParachainTarget): void {
    const existing = this.parachains.get(target.paraId);
    if (existing) existing.target = target;
    else this.parachains.set(target.paraId, new ParachainWatch(target, this.clock.now()));
    this.publish();
  }

  watchesParachain(paraId: number): boolean {
    return this.parachains.has(paraId);
  }

  unwatchParachain(paraId: number): void {
    if (!this.parachains.delete(paraId)) return;
    this.latches.forget({ kind: 'parachain', paraId });
    this.publish();
  }

  // ---- signals fed by the supervisor and the chain layer ----

  recordProcessSample(id: string, sample: ProcessSample): void {
    const watch = this.collators.get(id);
    if (!watch) return;
    const nowMs = this.clock.now();
    applyProcessSample(watch.state, sample, nowMs);
    this.series.recordProcessSample(id, sample, nowMs);
    this.queueEvaluation();
  }

  recordProcessEvent(id: string, event: ProcessEvent): void {
    const watch = this.collators.get(id);
    if (!watch) return;
    applyProcessEvent(watch.state, event, this.clock.now());
    this.queueEvaluation();
  }

  recordLogEvent(id: string, event: LogEvent): void {
    const watch = this.collators.get(id);
    if (!watch) return;
    applyLogEvent(watch.state, event, this.clock.now());
    if (event.kind === 'prepared-block') this.series.noteLoggedBlock(id);
    this.queueEvaluation();
  }

  /** One relay block's `system.events`: inclusion of every watched parachain is read from it. */
  recordRelayBlock(block: RelayBlockEvents): void {
    const nowMs = this.clock.now();
    const readings = [...this.parachains.values()].map((watch) => ({ paraId: watch.target.paraId, found: watch.inclusion.ingest(block, nowMs), inclusion: watch.inclusion.state }));
    this.series.recordRelayBlock(block, readings, nowMs);
    this.queueEvaluation();
  }

  /** The parachain's Aura authorities (hex public keys) as read at the latest block. */
  setAuthorities(paraId: number, authorities: string[]): void {
    const watch = this.parachains.get(paraId);
    if (!watch) return;
    watch.inclusion.setAuthorities(authorities);
    this.queueEvaluation();
  }

  recordBlockspace(paraId: number, blockspace: BlockspaceSignal): void {
    const watch = this.parachains.get(paraId);
    if (!watch) return;
    watch.blockspace = blockspace;
    this.queueEvaluation();
  }

  // ---- running ----

  start(): void {
    if (this.timers.length > 0) return;
    const probeIntervalMs = this.options.probeIntervalMs ?? 2_000;
    this.timers.push(setInterval(() => void this.probeRound(), probeIntervalMs).unref());
    this.timers.push(setInterval(() => this.persistSeries(), this.options.persistIntervalMs ?? 60_000).unref());
    this.work.track(this.webhooks.sealPlainAddress());
    void this.probeRound();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.latches.stop();
    await Promise.all([...this.collators.values()].map((watch) => watch.stop()));
    this.series.compact();
    await this.idle();
  }

  /** Polls every collator once, then judges the rules. */
  async probeRound(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      this.webhooks.sealOnceUnlocked();
      await Promise.all([...this.collators.values()].map((watch) => watch.probe()));
      await Promise.all([...this.collators.values()].map((watch) => watch.discoverAuraKey(this.parachains.get(watch.state.target.paraId)?.inclusion.authorityKeys ?? [])));
      this.series.recordProbeRound(this.collators.values(), this.clock.now());
      this.evaluate();
    } catch (error) {
      this.options.log.error('health: probe round failed', error);
    } finally {
      this.probing = false;
    }
  }

  /** Judges every rule now; returns the alerts raised by level changes. */
  evaluate(): Alert[] {
    // Stall wake-ups only while running: a test judging by hand leaves no timer behind.
    const alerts = this.latches.judge(this.watched, this.clock.now(), this.timers.length > 0);
    if (alerts.length > 0) {
      this.dispatcher.dispatch(alerts);
      this.publish();
    }
    return alerts;
  }

  /** Resolves when every webhook delivery and probe shutdown under way has finished. */
  async idle(): Promise<void> {
    await this.work.idle();
  }

  // ---- what the API asks ----

  status(): HealthStatus {
    const nowMs = this.clock.now();
    const collators = [...this.collators.values()].map((watch) => this.collatorHealth(watch));
    const parachains = [...this.parachains.values()].map((watch) => this.parachainHealth(watch));
    const levels = [...collators, ...parachains].map((subject) => subject.level);
    const firstProblem = [...collators.map((c) => ({ name: c.name, f: c.findings })), ...parachains.map((p) => ({ name: p.name, f: p.findings }))]
      .flatMap(({ name, f }) => f.map((finding) => ({ name, finding })))
      .sort((a, b) => levelRank(b.finding.level) - levelRank(a.finding.level))[0];
    return {
      level: levels.length === 0 ? 'idle' : levels.reduce<HealthLevel>((acc, level) => worse(acc, level), 'ok'),
      summary: summarise(collators.map((c) => c.level), parachains.map((p) => p.level), firstProblem ? `${firstProblem.name}: ${firstProblem.finding.rule}` : null),
      collators,
      parachains,
      atMs: nowMs,
    };
  }

  alerts(query: AlertQuery): Alert[] {
    return this.dispatcher.alerts(query);
  }

  acknowledge(ids: string[]): number {
    return this.dispatcher.acknowledge(ids);
  }

  getRules(): HealthRules {
    return this.settings.rules();
  }

  updateRules(update: RulesUpdate): HealthRules {
    const rules = this.settings.updateRules(update);
    this.queueEvaluation();
    return rules;
  }

  querySeries(query: SeriesQuery): Series {
    return this.series.query(query, this.clock.now());
  }

  /** The webhook as the UI sees it: whether an address is set and its host, never the address. */
  getWebhook(): WebhookView {
    return this.webhooks.view();
  }

  /** Changes the webhook; a new address is sealed in the secret box, `url: ''` removes it. */
  updateWebhook(patch: Partial<WebhookSettings>): Promise<WebhookView> {
    return this.webhooks.update(patch);
  }

  testWebhook(): Promise<WebhookResult> {
    return this.webhooks.test();
  }

  /** Moves an address still in the clear in the settings file into the secret box (see WebhookService). */
  sealPlainWebhookAddress(): Promise<void> {
    return this.webhooks.sealPlainAddress();
  }

  onChanged(listener: Listener<HealthStatus>): () => void {
    return this.dispatcher.onChanged(listener);
  }

  onAlert(listener: Listener<Alert>): () => void {
    return this.dispatcher.onAlert(listener);
  }

  /** Fires after any pushed signal (a new head, a lost connection, a process event) has been judged. */
  onSignal(listener: () => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  persistSeries(): void {
    this.series.persist();
  }

  private publish(): void {
    this.dispatcher.publish(this.status());
  }

  // ---- helpers ----

  private queueEvaluation(): void {
    if (this.evaluationQueued) return;
    this.evaluationQueued = true;
    queueMicrotask(() => {
      this.evaluationQueued = false;
      this.evaluate();
      for (const listener of this.signalListeners) listener();
    });
  }

  private collatorHealth(watch: CollatorWatch): CollatorHealth {
    const { state } = watch;
    const { level, findings } = this.latches.findings({ kind: 'collator', id: state.target.id });
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

  private parachainHealth(watch: ParachainWatch): ParachainHealth {
    const { level, findings } = this.latches.findings({ kind: 'parachain', paraId: watch.target.paraId });
    const inclusion = watch.inclusion.state;
    const authorIndex = inclusion.lastAuthorIndex;
    const authorKey = inclusion.lastAuthorKey;
    const author = authorKey === null ? undefined : [...this.collators.values()].find((c) => c.state.target.auraKey?.toLowerCase() === authorKey);
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
