import type { ReactElement } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Amount } from '../../components/Amount';
import { useLiveRead } from '../../chain/use-live-read';

const REFRESH_MS = 12_000;

/**
 * What the relay chain itself says about the parachain: its lifecycle and,
 * for on-demand blockspace, what one block costs now. Kept live by the main
 * process's read model (one shared subscription, whatever the number of
 * views), and only while the console is connected to the relay chain.
 */
export function ParachainChainFacts({ paraId, onDemand }: { paraId: number; onDemand: boolean }): ReactElement {
  const connections = useApiQuery('chain.connections', {}, { refetchInterval: REFRESH_MS });
  const relay = connections.data?.find((connection) => connection.role === 'relay' && connection.status === 'connected');
  const networks = useApiQuery('chain.networks', {}, { enabled: relay !== undefined });
  const token = networks.data?.find((network) => network.id === relay?.networkId)?.token;
  const para = useLiveRead<'para'>(relay ? { kind: 'para', paraId } : undefined);
  const queue = useLiveRead<'onDemandQueue'>(relay && onDemand ? { kind: 'onDemandQueue' } : undefined);

  if (!relay) {
    return (
      <>
        <dt>Lifecycle</dt>
        <dd className="muted">Read from the relay chain once the console is connected to it.</dd>
      </>
    );
  }
  const lifecycle = para.value ? (para.value.lifecycle ?? (para.value.manager ? 'Reserved, not registered' : 'Not reserved')) : para.error ? 'Could not be read' : '…';
  const spot = queue.value?.spotPricePlanck;
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
