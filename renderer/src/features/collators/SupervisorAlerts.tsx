import type { ReactElement } from 'react';
import type { CollatorAlert } from '../../../../shared/contract/collators';
import { formatClock } from '../../components/charts/units';
import type { CollatorRow } from './use-collators';

/**
 * What the supervisor raised while this screen was open: a crash loop or a
 * start that failed, in its words with what to do. A node still in a crash
 * loop is shown even if its alert came before the screen opened.
 */
export function SupervisorAlerts({ alerts, rows, onDismiss }: { alerts: CollatorAlert[]; rows: CollatorRow[]; onDismiss: (alert: CollatorAlert) => void }): ReactElement | null {
  const shown = alerts.filter((alert) => alert.kind !== 'orphans-found');
  const looping = rows.filter((row) => row.state.status === 'crash-loop' && !shown.some((alert) => alert.profileId === row.profile.id && alert.kind === 'crash-loop'));
  if (shown.length === 0 && looping.length === 0) return null;
  const nameOf = (id: string): string => rows.find((row) => row.profile.id === id)?.profile.name ?? id;
  return (
    <div className="notices" aria-label="Collator alerts">
      {shown.map((alert) => (
        <div key={`${alert.profileId}-${alert.kind}-${alert.at}`} className="banner banner-error supervisor-alert" role="alert">
          <div>
            <strong>
              {nameOf(alert.profileId)}: {alert.message}
            </strong>
            {alert.hint ? <p>{alert.hint}</p> : null}
            <p className="muted small">{formatClock(alert.at)}</p>
          </div>
          <button type="button" className="button button-ghost" onClick={() => onDismiss(alert)}>
            Dismiss
          </button>
        </div>
      ))}
      {looping.map((row) => (
        <div key={row.profile.id} className="banner banner-error supervisor-alert" role="alert">
          <div>
            <strong>{row.profile.name} is in a crash loop: the console stopped restarting it.</strong>
            <p>Read the end of its log for the cause, fix it, then start it again.</p>
          </div>
        </div>
      ))}
    </div>
  );
}
