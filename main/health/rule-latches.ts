import { randomUUID } from 'node:crypto';
import type { Alert, Finding, HealthLevel, RuleId, Subject } from '../../shared/contract/health';
import type { CollatorWatch } from './collator-watch';
import type { ParachainWatch } from './parachain-watch';
import type { RuleSettings } from './rule-settings';
import { evaluateCollator } from './rules/collator-rules';
import { LevelLatch, levelRank, worse } from './rules/level-latch';
import { evaluateParachain } from './rules/parachain-rules';
import type { Verdict } from './rules/verdict';

/** What the latches judge: the watcher's collators and parachains. */
export interface WatchedSubjects {
  collators(): Iterable<CollatorWatch>;
  parachains(): Iterable<ParachainWatch>;
  parachain(paraId: number): ParachainWatch | undefined;
}

/** One subject's worst held level and the findings behind it, worst first. */
export interface SubjectFindings {
  level: HealthLevel;
  findings: Finding[];
}

export interface RuleLatchesOptions {
  settings: Pick<RuleSettings, 'forCollator' | 'forParachain'>;
  /** A collator's stall threshold has just been crossed: judge again now rather than at the next probe round. */
  onStallThresholdDue: () => void;
}

/** Why a rule holds its level: the latch plus the words of the verdict that put it there. */
interface RuleState {
  latch: LevelLatch;
  message: string;
  hint?: string;
}

/**
 * Judges the rules of every watched subject against the operator's
 * thresholds and holds each rule's level with hysteresis (one latch per rule
 * per subject), so a flapping signal raises one alert, not one per probe.
 * It returns the level changes as alerts; telling anyone is not its job.
 */
export class RuleLatches {
  /** Per subject (see subjectKey), per rule, in the order the rules were first judged. */
  private readonly held = new Map<string, Map<RuleId, RuleState>>();
  /** Per collator, a wake-up at the moment its stall threshold will be crossed, so a stall is not left for the next probe tick. */
  private readonly wakeUps = new Map<string, { timer: NodeJS.Timeout; dueAtMs: number }>();

  constructor(private readonly options: RuleLatchesOptions) {}

  /**
   * Judges every watched collator, then every parachain; returns the level
   * changes. `armWakeUps` is true only while the monitor runs, so a test
   * judging by hand leaves no timer behind.
   */
  judge(watched: WatchedSubjects, nowMs: number, armWakeUps: boolean): Alert[] {
    const alerts: Alert[] = [];
    for (const watch of watched.collators()) alerts.push(...this.judgeCollator(watch, watched, nowMs, armWakeUps));
    for (const watch of watched.parachains()) alerts.push(...this.judgeParachain(watch, nowMs));
    return alerts;
  }

  findings(subject: Subject): SubjectFindings {
    const findings: Finding[] = [];
    let level: HealthLevel = 'ok';
    for (const [rule, state] of this.held.get(subjectKey(subject)) ?? []) {
      if (state.latch.level === 'ok') continue;
      level = worse(level, state.latch.level);
      findings.push({
        rule,
        level: state.latch.level,
        message: state.message,
        ...(state.hint !== undefined ? { hint: state.hint } : {}),
        sinceMs: state.latch.sinceMs,
      });
    }
    findings.sort((a, b) => levelRank(b.level) - levelRank(a.level));
    return { level, findings };
  }

  /** A subject no longer watched: its latches and any wake-up go with it. */
  forget(subject: Subject): void {
    if (subject.kind === 'collator') this.cancelWakeUp(subject.id);
    this.held.delete(subjectKey(subject));
  }

  /** Cancels every pending wake-up; the latches keep their levels. */
  stop(): void {
    for (const { timer } of this.wakeUps.values()) clearTimeout(timer);
    this.wakeUps.clear();
  }

