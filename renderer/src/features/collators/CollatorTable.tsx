import { memo, type ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { formatBlockNumber, formatBytes, formatPercent } from '../../components/charts/units';
import { describeStatus } from './node-status';
import { NodeActions } from './NodeActions';
import { StatusBadge } from './StatusBadge';
import type { CollatorRow } from './use-collators';

/** Every collator in one table, its figures live from the supervisor's stream. */
export function CollatorTable({
  rows,
  now,
  selectedId,
  onSelect,
  onState,
}: {
  rows: CollatorRow[];
  now: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onState: (state: CollatorState) => void;
}): ReactElement {
  return (
    <div className="card collator-table-card">
      <table className="table collator-table" aria-label="Collators">
        <thead>
          <tr>
            <th>Collator</th>
            <th>State</th>
            <th className="num">Best / finalized</th>
            <th className="num">Peers</th>
            <th className="num">CPU</th>
            <th className="num">Memory</th>
            <th className="num">Restarts</th>
            <th>
              <span className="sr-only-col">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ profile, state }) => (
            <CollatorTableRow key={profile.id} profile={profile} state={state} now={now} selected={profile.id === selectedId} onSelect={onSelect} onState={onState} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One node's row: drawn again only when its own state changes (a batch of states carries a few nodes) or the clock ticks. */
const CollatorTableRow = memo(function CollatorTableRow({
  profile,
  state,
  now,
  selected,
  onSelect,
  onState,
}: {
  profile: CollatorRow['profile'];
  state: CollatorState;
  now: number;
  selected: boolean;
  onSelect: (id: string) => void;
  onState: (state: CollatorState) => void;
}): ReactElement {
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <a
          href={`#/collators/${encodeURIComponent(profile.id)}`}
          className="collator-name"
          aria-current={selected ? 'true' : undefined}
          onClick={(event) => {
            event.preventDefault();
            onSelect(profile.id);
          }}
        >
          {profile.name}
        </a>
        <div className="muted small">{state.pid ? `pid ${state.pid}` : (profile.binaryVersion ?? '')}</div>
      </td>
      <td>
        <StatusBadge state={state} now={now} />
        <div className="muted small">{describeStatus(state, now).detail ?? ''}</div>
      </td>
      <td className="num">
        {formatBlockNumber(state.para.best)} / {formatBlockNumber(state.para.finalized)}
      </td>
      <td className="num">{state.para.peers ?? '—'}</td>
      {/* A sample from before the process ended is not its usage now. */}
      <td className="num">{state.pid === null ? '—' : formatPercent(state.cpuPercent)}</td>
      <td className="num">{state.pid === null ? '—' : formatBytes(state.memoryBytes)}</td>
      <td className="num">{state.restarts}</td>
      <td className="collator-row-actions">
        <NodeActions state={state} onState={onState} compact />
      </td>
    </tr>
  );
});
