import { memo, type ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { formatBlockNumber, formatBytes, formatPercent } from '../../components/charts/units';
import { describeStatus } from './node-status';
import { NodeActions } from './NodeActions';
import { StatusBadge } from './StatusBadge';
import type { CollatorRow } from './use-collators';
import { describeRemote, type RemoteRow } from './use-remote-collators';

/** Said where a figure needs the node's process, which a remote collator's host keeps. */
const NOT_FOR_REMOTE = 'Not available for a remote collator: the console has no access to its process.';

/**
 * The fleet in one table: the nodes this console runs (figures live from the
 * supervisor's stream) and the remote ones it watches (figures from health
 * monitoring), with where each one runs.
 */
export function CollatorTable({
  rows,
  remotes,
  now,
  selectedId,
  onSelect,
  onState,
}: {
  rows: CollatorRow[];
  remotes: RemoteRow[];
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
            <th>Where</th>
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
          {remotes.map((remote) => (
            <RemoteTableRow key={remote.remote.id} row={remote} selected={remote.remote.id === selectedId} onSelect={onSelect} />
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
      <td className="nowrap">this machine</td>
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

/** A remote collator's row: reachability in place of the process, and a dash with its reason where only the process could tell. */
const RemoteTableRow = memo(function RemoteTableRow({ row, selected, onSelect }: { row: RemoteRow; selected: boolean; onSelect: (id: string) => void }): ReactElement {
  const { remote, health } = row;
  const state = describeRemote(health);
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <a
          href={`#/collators/${encodeURIComponent(remote.id)}`}
          className="collator-name"
          aria-current={selected ? 'true' : undefined}
          onClick={(event) => {
            event.preventDefault();
            onSelect(remote.id);
          }}
        >
          {remote.name}
        </a>
        <div className="muted small">remote{remote.paraId > 0 ? ` · para ${remote.paraId}` : ''}</div>
      </td>
      <td>
        <span className="mono small nowrap">{remote.endpoint.host}</span>
        {remote.endpoint.loopback ? null : (
          <div className="small text-warn nowrap" title={remote.endpoint.advice ?? undefined}>
            not loopback: use an SSH tunnel
          </div>
        )}
      </td>
      <td>
        <span className={state.tone === 'idle' ? 'badge status-badge' : `badge badge-${state.tone} status-badge`}>{state.label}</span>
        {state.detail ? <div className="muted small remote-state-detail">{state.detail}</div> : null}
      </td>
      <td className="num">
        {formatBlockNumber(health?.best)} / {formatBlockNumber(health?.finalized)}
      </td>
      <td className="num">{health?.peers ?? '—'}</td>
      <td className="num" title={NOT_FOR_REMOTE}>
        n/a
      </td>
      <td className="num" title={NOT_FOR_REMOTE}>
        n/a
      </td>
      <td className="num" title={NOT_FOR_REMOTE}>
        n/a
      </td>
      <td className="collator-row-actions" />
    </tr>
  );
});
