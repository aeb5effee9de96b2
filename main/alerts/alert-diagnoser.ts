import type { Alert, AlertDiagnosis, Finding, HealthLevel, RuleId, Subject } from '../../shared/contract/health';
import type { DiagnosisSubject } from '../../shared/contract/diagnosis';

/** Reads the diagnosis of one subject (the console's one DiagnosisService). */
export type ReadDiagnosis = (subject: DiagnosisSubject) => Promise<AlertDiagnosis>;

/** The rules whose alerts say why: a parachain not included, a collator stalled or not authoring. */
const DIAGNOSED_RULES: Record<Subject['kind'], ReadonlySet<RuleId>> = {
  parachain: new Set<RuleId>(['not-included']),
  collator: new Set<RuleId>(['not-authoring', 'best-stalled']),
};

/**
 * A diagnosis reads the relay, the Coretime chain and the collator's node;
 * a node that does not answer must not hold the alert back for long.
 */
export const DIAGNOSIS_TIMEOUT_MS = 15_000;

/**
 * Whether an alert is read a diagnosis for: when one of the diagnosed rules
 * raises (ok to warn or crit), and again when it escalates to crit, since the
 * cause may have changed by then (a routine expired collation becomes a
 * collator that never reaches the validators). A recovery or a step down
 * needs none.
 */
export function wantsDiagnosis(alert: Pick<Alert, 'subject' | 'rule' | 'from' | 'to'>): boolean {
  if (!DIAGNOSED_RULES[alert.subject.kind].has(alert.rule)) return false;
  return alert.to === 'crit' || (alert.to === 'warn' && alert.from === 'ok');
}

/**
 * A diagnosis that says the para holds no core (verdict `idle`: an idle
 * on-demand para, a region or lease that ended): nothing is broken, so the
 * alert is information and pages no one.
 */
export function isNoCoreAlert(alert: Pick<Alert, 'diagnosis'>): boolean {
  return alert.diagnosis?.verdict === 'idle';
}

/**
 * A subject's findings as the status and the tray show them: a fault whose
 * diagnosis is `idle` (no core, a region or lease that ended, an on-demand
 * para without an order or funds, a para still onboarding) is information,
 * not a fault of anyone's node: it stays in the list with its diagnosis but
 * at level ok, so it never turns the subject, the tray or the summary WARN
 * or CRIT while the rule's latch still counts the stall.
 */
export function informationForNoCore<T extends Pick<Finding, 'level' | 'diagnosis'>>(findings: T[]): { level: HealthLevel; findings: T[] } {
  const shown = findings.map((finding) => (finding.level !== 'ok' && finding.diagnosis?.verdict === 'idle' ? { ...finding, level: 'ok' as const } : finding));
  const rank = { ok: 0, warn: 1, crit: 2 } as const;
  shown.sort((a, b) => rank[b.level] - rank[a.level]);
  const level = shown.reduce<HealthLevel>((worst, finding) => (rank[finding.level] > rank[worst] ? finding.level : worst), 'ok');
  return { level, findings: shown };
}

/** The alert with the diagnosis of its subject, or as it was when the diagnosis cannot be read (said in the log by the caller). */
export async function diagnoseAlert(alert: Alert, read: ReadDiagnosis, timeoutMs = DIAGNOSIS_TIMEOUT_MS): Promise<{ alert: Alert; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const diagnosis = await Promise.race([
      read(alert.subject),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no diagnosis in ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      }),
    ]);
    const { cause, verdict, words, nextStep } = diagnosis;
    return { alert: { ...alert, diagnosis: { cause, verdict, words, nextStep } } };
  } catch (error) {
    return { alert, error };
  } finally {
    clearTimeout(timer);
  }
}
