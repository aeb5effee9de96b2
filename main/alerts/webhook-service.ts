import { randomUUID } from 'node:crypto';
import type { Alert, WebhookResult, WebhookSettings, WebhookView } from '../../shared/contract/health';
import { webhookSettingsSchema } from '../../shared/contract/health';
import { ServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../platform/platform';
import type { Clock } from '../health/clock';
import type { PendingWork } from '../health/pending-work';
import type { RuleSettings } from '../health/rule-settings';
import { levelRank } from '../health/rules/level-latch';
import { isNoCoreAlert } from './alert-diagnoser';
import { postWebhook, realDelay, type Delay } from './webhook';
import { redactedHost, WebhookAddress } from './webhook-address';

export interface WebhookServiceOptions {
  /** The webhook's options live in the rule settings file, beside the thresholds; its address never does. */
  settings: RuleSettings;
  /** Where the sealed address is kept. */
  addressFilePath: string;
  /** Seals the address; without it no address can be stored. */
  secrets: SecretBox | undefined;
  log: Logger;
  clock: Clock;
  /** Deliveries run in the background; the monitor's `idle()` waits for them here. */
  work: PendingWork;
  /** Waits between retries; tests pass one that does not sleep. */
  delay?: Delay;
}

/**
 * The team's webhook: its settings as the UI sees and changes them, the
 * address sealed in the secret box, the test post, and the delivery of each
 * alert at or above the operator's lowest level.
 */
export class WebhookService {
  private readonly address: WebhookAddress;

  constructor(private readonly options: WebhookServiceOptions) {
    this.address = new WebhookAddress(options.addressFilePath, options.secrets);
  }

  /** The webhook as the UI sees it: whether an address is set and its host, never the address. */
  view(): WebhookView {
    return this.options.settings.webhook();
  }

  /** Changes the webhook; a new address is sealed in the secret box, `url: ''` removes it. */
  async update(patch: Partial<WebhookSettings>): Promise<WebhookView> {
    const { settings } = this.options;
    const current = settings.webhook();
    const { url, ...options } = patch;
    const parsed = webhookSettingsSchema.safeParse({ ...withoutAddress(current), ...options, url: url ?? '' });
    if (!parsed.success) throw new ServiceError('invalid_input', 'Those webhook settings are not valid.', parsed.error.issues.map((i) => i.message).join('; '));
    const configured = url === undefined ? current.configured : url !== '';
    if (parsed.data.enabled && !configured) {
      throw new ServiceError('invalid_input', 'The webhook is turned on but has no address.', 'Give the URL your chat or pager service gave you.');
    }
    if (url !== undefined) {
      if (url === '') this.address.clear();
      else await this.address.store(url);
      settings.forgetPlainWebhookAddress();
    } else {
      await this.sealPlainAddress();
    }
    const { url: _sealed, ...rest } = parsed.data;
    return settings.setWebhook({ ...rest, configured, host: url === undefined ? current.host : redactedHost(url) });
  }

  /** Posts a made-up alert marked as a test, and says whether it arrived. */
  async test(): Promise<WebhookResult> {
    const webhook = this.options.settings.webhook();
    const url = webhook.configured ? await this.url() : null;
    if (url === null) throw new ServiceError('invalid_input', 'No webhook address is set.', 'Set the webhook URL first.');
    const alert: Alert = {
      id: randomUUID(),
      atMs: this.options.clock.now(),
      subject: { kind: 'collator', id: 'test' },
      subjectName: 'Test',
      rule: 'best-stalled',
      from: 'ok',
      to: 'warn',
      message: 'This is a test alert from Parachain Console.',
      acknowledged: false,
    };
    return postWebhook({ ...webhook, url }, { source: 'parachain-console', test: true, alert }, { timeoutMs: 10_000, delay: this.options.delay ?? realDelay });
  }

  /**
   * Posts the alert in the background when the webhook is on and either side
   * of the change reaches its lowest level (so the recovery from a CRIT is
   * sent too). A para that holds no core (its diagnosis says so) is
   * information, counted as OK: it pages only a webhook that takes every
   * change. The payload carries the diagnosis with the alert. A failed
   * delivery is logged; nothing waits for it but `idle()`.
   */
  deliver(alert: Alert): void {
    const { log } = this.options;
    const webhook = this.options.settings.webhook();
    if (!webhook.enabled || !webhook.configured) return;
    const rank = isNoCoreAlert(alert) ? levelRank('ok') : Math.max(levelRank(alert.to), levelRank(alert.from));
    if (rank < levelRank(webhook.minLevel)) return;
    const delivery = this.url().then(async (url) => {
      if (url === null) return;
      const result = await postWebhook({ ...webhook, url }, { source: 'parachain-console', test: false, alert }, { timeoutMs: 10_000, delay: this.options.delay ?? realDelay });
      if (!result.delivered) log.warn(`health: webhook not delivered after ${result.attempts} attempts: ${result.error}`);
    }, (error: unknown) => log.warn('health: the webhook address could not be opened', error));
    this.options.work.track(delivery);
  }

  /** An address left in the clear (the box was locked at start) is sealed as soon as the box opens. */
  sealOnceUnlocked(): void {
    if (this.options.settings.plainWebhookAddress() !== null && this.options.secrets?.state().status === 'ready') this.options.work.track(this.sealPlainAddress());
  }

  /**
   * Moves an address found in the clear in the settings file (written before
   * addresses were sealed) into the secret box, and rewrites the file without
   * it. While the box is locked it stays where it was, and is moved on the next try.
   */
  async sealPlainAddress(): Promise<void> {
    const { settings, log } = this.options;
    const plain = settings.plainWebhookAddress();
    if (plain === null) return;
    try {
      await this.address.store(plain);
      settings.forgetPlainWebhookAddress();
      log.info('health: the webhook address is now kept in the secret box');
    } catch (error) {
      log.warn('health: the webhook address stays in the settings file until the secret box is unlocked', error);
    }
  }

  /** The address to post to: opened from the secret box, or the old one still in the clear until it can be sealed. */
  private async url(): Promise<string | null> {
    await this.sealPlainAddress();
    return this.options.settings.plainWebhookAddress() ?? this.address.read();
  }
}

/** The stored options, shaped as the settings schema so a patch can be checked against it. */
function withoutAddress(view: WebhookView): Omit<WebhookSettings, 'url'> {
  return { enabled: view.enabled, minLevel: view.minLevel, maxAttempts: view.maxAttempts, firstRetryDelayMs: view.firstRetryDelayMs };
}
