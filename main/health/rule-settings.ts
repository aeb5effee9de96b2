import {
  collatorThresholdsSchema,
  healthRulesSchema,
  parachainThresholdsSchema,
  webhookSettingsSchema,
  type CollatorThresholds,
  type HealthRules,
  type ParachainThresholds,
  type RulesUpdate,
  type WebhookSettings,
} from '../../shared/contract/health';
import { ServiceError } from '../errors/service-error';
import { readJsonFile, writeJsonFile } from './json-file';

interface SettingsFile {
  rules: HealthRules;
  webhook: WebhookSettings;
}

/**
 * The operator's rule thresholds (defaults, per collator, per parachain) and
 * webhook, persisted in the data folder. An unreadable file falls back to
 * defaults field by field rather than losing every override.
 */
export class RuleSettings {
  private current: SettingsFile;

  constructor(private readonly filePath: string) {
    this.current = load(filePath);
  }

  rules(): HealthRules {
    return this.current.rules;
  }

  webhook(): WebhookSettings {
    return this.current.webhook;
  }

  forCollator(id: string): CollatorThresholds {
    return collatorThresholdsSchema.parse({ ...this.current.rules.collatorDefaults, ...this.current.rules.collators[id] });
  }

  forParachain(paraId: number): ParachainThresholds {
    return parachainThresholdsSchema.parse({ ...this.current.rules.parachainDefaults, ...this.current.rules.parachains[String(paraId)] });
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
    this.save();
    return parsed.data;
  }

  updateWebhook(patch: Partial<WebhookSettings>): WebhookSettings {
    const parsed = webhookSettingsSchema.safeParse({ ...this.current.webhook, ...patch });
    if (!parsed.success) throw new ServiceError('invalid_input', 'Those webhook settings are not valid.', parsed.error.issues.map((i) => i.message).join('; '));
    if (parsed.data.enabled && parsed.data.url === '') {
      throw new ServiceError('invalid_input', 'The webhook is turned on but has no address.', 'Give the URL your chat or pager service gave you.');
    }
    this.current = { ...this.current, webhook: parsed.data };
    this.save();
    return parsed.data;
  }

  private save(): void {
    writeJsonFile(this.filePath, this.current);
  }
}

function load(filePath: string): SettingsFile {
  const raw = readJsonFile(filePath);
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules = healthRulesSchema.safeParse(record.rules ?? {});
  const webhook = webhookSettingsSchema.safeParse(record.webhook ?? {});
  return {
    rules: rules.success ? rules.data : healthRulesSchema.parse({}),
    webhook: webhook.success ? webhook.data : webhookSettingsSchema.parse({}),
  };
}
