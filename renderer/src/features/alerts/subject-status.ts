import type { CollatorState } from '../../../../shared/contract/collators';
import type { CollatorHealth, Finding, HealthLevel } from '../../../../shared/contract/health';

export interface CollatorStatusRow {
  id: string;
  name: string;
  level: HealthLevel | 'idle';
  findings: Pick<Finding, 'rule' | 'level' | 'message' | 'hint' | 'diagnosis'>[];
  /** Where the verdict comes from: the health monitor's rules, or only the supervisor's view of the process. */
  source: 'health' | 'supervisor';
}

/**
 * One line per collator for the status table. The health monitor's verdict
 * wins; a collator it does not watch still shows what the supervisor knows,
 * so a crash loop is never hidden behind "not watched".
 */
export function collatorStatusRows(
  profiles: ReadonlyArray<{ profile: { id: string; name: string }; state: CollatorState }>,
  health: readonly CollatorHealth[],
): CollatorStatusRow[] {
  const rows: CollatorStatusRow[] = [];
  for (const { profile, state } of profiles) {
    const watched = health.find((entry) => entry.id === profile.id);
    if (watched) rows.push({ id: profile.id, name: profile.name, level: watched.level, findings: watched.findings.filter(shownFinding), source: 'health' });
    else rows.push({ id: profile.id, name: profile.name, ...supervisorVerdict(state), source: 'supervisor' });
  }
  for (const entry of health) {
    if (!profiles.some((row) => row.profile.id === entry.id)) {
      rows.push({ id: entry.id, name: entry.name, level: entry.level, findings: entry.findings.filter(shownFinding), source: 'health' });
    }
  }
  return rows;
}

/** A fault, or a stall the console found to be no core: shown as information at level OK, never hidden. */
export function shownFinding(finding: Pick<Finding, 'level' | 'diagnosis'>): boolean {
  return finding.level !== 'ok' || finding.diagnosis?.verdict === 'idle';
}

function supervisorVerdict(state: CollatorState): Pick<CollatorStatusRow, 'level' | 'findings'> {
  switch (state.status) {
    case 'crash-loop':
      return {
        level: 'crit',
        findings: [{ rule: 'crash-loop', level: 'crit', message: `Crash loop: the node crashed ${state.restarts} times and the console stopped restarting it.`, hint: 'Read the end of its log for the cause, fix it, then start it again.' }],
      };
    case 'backoff':
      return { level: 'warn', findings: [{ rule: 'process-down', level: 'warn', message: 'The node crashed and is waiting to be restarted.' }] };
    case 'running':
    case 'starting':
      return { level: 'ok', findings: [] };
    case 'stopping':
    case 'stopped':
      return state.lastExit?.crashed
        ? { level: 'crit', findings: [{ rule: 'process-down', level: 'crit', message: 'The node crashed and is not running.', hint: 'Start it again from the Collators page.' }] }
        : { level: 'idle', findings: [] };
  }
}
