import type { Alert, AlertDiagnosis, HealthLevel, HealthStatus, Subject } from '../../shared/contract/health';
import type { Logger } from '../logging/logger';
import type { DesktopNotification, Platform } from '../platform/platform';
import { diagnoseAlert, isNoCoreAlert, wantsDiagnosis, type ReadDiagnosis } from './alert-diagnoser';
import { AlertHistory, type AlertQuery } from './alert-history';
import { trayHealth, trayItems, type CollatorControls } from './tray-summary';
import type { WebhookService } from './webhook-service';
import type { PendingWork } from '../health/pending-work';
import { worse } from '../health/rules/level-latch';

export interface AlertDispatcherOptions {
  platform: Pick<Platform, 'notify' | 'tray'>;
  log: Logger;
  /** The alert history's JSON-lines file. */
  historyFilePath: string;
  webhooks: Pick<WebhookService, 'deliver'>;
  /** Start and stop for the tray menu, lent by the collator supervisor. */
  controls: CollatorControls | null;
  /** Tracks the diagnoses under way, so the monitor's `idle()` waits for them. */
  work?: Pick<PendingWork, 'track'>;
  /** How long a diagnosis may hold its alert back; the alert goes without one after that. */
  diagnosisTimeoutMs?: number;
  /**
   * An alert held for its diagnosis went out: the status published when it
   * was judged did not know its cause (the tray's first problem, a no-core
   * stall shown as information), so the monitor publishes it again.
   */
  onDiagnosedSent?: () => void;
}

type Listener<T> = (value: T) => void;

/** More level changes than this at once get one summary notification instead of one each. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

/**
 * Tells the operator: each alert goes to the history, the webhook and the
 * alert stream, and to a desktop notification; each new status goes to the
 * tray and the status stream. A shell that fails to show something is
 * logged, never thrown back at the monitor.
 */
export class AlertDispatcher {
  private readonly history: AlertHistory;
  private readonly alertListeners = new Set<Listener<Alert>>();
  private readonly changedListeners = new Set<Listener<HealthStatus>>();
  private readDiagnosis: ReadDiagnosis | null = null;
  /** Per subject and rule, the alert waiting for its diagnosis; a later change of that rule goes out after it. */
  private readonly waiting = new Map<string, Promise<void>>();
  /** The diagnosis behind each rule a subject holds at warn or crit (subject key, then rule), for its findings and the tray. */
  private readonly diagnosesHeld = new Map<string, Map<string, AlertDiagnosis>>();
  /** Per subject and rule, the level the operator was last told (absent: ok); it differs from the latch's while a no-core stall is held at information. */
  private readonly told = new Map<string, HealthLevel>();

  constructor(private readonly options: AlertDispatcherOptions) {
    this.history = new AlertHistory(options.historyFilePath);
  }

  /** Where the alerts of stalled parachains and collators read why (the console's DiagnosisService). */
  diagnoseWith(read: ReadDiagnosis | null): void {
    this.readDiagnosis = read;
  }

  /**
   * The level changes of one evaluation, in the order they were judged. An
   * alert that wants a diagnosis goes out once it is read (or its time ran
   * out); a later change of the same rule of the same subject waits behind
   * it, so the operator never sees a recovery before its raise. Every other
   * alert goes at once: a crash is not held back by a stall's diagnosis.
   */
  dispatch(alerts: Alert[]): void {
    const now: Alert[] = [];
    const read = this.readDiagnosis;
    for (const alert of alerts) {
      const key = `${subjectKey(alert.subject)}/${alert.rule}`;
      const waiting = this.waiting.get(key);
      const diagnose = read !== null && wantsDiagnosis(alert);
      if (waiting === undefined && !diagnose) {
        now.push(alert);
        continue;
      }
      const sent = (waiting ?? Promise.resolve()).then(async () => {
        this.send([diagnose ? await this.diagnosed(alert, read) : alert]);
        this.options.onDiagnosedSent?.();
      });
      const settled: Promise<void> = sent
        .catch((error: unknown) => this.options.log.error('health: dispatching an alert failed', error))
        .finally(() => {
          if (this.waiting.get(key) === settled) this.waiting.delete(key);
        });
      this.waiting.set(key, settled);
      this.options.work?.track(settled);
    }
    if (now.length > 0) this.send(now);
  }

  /** Adds the diagnosis each held fault was raised with to its finding. */
  withDiagnoses<T extends { rule: string }>(subject: Subject, findings: T[]): Array<T & { diagnosis?: AlertDiagnosis }> {
    const held = this.diagnosesHeld.get(subjectKey(subject));
    if (!held) return findings;
    return findings.map((finding) => {
      const diagnosis = held.get(finding.rule);
      return diagnosis ? { ...finding, diagnosis } : finding;
    });
  }

  private async diagnosed(alert: Alert, read: ReadDiagnosis): Promise<Alert> {
    const result = await diagnoseAlert(alert, read, this.options.diagnosisTimeoutMs);
    if (result.error !== undefined) this.options.log.warn(`health: no diagnosis for ${alert.subjectName} (${alert.rule})`, result.error);
    return result.alert;
  }

