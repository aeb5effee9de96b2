import { useState, type ReactElement } from 'react';
import { useApiMutation } from '../../api/hooks';
import { formatBlockNumber } from '../../components/charts/units';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RemoteCollatorCharts } from './RemoteCollatorCharts';
import { WhyNotAdvancing } from '../diagnosis/WhyNotAdvancing';
import { describeRemote, type RemoteRow } from './use-remote-collators';

/**
 * One remote collator: whether it answers (and if not, why), its findings,
 * charts and session keys. What needs its process (CPU, memory, restarts,
 * log) is said to be elsewhere rather than shown empty.
 */
export function RemoteCollatorDetail({ row, onRemoved }: { row: RemoteRow; onRemoved: () => void }): ReactElement {
  const { remote, health } = row;
  const state = describeRemote(health);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const remove = useApiMutation('remotes.remove', { invalidates: ['remotes.list'] });
  const problems = health?.findings.filter((finding) => finding.level !== 'ok') ?? [];

  return (
    <section className="collator-detail" aria-label={`Collator ${remote.name}`}>
      <div className="card">
        <header className="detail-head">
          <div>
            <h2>
              {remote.name} <span className={state.tone === 'idle' ? 'badge status-badge' : `badge badge-${state.tone} status-badge`}>{state.label}</span>
            </h2>
            {/* What is wrong is listed under the facts, each finding once; here only where it runs. */}
            <p className="muted">Remote collator at {remote.endpoint.host}{problems.length === 0 && state.detail ? ` · ${state.detail}` : ''}</p>
          </div>
          <div className="detail-actions">
            <button type="button" className="button button-secondary" onClick={() => setConfirmRemove(true)}>
              Remove
            </button>
          </div>
        </header>
        {confirmRemove ? (
          <div className="banner banner-warning confirm-delete" role="alertdialog" aria-label={`Remove ${remote.name}?`}>
            <div>
              <strong>Stop watching “{remote.name}”?</strong>
              <p>The node itself keeps running where it is; only the console forgets it, with its alerts from now on.</p>
              {remove.error ? <ErrorMessage error={remove.error} /> : null}
            </div>
            <div className="detail-actions">
              <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: remote.id }, { onSuccess: onRemoved })}>
                Remove
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirmRemove(false)} autoFocus>
                Keep it
              </button>
            </div>
          </div>
        ) : null}
        {remote.endpoint.advice ? (
          <div className="banner banner-warning remote-advice remote-detail-advice" role="note" aria-label="Not a loopback address">
            <p>{remote.endpoint.advice}</p>
            {remote.endpoint.tunnelCommand ? <code className="mono tunnel-command">{remote.endpoint.tunnelCommand}</code> : null}
          </div>
        ) : null}
        <div className="card-body detail-facts">
          <dl className="facts">
            <dt>RPC</dt>
            <dd className="mono">{remote.rpcUrl}</dd>
            <dt>Prometheus</dt>
            <dd className={remote.metricsUrl ? 'mono' : undefined}>{remote.metricsUrl ?? 'none: figures come from its RPC alone'}</dd>
            <dt>Parachain</dt>
            <dd>
              {remote.paraId > 0 ? `para ${remote.paraId}` : 'no para id'} · best {formatBlockNumber(health?.best)}, finalized {formatBlockNumber(health?.finalized)}, {health?.peers ?? '—'} peers
            </dd>
            <dt>Authored</dt>
            <dd>{health?.blocksAuthored == null ? 'not known (its metrics do not say)' : `${health.blocksAuthored.toLocaleString('en-US')} in total (its metrics)`}</dd>
          </dl>
          <dl className="facts">
            <dt>Process</dt>
            <dd>
              Not available for a remote collator: the console has no access to its process, so CPU, memory, restarts and its log stay on its host (for example{' '}
              <code className="mono nowrap">journalctl -u collator -f</code> or <code className="mono nowrap">kubectl logs</code>).
            </dd>
          </dl>
        </div>
        {problems.length > 0 ? (
          <ul className="remote-findings" aria-label="Findings">
            {problems.map((finding) => (
              <li key={finding.rule} className={finding.level === 'crit' ? 'text-crit' : 'text-warn'}>
                <strong>{finding.message}</strong> <span className="muted">{finding.hint}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <WhyNotAdvancing subject={{ kind: 'collator', id: remote.id }} readAgainOn={health ? `${health.level}:rpc ${health.rpc}:metrics ${health.metrics}` : 'unwatched'} />

      <RemoteCollatorCharts id={remote.id} health={health} />

      <RemoteSessionKeys id={remote.id} loopback={remote.endpoint.loopback} />
    </section>
  );
}

/** Rotate and check session keys: offered over a loopback address only (the node, or an SSH tunnel to it). */
function RemoteSessionKeys({ id, loopback }: { id: string; loopback: boolean }): ReactElement {
  const rotate = useApiMutation('remotes.rotateSessionKeys');
  const check = useApiMutation('remotes.hasSessionKeys');
  const [keys, setKeys] = useState('');
  return (
    <div className="card" aria-label="Session keys">
      <h2 className="card-title">Session keys</h2>
      <div className="card-body remote-keys">
        {loopback ? (
          <>
            <p className="muted">Over its loopback RPC, the node can make new keys in its own keystore, or say whether it holds keys you registered. Nodes that refuse unsafe RPC methods say so.</p>
            <div className="detail-actions">
              <button type="button" className="button button-secondary" disabled={rotate.isPending} onClick={() => rotate.mutate({ id })}>
                {rotate.isPending ? 'Rotating…' : 'Rotate session keys'}
              </button>
            </div>
            {rotate.data ? (
              <p>
                New keys, to register with <code className="mono">session.setKeys</code>: <code className="mono remote-keys-value">{rotate.data.keys}</code>
              </p>
            ) : null}
            {rotate.error ? <ErrorMessage error={rotate.error} /> : null}
            <form
              className="inline-input"
              aria-label="Check session keys"
              onSubmit={(event) => {
                event.preventDefault();
                check.mutate({ id, keys });
              }}
            >
              <input type="text" className="mono-input" aria-label="Session keys to check" value={keys} onChange={(e) => setKeys(e.target.value)} placeholder="0x…" spellCheck={false} />
              <button type="submit" className="button button-secondary" disabled={check.isPending || keys.trim().length < 3}>
                Check
              </button>
            </form>
            {check.data ? <p role="status">{check.data.present ? 'Its keystore holds these keys.' : 'Its keystore does not hold these keys: it cannot author with them.'}</p> : null}
            {check.error ? <ErrorMessage error={check.error} /> : null}
          </>
        ) : (
          <p className="muted">
            Not over this address: session keys are only rotated or checked through a loopback address, because these RPC methods must not be exposed to a network.
            Add the node again through an SSH tunnel to manage them.
          </p>
        )}
      </div>
    </div>
  );
}
