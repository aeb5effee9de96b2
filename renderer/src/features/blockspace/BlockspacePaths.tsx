import type { ReactElement } from 'react';
import type { BlockspacePath } from '../../../../shared/contract/onboarding';
import { useApiQuery } from '../../api/hooks';
import type { TokenFormat } from '../../format/amount';
import { useLiveRead } from '../../chain/use-live-read';
import type { StepProps } from '../onboarding/step-props';
import { AuctionCrowdloan } from './AuctionCrowdloan';
import { auctionOffers } from './blockspace-model';
import { BulkCoretime } from './BulkCoretime';
import { OnDemand } from './OnDemand';
import './blockspace.css';

/**
 * The blockspace paths the network offers, side by side, and the chosen one's detail: bulk coretime's sale,
 * on-demand orders, or a slot auction and crowdloan. The choice is kept in the wizard's progress.
 */
export function BlockspacePaths({ progress, update, current, token }: StepProps & { token: TokenFormat }): ReactElement {
  const onDemand = useLiveRead<'onDemandQueue'>(current.connected ? { kind: 'onDemandQueue' } : undefined);
  const sale = useApiQuery('onboarding.coretimeSale', {}, { enabled: current.connected, retry: false, refetchInterval: 60_000 });
  const capabilities = useApiQuery('chain.capabilities', {}, { enabled: current.connected, retry: false, staleTime: 60_000 });
  const offers = auctionOffers(capabilities.data);
  const onDemandRow = capabilities.data?.find((row) => row.role === 'relay' && row.flow === 'onDemand');
  const chosen = progress.blockspace;
  const choose = (path: BlockspacePath): void => void update({ blockspace: path });

  const paths: Array<{ path: BlockspacePath; title: string; offered: boolean; why: string; text: string }> = [
    { path: 'bulk', title: 'Bulk coretime', offered: sale.data !== undefined, why: sale.error?.message ?? 'Reading the Coretime chain…', text: 'A core for a 28-day region, bought in the sale and renewed each period. Predictable; for a chain producing every block.' },
    { path: 'on-demand', title: 'On-demand', offered: onDemand.value !== undefined, why: onDemand.error?.message ?? (onDemandRow && !onDemandRow.available ? onDemandRow.reason : undefined) ?? 'Reading the relay chain…', text: 'Order one block at a time at the spot price. Cheapest while traffic is low or blocks are rare.' },
    { path: 'auction', title: 'Slot auction / crowdloan', offered: offers.path.offered, why: capabilities.error?.message ?? (capabilities.data ? offers.path.reason ?? '' : 'Reading the relay chain’s runtime…'), text: 'A lease of several periods won in a candle auction, where a runtime still runs them.' },

  ];

  return (
    <>
      <div className="path-grid" role="radiogroup" aria-label="Blockspace path">
        {paths.map((entry) => (
          <label key={entry.path} className={`path-card${chosen === entry.path ? ' selected' : ''}${entry.offered ? '' : ' unavailable'}`}>
            <input type="radio" name="blockspace" disabled={!entry.offered} checked={chosen === entry.path} onChange={() => choose(entry.path)} />
            <strong>{entry.title}</strong>
            <span className="small">{entry.text}</span>
            {!entry.offered ? <span className="muted small">Not available: {entry.why}</span> : null}
          </label>
        ))}
      </div>

      {chosen === 'bulk' && sale.data ? <BulkCoretime saleView={sale.data.sale} token={token} {...{ progress, update, current }} /> : null}
      {chosen === 'auction' && offers.path.offered ? <AuctionCrowdloan offers={offers} token={token} {...{ progress, update, current }} /> : null}
      {chosen === 'on-demand' && onDemand.value ? <OnDemand trafficFixed={onDemand.value.trafficFixed} queueSize={onDemand.value.queueSize} spotPricePlanck={onDemand.value.spotPricePlanck} creditsOffered={onDemandRow?.calls?.['placeOrderWithCredits']?.state !== undefined && onDemandRow.calls['placeOrderWithCredits'].state !== 'absent'} token={token} {...{ progress, update, current }} /> : null}
    </>
  );
}