  private send(raised: Alert[]): void {
    const alerts: Alert[] = [];
    for (const candidate of raised) {
      const alert = this.asTold(candidate);
      if (alert === null) continue;
      alerts.push(alert);
      this.holdDiagnosis(alert);
      this.history.add(alert);
      this.options.webhooks.deliver(alert);
      for (const listener of this.alertListeners) listener(alert);
    }
    if (alerts.length > 0) this.notify(alerts);
  }

  /**
   * The alert as the operator is told it. A stall diagnosed as no core
   * (verdict idle) is never a CRIT: its escalation is capped at the WARN
   * that told "no core" as information, and dropped when that is what the
   * operator was already told (nothing new: the para still holds no core).
   * A later change starts from the level told, so its recovery reads
   * WARN → OK, not CRIT → OK. Null when there is nothing to tell.
   */
  private asTold(alert: Alert): Alert | null {
    const key = `${subjectKey(alert.subject)}/${alert.rule}`;
    const told = this.told.get(key) ?? 'ok';
    let shown = alert;
    if (alert.to === 'crit' && isNoCoreAlert(alert)) {
      const heldIdle = this.diagnosesHeld.get(subjectKey(alert.subject))?.get(alert.rule)?.verdict === 'idle';
      if (heldIdle && told === 'warn') return null;
      shown = { ...shown, to: 'warn' };
    }
    if (shown.from !== told) shown = { ...shown, from: told };
    if (shown.to === 'ok') this.told.delete(key);
    else this.told.set(key, shown.to);
    return shown;
  }

  private holdDiagnosis(alert: Alert): void {
    const key = subjectKey(alert.subject);
    const held = this.diagnosesHeld.get(key) ?? new Map<string, AlertDiagnosis>();
    if (alert.to === 'ok') held.delete(alert.rule);
    else if (alert.diagnosis) held.set(alert.rule, alert.diagnosis);
    if (held.size > 0) this.diagnosesHeld.set(key, held);
    else this.diagnosesHeld.delete(key);
  }

  /** The tray's colour, tooltip and menu, then the status stream. */
  publish(status: HealthStatus): void {
    const tray = trayHealth(status);
    try {
      this.options.platform.tray.setHealth(tray.health, tray.tooltip);
      this.options.platform.tray.setItems(trayItems(status, this.options.controls));
    } catch (error) {
      this.options.log.warn('health: tray update failed', error);
    }
    for (const listener of this.changedListeners) listener(status);
  }

  alerts(query: AlertQuery): Alert[] {
    return this.history.list(query);
  }

  acknowledge(ids: string[]): number {
    return this.history.acknowledge(ids);
  }

  onAlert(listener: Listener<Alert>): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  onChanged(listener: Listener<HealthStatus>): () => void {
    this.changedListeners.add(listener);
    return () => this.changedListeners.delete(listener);
  }

  /**
   * One desktop notification per level change; when many change at once (a
   * host or the network went down) one summary instead of a pile of them.
   */
  private notify(alerts: Alert[]): void {
    const notifications: DesktopNotification[] =
      alerts.length <= MAX_SEPARATE_NOTIFICATIONS
        ? alerts.map(alertNotification)
        : [summaryNotification(alerts)];
    for (const notification of notifications) {
      try {
        this.options.platform.notify(notification);
      } catch (error) {
        this.options.log.warn('health: desktop notification failed', error);
      }
    }
  }
}

/** One alert's notification; a diagnosed one says why and what to do, and one with no core is information, not a fault. */
export function alertNotification(alert: Alert): DesktopNotification {
  if (alert.to === 'ok') return { title: `${alert.subjectName}: OK again`, body: alert.message, level: 'info' };
  if (isNoCoreAlert(alert)) return { title: `${alert.subjectName}: no core`, body: `${alert.diagnosis?.words ?? alert.message} ${alert.diagnosis?.nextStep ?? ''}`.trim(), level: 'info' };
  const body = alert.diagnosis ? `${alert.diagnosis.words} Next: ${alert.diagnosis.nextStep}` : alert.message;
  return { title: `${alert.subjectName}: ${alert.to.toUpperCase()}`, body, level: notificationLevel(alert.to) };
}

function subjectKey(subject: Subject): string {
  return subject.kind === 'collator' ? `collator:${subject.id}` : `parachain:${subject.paraId}`;
}

function notificationLevel(level: HealthLevel): DesktopNotification['level'] {
  return level === 'crit' ? 'critical' : level === 'warn' ? 'warning' : 'info';
}

function summaryNotification(alerts: Alert[]): DesktopNotification {
  const worst = alerts.reduce<HealthLevel>((acc, alert) => worse(acc, alert.to), 'ok');
  const count = (level: HealthLevel) => alerts.filter((alert) => alert.to === level).length;
  const parts = [`${count('crit')} CRIT`, `${count('warn')} WARN`, `${count('ok')} OK again`].filter((part) => !part.startsWith('0 '));
  const names = [...new Set(alerts.map((alert) => alert.subjectName))];
  return {
    title: `${alerts.length} health changes: ${parts.join(', ')}`,
    body: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}. Open the console for each one.`,
    level: notificationLevel(worst),
  };
}
