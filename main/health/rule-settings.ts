import {
  collatorThresholdsSchema,
  healthRulesSchema,
  parachainThresholdsSchema,
  webhookViewSchema,
  type CollatorThresholds,
  type HealthRules,
  type ParachainThresholds,
  type RulesUpdate,
  type WebhookView,
} from '../../shared/contract/health';
import { ServiceError } from '../errors/service-error';
import { redactedHost } from '../alerts/webhook-address';
import { readJsonFile, writeJsonFile } from './json-file';

interface SettingsFile {
  rules: HealthRules;
  /** Whether an address is set and its host; the address itself is sealed elsewhere (WebhookAddress). */
  webhook: WebhookView;
}

/**
 * The operator's rule thresholds (defaults, per collator, per parachain) and
 * webhook, persisted in the data folder. An unreadable file falls back to
 * defaults field by field rather than losing every override.
 */
export class RuleSettings {
  private current: SettingsFile;
  private readonly collatorThresholds = new Map<string, CollatorThresholds>();
  private readonly parachainThresholds = new Map<number, ParachainThresholds>();
  /** A webhook address found in the clear in a file written before it was sealed; gone once moved into the secret box. */
  private plainWebhookUrl: string | null;

  constructor(private readonly filePath: string) {
    const loaded = load(filePath);
    this.current = loaded.file;
    this.plainWebhookUrl = loaded.plainWebhookUrl;
  }

  rules(): HealthRules {
    return this.current.rules;
  }

  webhook(): WebhookView {
    return this.current.webhook;
  }

  /** The address still in the clear in the settings file, if the file predates sealing it. */
  plainWebhookAddress(): string | null {
    return this.plainWebhookUrl;
  }

  /**
   * Judging reads every watched subject's thresholds each time any signal arrives (200 remote collators: thousands of
   * reads a second), so each subject's parsed thresholds are kept until the rules change. Frozen: callers share them.
   */
  forCollator(id: string): CollatorThresholds {
    let thresholds = this.collatorThresholds.get(id);
    if (thresholds === undefined) {
      thresholds = Object.freeze(collatorThresholdsSchema.parse({ ...this.current.rules.collatorDefaults, ...this.current.rules.collators[id] }));
      this.collatorThresholds.set(id, thresholds);
    }
    return thresholds;
  }

  forParachain(paraId: number): ParachainThresholds {
    let thresholds = this.parachainThresholds.get(paraId);
    if (thresholds === undefined) {
      thresholds = Object.freeze(parachainThresholdsSchema.parse({ ...this.current.rules.parachainDefaults, ...this.current.rules.parachains[String(paraId)] }));
      this.parachainThresholds.set(paraId, thresholds);
    }
    return thresholds;
  }

  updateRules(update: RulesUpdate): HealthRules {
    const rules = structuredClone(this.current.rules);
    switch (update.scope) {
      case 'collator-defaults':
        rules.collatorDefaults = { ...rules.collatorDefaults, ...update.patch };
        break;
      case 'parachain-defaults':
        rules.parachainDefaults = { ...rules.parachainDefaults, ...update.patch };
        break;
      case 'collator':
        rules.collators[update.id] = { ...rules.collators[update.id], ...update.patch };
        break;
      case 'parachain':
        rules.parachains[String(update.paraId)] = { ...rules.parachains[String(update.paraId)], ...update.patch };
        break;
      case 'reset-collator':
        delete rules.collators[update.id];
        break;
      case 'reset-parachain':
        delete rules.parachains[String(update.paraId)];
        break;
    }
    const parsed = healthRulesSchema.safeParse(rules);
    if (!parsed.success) throw new ServiceError('invalid_input', 'Those thresholds are not valid.', parsed.error.issues.map((i) => i.message).join('; '));
    this.current = { ...this.current, rules: parsed.data };
    this.collatorThresholds.clear();
    this.parachainThresholds.clear();
    this.save();
    return parsed.data;
  }

  setWebhook(webhook: WebhookView): WebhookView {
    this.current = { ...this.current, webhook: webhookViewSchema.parse(webhook) };
    this.save();
    return this.current.webhook;
  }

  /** Once the old address is sealed (or replaced), the file is rewritten without it. */
  forgetPlainWebhookAddress(): void {
    if (this.plainWebhookUrl === null) return;
    this.plainWebhookUrl = null;
    this.save();
  }

  private save(): void {
    // Until it is sealed, the old address stays where it was rather than being lost.
    const webhook = this.plainWebhookUrl === null ? this.current.webhook : { ...this.current.webhook, url: this.plainWebhookUrl };
    writeJsonFile(this.filePath, { ...this.current, webhook });
  }
}

function load(filePath: string): { file: SettingsFile; plainWebhookUrl: string | null } {
  const raw = readJsonFile(filePath);
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules = healthRulesSchema.safeParse(record.rules ?? {});
  const { view, plainUrl } = webhookOf(record.webhook);
  return { file: { rules: rules.success ? rules.data : healthRulesSchema.parse({}), webhook: view }, plainWebhookUrl: plainUrl };
}

/** The stored webhook; a file from before sealing holds `url` in the clear, which is taken out here to be moved into the box. */
function webhookOf(stored: unknown): { view: WebhookView; plainUrl: string | null } {
  const record = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
  const url = typeof record.url === 'string' && record.url !== '' ? record.url : null;
  delete record.url;
  if (url !== null) Object.assign(record, { configured: true, host: redactedHost(url) });
  const view = webhookViewSchema.safeParse(record);
  return { view: view.success ? view.data : webhookViewSchema.parse({}), plainUrl: url };
}
