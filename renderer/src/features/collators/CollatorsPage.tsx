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
import { RemoteCollatorDetail } from './RemoteCollatorDetail';
import { RemoteCollatorForm } from './RemoteCollatorForm';
import { SupervisorAlerts } from './SupervisorAlerts';
import { useCollators } from './use-collators';
import { useRemoteCollators } from './use-remote-collators';
import './collators.css';

/**
 * The collators dashboard: the fleet (the nodes this console runs and the
 * remote ones it watches) with its live state, the selected node's charts and
 * log, and the forms to add and change them.
 */
export function CollatorsPage(): ReactElement {
  const [view, setView] = useCollatorsView();
  const { rows, error, isLoading, putState, alerts, dismissAlert } = useCollators();
  const remotes = useRemoteCollators();
  const now = useNow();
  const selectedId = view.kind === 'detail' || view.kind === 'edit' ? view.id : null;
  const select = useCallback((id: string) => setView({ kind: 'detail', id }), [setView]);
  const selected = rows?.find((row) => row.profile.id === selectedId);
  const selectedRemote = remotes.rows?.find((row) => row.remote.id === selectedId);
  const adding = view.kind === 'new' || view.kind === 'new-remote';
  const fleetSize = (rows?.length ?? 0) + (remotes.rows?.length ?? 0);
  const loaded = rows !== undefined && remotes.rows !== undefined;

  return (
    <>
      <PageHeader
        title="Collators"
        description="The collator nodes this console runs, and those it watches elsewhere."
        actions={
          !adding ? (
            <div className="detail-actions">
              <button type="button" className="button button-secondary" onClick={() => setView({ kind: 'new-remote' })}>
                Add remote collator
              </button>
              <button type="button" className="button" onClick={() => setView({ kind: 'new' })}>
                Add collator
              </button>
            </div>
          ) : null
        }
      />
      <OrphansPanel />
      <SupervisorAlerts alerts={alerts} rows={rows ?? []} onDismiss={dismissAlert} />
      <ParachainOverview compact />
      {error ? <ErrorMessage error={error} /> : null}
      {remotes.error ? <ErrorMessage error={remotes.error} /> : null}

      {view.kind === 'new' ? <ProfileForm onDone={(saved) => setView({ kind: 'detail', id: saved.id })} onCancel={() => setView({ kind: 'list' })} /> : null}
      {view.kind === 'new-remote' ? <RemoteCollatorForm onDone={(added) => setView({ kind: 'detail', id: added.id })} onCancel={() => setView({ kind: 'list' })} /> : null}
      {view.kind === 'edit' && selected ? (
        <ProfileForm key={selected.profile.id} profile={selected.profile} onDone={(saved) => setView({ kind: 'detail', id: saved.id })} onCancel={() => setView({ kind: 'detail', id: selected.profile.id })} />
      ) : null}

      {loaded && fleetSize === 0 && !adding ? (
        <EmptyState title="No collator yet" action={<button type="button" className="button" onClick={() => setView({ kind: 'new' })}>Add collator</button>}>
          Add a collator profile with its binary and chain spec; the console starts it, restarts it when it crashes and keeps its logs. A collator that runs
          elsewhere (systemd, Kubernetes) is added with “Add remote collator”, by its RPC address.
        </EmptyState>
      ) : null}
      {fleetSize > 0 ? (
        <CollatorTable rows={rows ?? []} remotes={remotes.rows ?? []} now={now} selectedId={selectedId} onSelect={select} onState={putState} />
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
      {view.kind === 'detail' && selectedRemote ? <RemoteCollatorDetail key={selectedRemote.remote.id} row={selectedRemote} onRemoved={() => setView({ kind: 'list' })} /> : null}
      {selectedId && loaded && !selected && !selectedRemote ? <ErrorMessage error={new Error('This collator no longer exists.')} /> : null}
    </>
  );
}