  private judgeCollator(watch: CollatorWatch, watched: WatchedSubjects, nowMs: number, armWakeUps: boolean): Alert[] {
    const { target } = watch.state;
    const thresholds = this.options.settings.forCollator(target.id);
    const paraThresholds = this.options.settings.forParachain(target.paraId);
    const para = watched.parachain(target.paraId);
    const authorIndex = target.auraKey && para ? para.inclusion.authorityIndexOf(target.auraKey) : null;
    const subject: Subject = { kind: 'collator', id: target.id };
    const verdicts = evaluateCollator(watch.state, {
      nowMs,
      blockTimeMs: paraThresholds.blockTimeMs,
      thresholds,
      authorSetSize: para?.inclusion.authorityCount ?? 0,
      inAuthorSet: authorIndex !== null,
      lastAuthoredIncludedAtMs: authorIndex === null ? null : (para?.inclusion.state.authoredAtMs.get(authorIndex) ?? null),
      current: (rule) => this.held.get(subjectKey(subject))?.get(rule)?.latch.level ?? 'ok',
    });
    if (armWakeUps) this.wakeAtNextStallThreshold(watch, nowMs, [thresholds.stallWarnBlockTimes, thresholds.stallCritBlockTimes], paraThresholds.blockTimeMs);
    return this.latch(subject, target.name, verdicts, nowMs, thresholds.clearDwellBlockTimes * paraThresholds.blockTimeMs);
  }

  private judgeParachain(watch: ParachainWatch, nowMs: number): Alert[] {
    const thresholds = this.options.settings.forParachain(watch.target.paraId);
    const verdicts = evaluateParachain({ nowMs, name: watch.target.name, thresholds, inclusion: watch.inclusion.state, blockspace: watch.blockspace });
    return this.latch({ kind: 'parachain', paraId: watch.target.paraId }, watch.target.name, verdicts, nowMs, thresholds.clearDwellBlockTimes * thresholds.blockTimeMs);
  }

  private wakeAtNextStallThreshold(watch: CollatorWatch, nowMs: number, blockTimes: number[], blockTimeMs: number): void {
    const { id } = watch.state.target;
    const changedAtMs = watch.state.best?.changedAtMs;
    let dueAtMs: number | undefined;
    if (changedAtMs !== undefined) {
      for (const n of blockTimes) {
        const at = changedAtMs + n * blockTimeMs;
        if (at > nowMs) {
          dueAtMs = at;
          break;
        }
      }
    }
    // Every signal of any collator judges them all: a wake-up already set for the same moment stays as it is.
    if (dueAtMs !== undefined && this.wakeUps.get(id)?.dueAtMs === dueAtMs) return;
    this.cancelWakeUp(id);
    if (dueAtMs === undefined) return;
    const timer = setTimeout(() => {
      this.wakeUps.delete(id);
      this.options.onStallThresholdDue();
    }, dueAtMs - nowMs + 1);
    timer.unref();
    this.wakeUps.set(id, { timer, dueAtMs });
  }

  private cancelWakeUp(collatorId: string): void {
    clearTimeout(this.wakeUps.get(collatorId)?.timer);
    this.wakeUps.delete(collatorId);
  }

  private latch(subject: Subject, subjectName: string, verdicts: Verdict[], nowMs: number, clearDwellMs: number): Alert[] {
    const alerts: Alert[] = [];
    const key = subjectKey(subject);
    let rules = this.held.get(key);
    if (rules === undefined) {
      rules = new Map();
      this.held.set(key, rules);
    }
    for (const verdict of verdicts) {
      let state = rules.get(verdict.rule);
      if (state === undefined) {
        state = { latch: new LevelLatch(nowMs), message: verdict.message, hint: verdict.hint };
        rules.set(verdict.rule, state);
      }
      const change = state.latch.update(verdict.level, nowMs, clearDwellMs);
      // Keep the words of the fault while the latch holds it, even when the raw signal already looks better.
      if (verdict.level !== 'ok' || state.latch.level === 'ok') {
        state.message = verdict.message;
        state.hint = verdict.hint;
      }
      if (change === null) continue;
      alerts.push({
        id: randomUUID(),
        atMs: nowMs,
        subject,
        subjectName,
        rule: verdict.rule,
        from: change.from,
        to: change.to,
        message: change.to === 'ok' ? `${subjectName} recovered (${verdict.rule}).` : verdict.message,
        ...(change.to !== 'ok' && verdict.hint !== undefined ? { hint: verdict.hint } : {}),
        acknowledged: false,
      });
    }
    return alerts;
  }
}

function subjectKey(subject: Subject): string {
  return subject.kind === 'collator' ? `collator:${subject.id}` : `parachain:${subject.paraId}`;
}
