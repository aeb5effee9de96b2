import type { Alert, HealthLevel, HealthStatus } from '../../shared/contract/health';
import type { Logger } from '../logging/logger';
import type { DesktopNotification, Platform } from '../platform/platform';
import { AlertHistory, type AlertQuery } from './alerts/alert-history';
import { trayHealth, trayItems, type CollatorControls } from './alerts/tray-summary';
import type { WebhookService } from './alerts/webhook-service';
import { worse } from './rules/level-latch';

export interface AlertDispatcherOptions {
  platform: Pick<Platform, 'notify' | 'tray'>;
  log: Logger;
  /** The alert history's JSON-lines file. */
  historyFilePath: string;
  webhooks: Pick<WebhookService, 'deliver'>;
  /** Start and stop for the tray menu, lent by the collator supervisor. */
  controls: CollatorControls | null;
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

  constructor(private readonly options: AlertDispatcherOptions) {
    this.history = new AlertHistory(options.historyFilePath);
  }

  /** The level changes of one evaluation, in the order they were judged. */
  dispatch(alerts: Alert[]): void {
    if (alerts.length === 0) return;
    for (const alert of alerts) {
      this.history.add(alert);
      this.options.webhooks.deliver(alert);
      for (const listener of this.alertListeners) listener(alert);
    }
    this.notify(alerts);
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
        ? alerts.map((alert) => ({
            title: alert.to === 'ok' ? `${alert.subjectName}: OK again` : `${alert.subjectName}: ${alert.to.toUpperCase()}`,
            body: alert.message,
            level: notificationLevel(alert.to),
          }))
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
