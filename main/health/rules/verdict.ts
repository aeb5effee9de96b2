import type { HealthLevel, RuleId } from '../../../shared/contract/health';

/** What one rule says about the signal right now, before hysteresis. */
export interface Verdict {
  rule: RuleId;
  level: HealthLevel;
  message: string;
  hint?: string;
}

export function ok(rule: RuleId, message = 'Fine.'): Verdict {
  return { rule, level: 'ok', message };
}

/** Picks WARN or CRIT by how far `value` has gone past two thresholds (higher is worse). */
export function levelAbove(value: number, warnAt: number, critAt: number): HealthLevel {
  if (value >= critAt) return 'crit';
  if (value >= warnAt) return 'warn';
  return 'ok';
}

/** The same for signals where lower is worse. */
export function levelBelow(value: number, warnBelow: number, critBelow: number): HealthLevel {
  if (value < critBelow) return 'crit';
  if (value < warnBelow) return 'warn';
  return 'ok';
}

export function seconds(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1_000)} s`;
}
