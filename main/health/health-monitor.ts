import { join } from 'node:path';
import type { Alert, HealthRules, HealthStatus, RulesUpdate, Series, WebhookResult, WebhookSettings, WebhookView } from '../../shared/contract/health';
import type { Logger } from '../logging/logger';
import type { Platform } from '../platform/platform';
import { AlertDispatcher } from '../alerts/alert-dispatcher';
import { informationForNoCore, type ReadDiagnosis } from '../alerts/alert-diagnoser';
import type { AlertQuery } from '../alerts/alert-history';
import type { CollatorControls } from '../alerts/tray-summary';
import type { Delay } from '../alerts/webhook';
import { WebhookService } from '../alerts/webhook-service';
import { systemClock, type Clock } from './clock';
import type { ProbeTimings } from './collator-watch';
import { HealthWatcher } from './health-watcher';
import { PendingWork } from './pending-work';
import type { RelayBlockEvents } from './probes/inclusion-probe';
import { RuleLatches } from './rule-latches';
import { RuleSettings } from './rule-settings';
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
 * Health monitoring, composed of five parts (see README.md beside this file):
 * the HealthWatcher probes and keeps what each collator and parachain says,
 * the RuleLatches judge it with hysteresis, the AlertDispatcher tells the
 * operator of each level change, the WebhookService posts it to the team, and
 * the SeriesRecorder keeps the chart history.
 *
 * This class only wires them together and keeps the one surface the API
 * handlers, the feeds (supervisor, chain, blockspace) and the shells use:
 * each signal is folded in by the watcher, recorded, then judged on the next
 * microtask, and the level changes are dispatched.
 */
export class HealthMonitor {
  private readonly clock: Clock;
  private readonly settings: RuleSettings;
  private readonly work = new PendingWork();
  private readonly watcher: HealthWatcher;
  private readonly latches: RuleLatches;
  private readonly webhooks: WebhookService;
  private readonly dispatcher: AlertDispatcher;
  private readonly series: SeriesRecorder;
  private readonly signalListeners = new Set<() => void>();
  private timers: NodeJS.Timeout[] = [];
  private probing = false;
  private evaluationQueued = false;

  constructor(private readonly options: HealthMonitorOptions) {
    const { dir, log, platform } = options;
    this.clock = options.clock ?? systemClock;
    this.settings = new RuleSettings(join(dir, 'health-settings.json'));
    this.series = new SeriesRecorder({ filePath: join(dir, 'series.jsonl'), log });
    this.latches = new RuleLatches({ settings: this.settings, onStallThresholdDue: () => this.evaluate() });
    this.watcher = new HealthWatcher({
      clock: this.clock,
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      work: this.work,
      onPush: () => this.queueEvaluation(),
      onUnwatched: (subject) => {
        if (subject.kind === 'collator') this.series.forgetCollator(subject.id);
        this.latches.forget(subject);
      },
      onWatchedChanged: () => this.publish(),
    });
    this.webhooks = new WebhookService({
      settings: this.settings,
      addressFilePath: join(dir, 'webhook-address.json'),
      secrets: platform.secrets,
      log,
      clock: this.clock,
      work: this.work,
      delay: options.webhookDelay,
    });
    this.dispatcher = new AlertDispatcher({ platform, log, historyFilePath: join(dir, 'alerts.jsonl'), webhooks: this.webhooks, controls: options.controls ?? null, work: this.work, onDiagnosedSent: () => this.publish() });
  }

  // ---- what is watched ----

  watchCollator(target: CollatorTarget): void {
    this.watcher.watchCollator(target);
  }

  unwatchCollator(id: string): void {
    this.watcher.unwatchCollator(id);
  }

  /** Watches a parachain, or renames one already watched (the chain's own name is better than "Parachain 2000"). */
  watchParachain(target: ParachainTarget): void {
    this.watcher.watchParachain(target);
  }

  watchesParachain(paraId: number): boolean {
    return this.watcher.watchesParachain(paraId);
  }

  unwatchParachain(paraId: number): void {
    this.watcher.unwatchParachain(paraId);
  }

  // ---- signals fed by the supervisor and the chain layer ----

  recordProcessSample(id: string, sample: ProcessSample): void {
    const nowMs = this.clock.now();
    if (!this.watcher.recordProcessSample(id, sample, nowMs)) return;
    this.series.recordProcessSample(id, sample, nowMs);
    this.queueEvaluation();
  }

  recordProcessEvent(id: string, event: ProcessEvent): void {
    if (this.watcher.recordProcessEvent(id, event, this.clock.now())) this.queueEvaluation();
  }

  recordLogEvent(id: string, event: LogEvent): void {
    if (!this.watcher.recordLogEvent(id, event, this.clock.now())) return;
    if (event.kind === 'prepared-block') this.series.noteLoggedBlock(id);
    this.queueEvaluation();
  }

  /** One relay block's `system.events`: inclusion of every watched parachain is read from it. */
  recordRelayBlock(block: RelayBlockEvents): void {
    const nowMs = this.clock.now();
    this.series.recordRelayBlock(block, this.watcher.readRelayBlock(block, nowMs), nowMs);
    this.queueEvaluation();
  }

  /** The parachain's Aura authorities (hex public keys) as read at the latest block. */
  setAuthorities(paraId: number, authorities: string[]): void {
    if (this.watcher.setAuthorities(paraId, authorities)) this.queueEvaluation();
  }

  recordBlockspace(paraId: number, blockspace: BlockspaceSignal): void {
    if (this.watcher.recordBlockspace(paraId, blockspace)) this.queueEvaluation();
  }

  /**
   * Where alerts of a stalled parachain or collator read why (the console's
   * one DiagnosisService, built after the chain layer the monitor precedes).
   * Without it alerts go out as the rules word them.
   */
  diagnoseAlertsWith(read: ReadDiagnosis | null): void {
    this.dispatcher.diagnoseWith(read);
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
    await this.watcher.stop();
    this.series.compact();
    await this.idle();
  }

  /** Polls every collator once, records the round, then judges the rules. */
  async probeRound(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      this.webhooks.sealOnceUnlocked();
      await this.watcher.probe();
      this.series.recordProbeRound(this.watcher.collators(), this.clock.now());
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
    const alerts = this.latches.judge(this.watcher, this.clock.now(), this.timers.length > 0);
    if (alerts.length > 0) {
      this.dispatcher.dispatch(alerts);
      this.publish();
    }
    return alerts;
  }

  /** Resolves when every webhook delivery, alert diagnosis and probe shutdown under way has finished. */
  async idle(): Promise<void> {
    await this.work.idle();
  }

  // ---- what the API asks ----

  status(): HealthStatus {
    return this.watcher.status((subject) => {
      const held = this.latches.findings(subject);
      // A stall diagnosed as no core is shown as information: the latch keeps counting it, the status does not call it a fault.
      return informationForNoCore(this.dispatcher.withDiagnoses(subject, held.findings));
    }, this.clock.now());
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

  // ---- wiring ----

  private publish(): void {
    this.dispatcher.publish(this.status());
  }

  /** Signals come in bursts (a relay block, a supervisor state): judge once, after the burst. */
  private queueEvaluation(): void {
    if (this.evaluationQueued) return;
    this.evaluationQueued = true;
    queueMicrotask(() => {
      this.evaluationQueued = false;
      this.evaluate();
      for (const listener of this.signalListeners) listener();
    });
  }
}
