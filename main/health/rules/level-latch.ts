import type { HealthLevel } from '../../../shared/contract/health';

const rank: Record<HealthLevel, number> = { ok: 0, warn: 1, crit: 2 };

/** How bad a level is, for sorting findings and for the webhook's lowest level: ok 0, warn 1, crit 2. */
export function levelRank(level: HealthLevel): number {
  return rank[level];
}

export function worse(a: HealthLevel, b: HealthLevel): HealthLevel {
  return rank[a] >= rank[b] ? a : b;
}

export interface LatchChange {
  from: HealthLevel;
  to: HealthLevel;
}

/**
 * Hysteresis for one rule on one subject. A level is taken as soon as the
 * signal reaches it (a fault is reported at once) and held until the signal
 * has stayed below it for `clearDwellMs`. A signal flapping between OK and
 * WARN therefore raises one WARN and clears once, after it has settled; a CRIT
 * that eases into flapping steps down to WARN, not to OK.
 */
export class LevelLatch {
  level: HealthLevel = 'ok';
  sinceMs: number;
  /** When the raw signal was last at or above each level. */
  private readonly lastAtLeastMs: { warn: number | null; crit: number | null } = { warn: null, crit: null };

  constructor(nowMs: number) {
    this.sinceMs = nowMs;
  }

  update(raw: HealthLevel, nowMs: number, clearDwellMs: number): LatchChange | null {
    if (rank[raw] >= rank.warn) this.lastAtLeastMs.warn = nowMs;
    if (rank[raw] >= rank.crit) this.lastAtLeastMs.crit = nowMs;
    const { warn, crit } = this.lastAtLeastMs;
    // Written out rather than as a small helper: this runs for every rule of every subject on every signal.
    const next: HealthLevel = raw === 'crit' || (crit !== null && nowMs - crit < clearDwellMs) ? 'crit' : raw === 'warn' || (warn !== null && nowMs - warn < clearDwellMs) ? 'warn' : 'ok';
    // Never step up through a held level the raw signal did not reach.
    const to = rank[next] > rank[this.level] ? raw : next;
    if (to === this.level) return null;
    const change = { from: this.level, to };
    this.level = to;
    this.sinceMs = nowMs;
    return change;
  }
}
