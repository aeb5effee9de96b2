import { useCallback, type ReactElement } from 'react';
import { EmptyState, PageHeader } from '../../components/layout';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ParachainOverview } from '../health/ParachainOverview';
import { useNow } from '../health/use-health-status';
import { CollatorDetail } from './CollatorDetail';
import { CollatorTable } from './CollatorTable';
import { useCollatorsView } from './collators-route';
import { OrphansPanel } from './OrphansPanel';
import { ProfileForm } from './ProfileForm';
import { SupervisorAlerts } from './SupervisorAlerts';
import { useCollators } from './use-collators';
import './collators.css';

/**
 * The collators dashboard: every node with its live state, the selected
 * node's charts and log, and the forms to add and change them.
 */
export function CollatorsPage(): ReactElement {
  const [view, setView] = useCollatorsView();
  const { rows, error, isLoading, putState, alerts, dismissAlert } = useCollators();
  const now = useNow();
  const selectedId = view.kind === 'detail' || view.kind === 'edit' ? view.id : null;
  const select = useCallback((id: string) => setView({ kind: 'detail', id }), [setView]);
  const selected = rows?.find((row) => row.profile.id === selectedId);

  return (
    <>
      <PageHeader
        title="Collators"
        description="The collator nodes this console runs and watches."
        actions={
          view.kind !== 'new' ? (
            <button type="button" className="button" onClick={() => setView({ kind: 'new' })}>
              Add collator
            </button>
          ) : null
        }
      />
      <OrphansPanel />
      <SupervisorAlerts alerts={alerts} rows={rows ?? []} onDismiss={dismissAlert} />
      <ParachainOverview compact />
      {error ? <ErrorMessage error={error} /> : null}

      {view.kind === 'new' ? <ProfileForm onDone={(saved) => setView({ kind: 'detail', id: saved.id })} onCancel={() => setView({ kind: 'list' })} /> : null}
      {view.kind === 'edit' && selected ? (
        <ProfileForm key={selected.profile.id} profile={selected.profile} onDone={(saved) => setView({ kind: 'detail', id: saved.id })} onCancel={() => setView({ kind: 'detail', id: selected.profile.id })} />
      ) : null}

      {rows && rows.length === 0 && view.kind !== 'new' ? (
        <EmptyState title="No collator yet" action={<button type="button" className="button" onClick={() => setView({ kind: 'new' })}>Add collator</button>}>
          Add a collator profile with its binary and chain spec; the console starts it, restarts it when it crashes and keeps its logs.
        </EmptyState>
      ) : null}
      {rows && rows.length > 0 ? (
        <CollatorTable rows={rows} now={now} selectedId={selectedId} onSelect={select} onState={putState} />
      ) : null}
      {isLoading ? <p className="muted">Loading collators…</p> : null}

      {view.kind === 'detail' && selected ? (
        <CollatorDetail
          key={selected.profile.id}
          row={selected}
          now={now}
          onState={putState}
          onEdit={() => setView({ kind: 'edit', id: selected.profile.id })}
          onDeleted={() => setView({ kind: 'list' })}
        />
      ) : null}
      {selectedId && rows && !selected ? <ErrorMessage error={new Error('This collator profile no longer exists.')} /> : null}
    </>
  );
}
