import type { HealthLevel } from '../../../shared/contract/health';

const rank: Record<HealthLevel, number> = { ok: 0, warn: 1, crit: 2 };

export function worse(a: HealthLevel, b: HealthLevel): HealthLevel {
  return rank[a] >= rank[b] ? a : b;
}

export interface LatchChange {
  from: HealthLevel;
  to: HealthLevel;
}

/**
 * Hysteresis for one rule on one subject: a worse level is taken at once (a
 * fault is reported as soon as its threshold is met), a better one only after
 * the signal has stayed better for `clearDwellMs`, so a flapping signal raises
 * one alert and clears once instead of spamming.
 */
export class LevelLatch {
  level: HealthLevel = 'ok';
  sinceMs: number;
  private betterSinceMs: number | null = null;

  constructor(nowMs: number) {
    this.sinceMs = nowMs;
  }

  update(raw: HealthLevel, nowMs: number, clearDwellMs: number): LatchChange | null {
    if (rank[raw] > rank[this.level]) {
      this.betterSinceMs = null;
      return this.move(raw, nowMs);
    }
    if (rank[raw] === rank[this.level]) {
      this.betterSinceMs = null;
      return null;
    }
    this.betterSinceMs ??= nowMs;
    if (nowMs - this.betterSinceMs < clearDwellMs) return null;
    this.betterSinceMs = null;
    return this.move(raw, nowMs);
  }

  private move(to: HealthLevel, nowMs: number): LatchChange {
    const change = { from: this.level, to };
    this.level = to;
    this.sinceMs = nowMs;
    return change;
  }
}
