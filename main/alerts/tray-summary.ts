import type { Finding, HealthStatus } from '../../shared/contract/health';
import type { TrayHealth, TrayMenuItem } from '../platform/platform';

export interface CollatorControls {
  start(id: string): void;
  stop(id: string): void;
  /** Whether the console runs this collator; a remote one (run elsewhere) gets its state line but no start or stop. */
  runs?(id: string): boolean;
}

const mark = { ok: 'OK', warn: 'WARN', crit: 'CRIT' } as const;

/**
 * The tray icon's colour and the summary its tooltip shows. The shell puts
 * the product's name in front (main/app/tray-view.ts); doing it here too
 * gave "Parachain Console: Parachain Console: ...".
 */
export function trayHealth(status: HealthStatus): { health: TrayHealth; tooltip: string } {
  return { health: status.level, tooltip: status.summary };
}

/** One menu line per collator with its state, plus start/stop when the supervisor lends its controls. */
export function trayItems(status: HealthStatus, controls: CollatorControls | null): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  for (const collator of status.collators) {
    const worst = collator.findings.find((finding) => finding.level === collator.level && finding.level !== 'ok');
    items.push({ label: `${mark[collator.level]}  ${collator.name}${worst ? ` (${worst.rule})` : ''}`, enabled: false });
    if (controls === null || controls.runs?.(collator.id) === false) continue;
    if (collator.alive === false) items.push({ label: `    Start ${collator.name}`, onClick: () => controls.start(collator.id) });
    else items.push({ label: `    Stop ${collator.name}`, onClick: () => controls.stop(collator.id) });
  }
  return items;
}

/**
 * One problem in a line: its cause in plain words when the alert carried a
 * diagnosis ("Para 2000: No core assigned: …"), else the rule that fired.
 */
export function problemText(subjectName: string, finding: Pick<Finding, 'rule' | 'diagnosis'>): string {
  return `${subjectName}: ${finding.diagnosis?.words ?? finding.rule}`;
}

/**
 * A one-line summary: "3 collators, 1 parachain: all OK" or the counts of
 * WARN and CRIT. With nothing at WARN or CRIT, `firstProblem` is information
 * (a para with no core) and follows the OK: "…: all OK; Para 2000: No core assigned: …".
 */
export function summarise(collatorLevels: string[], parachainLevels: string[], firstProblem: string | null): string {
  const all = [...collatorLevels, ...parachainLevels];
  if (all.length === 0) return 'nothing watched';
  const crit = all.filter((level) => level === 'crit').length;
  const warn = all.filter((level) => level === 'warn').length;
  const watched = `${collatorLevels.length} collator${collatorLevels.length === 1 ? '' : 's'}, ${parachainLevels.length} parachain${parachainLevels.length === 1 ? '' : 's'}`;
  if (crit === 0 && warn === 0) return `${watched}: all OK${firstProblem ? `; ${firstProblem}` : ''}`;
  const counts = [crit > 0 ? `${crit} CRIT` : '', warn > 0 ? `${warn} WARN` : ''].filter(Boolean).join(', ');
  return `${watched}: ${counts}${firstProblem ? ` (${firstProblem})` : ''}`;
}
