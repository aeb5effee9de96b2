import { useState, type ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatBlockNumber, formatClock } from '../../components/charts/units';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LogViewer } from '../../components/log-viewer/LogViewer';
import { WhyNotAdvancing } from '../diagnosis/WhyNotAdvancing';
import { CollatorCharts } from '../health/CollatorCharts';
import { useHealthStatus } from '../health/use-health-status';
import type { CollatorRow } from './use-collators';
import { ExportMenu, ExportPanel, type ExportTarget } from './CollatorExport';
import { GenesisExport } from './GenesisExport';
import { availableActions, describeStatus, exitWords } from './node-status';
import { NodeActions } from './NodeActions';
import { StatusBadge } from './StatusBadge';
import { useLogFeed } from './use-log-feed';

/** One collator: what it is doing, its charts, its live log, and the jobs done with it. */
export function CollatorDetail({
  row,
  now,
  onState,
  onEdit,
  onDeleted,
}: {
  row: CollatorRow;
  now: number;
  onState: (state: CollatorState) => void;
  onEdit: () => void;
  onDeleted: () => void;
}): ReactElement {
  const { profile, state } = row;
  const details = useApiQuery('collators.get', { id: profile.id });
  const logs = useLogFeed(profile.id);
  const status = describeStatus(state, now);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [exportTarget, setExportTarget] = useState<ExportTarget | null>(null);
  const remove = useApiMutation('collators.delete', { invalidates: ['collators.list'] });
  const actions = availableActions(state);
  const health = useHealthStatus().status?.collators.find((entry) => entry.id === profile.id);
  const blocksAuthored = health?.blocksAuthored;

  return (
    <section className="collator-detail" aria-label={`Collator ${profile.name}`}>
      <div className="card">
        <header className="detail-head">
          <div>
            <h2>
              {profile.name} <StatusBadge state={state} now={now} />
            </h2>
            <p className="muted">
              {status.detail ?? ' '}
              {profile.binaryVersion ? <span> · {profile.binaryVersion}</span> : null}
            </p>
          </div>
          <div className="detail-actions">
            <NodeActions state={state} onState={onState} withRestart />
            <button type="button" className="button button-secondary" onClick={onEdit}>
              Edit
            </button>
            <ExportMenu onChoose={setExportTarget} />
            <button type="button" className="button button-secondary" disabled={!actions.remove} title={actions.remove ? undefined : 'Stop the node before deleting its profile.'} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          </div>
        </header>
        {exportTarget ? <ExportPanel profileId={profile.id} profileName={profile.name} target={exportTarget} onClose={() => setExportTarget(null)} /> : null}
        {confirmDelete ? (
          <div className="banner banner-warning confirm-delete" role="alertdialog" aria-label={`Delete ${profile.name}?`}>
            <div>
              <strong>Delete the profile “{profile.name}”?</strong>
              <p>The console forgets how to run this node. Its database, keys and log files under the base path stay on disk.</p>
              {remove.error ? <ErrorMessage error={remove.error} /> : null}
            </div>
            <div className="detail-actions">
              <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: profile.id }, { onSuccess: onDeleted })}>
                Delete profile
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirmDelete(false)} autoFocus>
                Keep it
              </button>
            </div>
          </div>
        ) : null}
        <div className="card-body detail-facts">
          <dl className="facts">
            <dt>Process</dt>
            <dd>
              {state.pid ? `pid ${state.pid}` : 'not running'}
              {state.startedAt && state.pid ? <span className="muted"> · since {formatClock(state.startedAt)}</span> : null}
            </dd>
            <dt>Restarts</dt>
            <dd>
              {state.restarts}
              {state.lastExit ? (
                <span className="muted">
                  {' '}
                  · last exit {formatClock(state.lastExit.at)}, {exitWords(state.lastExit)}
                  {state.lastExit.crashed ? ' (crash)' : ''}
                </span>
              ) : null}
            </dd>
            <dt>Parachain</dt>
            <dd>
              best {formatBlockNumber(state.para.best)}, finalized {formatBlockNumber(state.para.finalized)}, {state.para.peers ?? '—'} peers
            </dd>
            <dt>Relay chain</dt>
            <dd>
              best {formatBlockNumber(state.relay.best)}, finalized {formatBlockNumber(state.relay.finalized)}, {state.relay.peers ?? '—'} peers
            </dd>
            <dt>Authored</dt>
            <dd>
              {state.lastAuthored === null ? 'No block yet' : `last ${formatBlockNumber(state.lastAuthored)}`}
              {blocksAuthored !== null && blocksAuthored !== undefined ? <span className="muted"> · {blocksAuthored.toLocaleString('en-US')} in total (its metrics)</span> : null}
            </dd>
            <dt>Log</dt>
            <dd>
              <span className={state.errors > 0 ? 'text-crit' : undefined}>{state.errors} errors</span>,{' '}
              <span className={state.warnings > 0 ? 'text-warn' : undefined}>{state.warnings} warnings</span>
            </dd>
          </dl>
          <dl className="facts">
            <dt>Parachain ports</dt>
            <dd className="mono ports">
              p2p {profile.ports.para.p2p} · rpc {profile.ports.para.rpc} · prometheus {profile.ports.para.prometheus}
            </dd>
            <dt>Relay ports</dt>
            <dd className="mono ports">
              p2p {profile.ports.relay.p2p} · rpc {profile.ports.relay.rpc} · prometheus {profile.ports.relay.prometheus}
            </dd>
            <dt>Relay</dt>
            <dd>{profile.relay.mode === 'embedded' ? `embedded node, ${profile.relay.chain}${profile.relay.syncMode ? `, ${profile.relay.syncMode} sync` : ''}` : `RPC ${profile.relay.rpcUrls.join(', ')}`}</dd>
            <dt>Base path</dt>
            <dd className="mono">{profile.basePath}</dd>
            <dt>Logs</dt>
            <dd className="mono" title={state.logFile ?? undefined}>{state.logFile ? logFolderOf(state.logFile) : '—'}</dd>
          </dl>
        </div>
        {details.data ? (
          <details className="command-line">
            <summary>Command line</summary>
            <code className="mono">{details.data.commandLine.join(' ')}</code>
          </details>
        ) : null}
      </div>

      <WhyNotAdvancing subject={{ kind: 'collator', id: profile.id }} readAgainOn={`${state.status}:${health ? `${health.level}:rpc ${health.rpc}:metrics ${health.metrics}` : 'unwatched'}`} />

      <CollatorCharts profileId={profile.id} state={state} />

      <LogViewer store={logs} label={`Log of ${profile.name}`} />

      <div className="card">
        <h2 className="card-title">Genesis artifacts</h2>
        <div className="card-body">
          <p className="muted genesis-intro">Export the genesis head, validation code and raw chain spec with this node's binary, to register the parachain.</p>
          <GenesisExport profileId={profile.id} />
        </div>
      </div>
    </section>
  );
}

/** The run's files (the node's own output and its size-cut segments) share one folder: that is what the operator opens. */
function logFolderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut === -1 ? file : file.slice(0, cut + 1);
}
