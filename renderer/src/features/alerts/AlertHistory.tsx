import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { useApiMutation, useApiQuery, useStream } from '../../api/hooks';
import { formatClock } from '../../components/charts/units';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LevelBadge } from '../health/LevelBadge';
import { ruleWords } from './rule-fields';

/** Every level change, newest first, each acknowledged once someone has seen it. */
export function AlertHistory(): ReactElement {
  const [unacknowledgedOnly, setUnacknowledgedOnly] = useState(false);
  const alerts = useApiQuery('health.alerts', { limit: 200, unacknowledgedOnly });
  const acknowledge = useApiMutation('health.acknowledge', { invalidates: ['health.alerts'] });
  const queryClient = useQueryClient();
  useStream('health.alert', {}, () => void queryClient.invalidateQueries({ queryKey: ['health.alerts'] }));
  const open = alerts.data?.filter((alert) => !alert.acknowledged) ?? [];

  return (
    <div className="alert-history">
      <div className="alert-history-tools">
        <label className="toggle">
          <input type="checkbox" checked={unacknowledgedOnly} onChange={(e) => setUnacknowledgedOnly(e.target.checked)} />
          Only not yet acknowledged
        </label>
        <button type="button" className="button button-secondary" disabled={open.length === 0 || acknowledge.isPending} onClick={() => acknowledge.mutate({ ids: open.map((alert) => alert.id) })}>
          Acknowledge all ({open.length})
        </button>
      </div>
      {alerts.error ? <ErrorMessage error={alerts.error} /> : null}
      {acknowledge.error ? <ErrorMessage error={acknowledge.error} /> : null}
      {alerts.data && alerts.data.length === 0 ? <p className="muted">No alert {unacknowledgedOnly ? 'waiting for acknowledgement' : 'yet'}.</p> : null}
      {alerts.data && alerts.data.length > 0 ? (
        <table className="table" aria-label="Alert history">
          <thead>
            <tr>
              <th>When</th>
              <th>Subject</th>
              <th>Change</th>
              <th>What happened</th>
              <th>
                <span className="sr-only-col">Acknowledge</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((alert) => (
              <tr key={alert.id} className={alert.acknowledged ? 'acknowledged' : undefined}>
                <td className="nowrap">
                  {formatClock(alert.atMs)}
                  <div className="muted small">{new Date(alert.atMs).toLocaleDateString()}</div>
                </td>
                <td>{alert.subjectName}</td>
                <td className="nowrap">
                  {alert.diagnosis?.verdict === 'idle' && alert.to !== 'ok' ? (
                    // No core is not a level of fault: the change is information.
                    <span className="badge">Information</span>
                  ) : (
                    <>
                      <LevelBadge level={alert.from} /> → <LevelBadge level={alert.to} />
                    </>
                  )}
                </td>
                <td>
                  <strong>{ruleWords[alert.rule]}</strong>: {alert.message}
                  {alert.diagnosis ? (
                    <div className="alert-diagnosis">
                      <div>
                        <span className="muted small">Why: </span>
                        {alert.diagnosis.words}
                        {alert.diagnosis.verdict === 'idle' ? <span className="muted small"> (nothing broken: information only)</span> : null}
                      </div>
                      <div>
                        <span className="muted small">Next: </span>
                        {alert.diagnosis.nextStep}
                      </div>
                    </div>
                  ) : alert.hint ? (
                    <div className="muted small">{alert.hint}</div>
                  ) : null}
                </td>
                <td className="nowrap">
                  {alert.acknowledged ? (
                    <span className="muted small">Seen</span>
                  ) : (
                    <button type="button" className="button button-secondary button-small" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate({ ids: [alert.id] })}>
                      Acknowledge
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
