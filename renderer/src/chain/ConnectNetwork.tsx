import type { ReactElement } from 'react';
import { useApiMutation } from '../api/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import type { CurrentNetwork } from './use-network';

/**
 * Says whether the relay chain is connected, and offers to connect it. The connect names no
 * roles, so main opens every chain the network defines (its Coretime chain and Asset Hub too):
 * bulk coretime's purchase, assignment and renewal need the Coretime chain open.
 */
export function ConnectNetwork({ current }: { current: CurrentNetwork }): ReactElement {
  const connect = useApiMutation('chain.connect');
  const name = current.network?.name ?? current.networkId;
  const relay = current.relay;
  if (relay?.status === 'connected') {
    const stalled = relay.stalled;
    return (
      <>
        <p className="connection-line muted">
          <span className="badge badge-ok">connected</span>{stalled ? <> <span className="badge badge-warn">no new blocks</span></> : null}{' '}
          {name}{relay.rehearsal ? ' (rehearsal fork)' : ''} through <span className="mono">{relay.endpoint}</span>
        </p>
        {stalled ? (
          <p className="muted small" role="status">
            No new block for {Math.round(stalled.forMs / 1000)} s (last #{stalled.lastBlockNumber.toLocaleString('en-US')}): the endpoint answers, but the chain is not moving. Transactions wait until it does.
          </p>
        ) : null}
      </>
    );
  }
  const busy = connect.isPending || relay?.status === 'connecting' || relay?.status === 'reconnecting';
  return (
    <div className="connection-line">
      <span className={relay?.status === 'failed' ? 'badge badge-crit' : 'badge'}>{relay?.status === 'failed' ? 'not connected' : busy ? 'connecting' : 'offline'}</span>{' '}
      <span className="muted">{relay?.reason ?? `Balances need a connection to ${name}.`}</span>{' '}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => connect.mutate({ networkId: current.networkId })}>
        {busy ? 'Connecting…' : `Connect to ${name}`}
      </button>
      <ErrorMessage error={connect.error} />
    </div>
  );
}
