import type { ReactElement } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Amount } from '../../components/Amount';

const REFRESH_MS = 12_000;

/**
 * What the relay chain itself says about the parachain: its lifecycle and,
 * for on-demand blockspace, what one block costs now. Read through the chain
 * contract, and only while the console is connected to the relay chain.
 */
export function ParachainChainFacts({ paraId, onDemand }: { paraId: number; onDemand: boolean }): ReactElement {
  const connections = useApiQuery('chain.connections', {}, { refetchInterval: REFRESH_MS });
  const relay = connections.data?.find((connection) => connection.role === 'relay' && connection.status === 'connected');
  const networks = useApiQuery('chain.networks', {}, { enabled: relay !== undefined });
  const token = networks.data?.find((network) => network.id === relay?.networkId)?.token;
  const para = useApiQuery('chain.read', { query: { kind: 'para', paraId } }, { enabled: relay !== undefined, refetchInterval: REFRESH_MS, retry: false });
  const queue = useApiQuery('chain.read', { query: { kind: 'onDemandQueue' } }, { enabled: relay !== undefined && onDemand, refetchInterval: REFRESH_MS, retry: false });

  if (!relay) {
    return (
      <>
        <dt>Lifecycle</dt>
        <dd className="muted">Read from the relay chain once the console is connected to it.</dd>
      </>
    );
  }
  const lifecycle = para.data?.kind === 'para' ? (para.data.lifecycle ?? (para.data.manager ? 'Reserved, not registered' : 'Not reserved')) : para.error ? 'Could not be read' : '…';
  const spot = queue.data?.kind === 'onDemandQueue' ? queue.data.spotPricePlanck : undefined;
  return (
    <>
      <dt>Lifecycle</dt>
      <dd>{lifecycle}</dd>
      {onDemand && spot !== undefined && token ? (
        <>
          <dt>Spot price</dt>
          <dd>
            <Amount planck={spot} token={token} /> per block
          </dd>
        </>
      ) : null}
    </>
  );
}
