import type { ReactElement } from 'react';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatClock } from '../../components/charts/units';
import { ErrorMessage } from '../../components/ErrorMessage';

/**
 * Collator processes left running by a previous session. The console never
 * starts a node twice: the operator adopts them (follow their logs and
 * liveness) or stops them.
 */
export function OrphansPanel(): ReactElement | null {
  const orphans = useApiQuery('collators.listOrphans', {});
  const resolve = useApiMutation('collators.resolveOrphans', { invalidates: ['collators.listOrphans', 'collators.list', 'app.notices'] });
  if (!orphans.data?.length) return null;
  const count = orphans.data.length;
  return (
    <section className="banner banner-warning orphans" aria-label="Collators left running">
      <div className="orphans-body">
        <strong>
          {count === 1 ? 'A collator node is' : `${count} collator nodes are`} still running from a previous session.
        </strong>
        <p>Adopt to supervise them again without restarting, or stop them.</p>
        <ul className="orphans-list">
          {orphans.data.map((orphan) => (
            <li key={orphan.profileId}>
              <strong>{orphan.profileName ?? orphan.profileId}</strong> <span className="muted">pid {orphan.pid}, started {formatClock(orphan.startedAt)}</span>
              <div className="mono muted orphan-command">{orphan.commandLine.join(' ')}</div>
            </li>
          ))}
        </ul>
        {resolve.error ? <ErrorMessage error={resolve.error} /> : null}
      </div>
      <div className="orphans-actions">
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ action: 'adopt' })}>
          Adopt {count === 1 ? 'it' : 'all'}
        </button>
        <button type="button" className="button button-secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ action: 'stop' })}>
          Stop {count === 1 ? 'it' : 'all'}
        </button>
      </div>
    </section>
  );
}
