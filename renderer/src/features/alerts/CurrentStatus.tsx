import type { ReactElement } from 'react';
import type { Finding, HealthStatus } from '../../../../shared/contract/health';
import { LevelBadge } from '../health/LevelBadge';
import type { CollatorRow } from '../collators/use-collators';
import { collatorStatusRows, shownFinding } from './subject-status';

/** OK / WARN / CRIT for each collator and parachain now, with what is wrong and what to do. */
export function CurrentStatus({ status, collators }: { status: HealthStatus | undefined; collators: CollatorRow[] }): ReactElement {
  const rows = collatorStatusRows(collators, status?.collators ?? []);
  const parachains = status?.parachains ?? [];
  if (rows.length === 0 && parachains.length === 0) {
    return <p className="muted">Nothing is watched yet. Add a collator on the Collators page; parachains appear once registered.</p>;
  }
  return (
    <table className="table status-table" aria-label="Current status">
      <thead>
        <tr>
          <th>Subject</th>
          <th>Status</th>
          <th>What needs attention</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`c-${row.id}`}>
            <td>
              <strong>{row.name}</strong>
              <div className="muted small">collator{row.source === 'supervisor' ? ' · process only' : ''}</div>
            </td>
            <td>
              <LevelBadge level={row.level} />
            </td>
            <td>
              <Findings findings={row.findings} empty={row.level === 'idle' ? 'Stopped.' : 'Nothing.'} />
            </td>
          </tr>
        ))}
        {parachains.map((para) => (
          <tr key={`p-${para.paraId}`}>
            <td>
              <strong>{para.name}</strong>
              <div className="muted small">parachain {para.paraId}</div>
            </td>
            <td>
              <LevelBadge level={para.level} />
            </td>
            <td>
              <Findings findings={para.findings.filter(shownFinding)} empty="Nothing." />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Findings({ findings, empty }: { findings: Array<Pick<Finding, 'rule' | 'level' | 'message' | 'hint' | 'diagnosis'>>; empty: string }): ReactElement {
  if (findings.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="findings">
      {findings.map((finding) =>
        finding.diagnosis?.verdict === 'idle' ? (
          // A stall diagnosed as no core: information, in the diagnosis's words, not the rule's fault.
          <li key={finding.rule} className="finding finding-info">
            {finding.diagnosis.words} <span className="muted small">(nothing broken: information only)</span>
            <div className="muted small">{finding.diagnosis.nextStep}</div>
          </li>
        ) : (
          <li key={finding.rule} className={`finding finding-${finding.level}`}>
            {finding.message}
            {finding.hint ? <div className="muted small">{finding.hint}</div> : null}
          </li>
        ),
      )}
    </ul>
  );
}
