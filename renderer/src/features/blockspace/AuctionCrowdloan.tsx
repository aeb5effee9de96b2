import { type ReactElement } from 'react';
import { useLiveRead } from '../../chain/use-live-read';
import type { Props } from './auction-crowdloan/types';
import { AuctionPanel } from './auction-crowdloan/AuctionPanel';
import { CrowdloanPanel } from './auction-crowdloan/CrowdloanPanel';

/** The slot-auction path: the running auction and a bid, the para's leases, and its crowdloan. */
export function AuctionCrowdloan(props: Props): ReactElement {
  const { progress, current, offers } = props;
  const paraId = progress.paraId;
  const head = useLiveRead<'head'>(current.connected ? { kind: 'head', role: 'relay' } : undefined);
  const nowBlock = head.value?.number;
  if (paraId === undefined) return <p className="muted path-detail">Auctions and crowdloans are for a para id: reserve one in step 3 first.</p>;
  return (
    <>
      <AuctionPanel {...props} paraId={paraId} nowBlock={nowBlock} />
      <CrowdloanPanel {...props} paraId={paraId} nowBlock={nowBlock} offers={offers} />
    </>
  );
}
