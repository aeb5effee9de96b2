import { type ReactElement } from 'react';
import { useRelayBlockTimeMs } from '../../../components/TxProgressExplorer';
import { useLiveRead } from '../../../chain/use-live-read';
import type { Props } from './types';
import { AuctionFacts } from './AuctionFacts';
import { LeaseList } from './LeaseList';
import { BidForm } from './BidForm';

export function AuctionPanel({ paraId, nowBlock, token, offers, progress, update, current }: Props & { paraId: number; nowBlock: number | undefined }): ReactElement {
  const auction = useLiveRead<'auction'>(offers.bid.offered ? { kind: 'auction' } : undefined);
  const leases = useLiveRead<'leases'>({ kind: 'leases', paraId });
  const blockTimeMs = useRelayBlockTimeMs(current.networkId);
  const running = auction.value?.current ?? undefined;
  const held = leases.value?.periods.filter((period) => period !== null).length ?? 0;
  return (
    <section className="path-detail" aria-labelledby="auction-heading">
      <h3 id="auction-heading">Slot auction</h3>
      {!offers.bid.offered ? <p className="muted">Bids are not offered: {offers.bid.reason}</p> : null}
      {auction.error ? <p className="field-error" role="alert">The running auction could not be read: {auction.error.message}</p> : null}
      <dl className="facts">
        {offers.bid.offered ? (
          running ? <AuctionFacts auction={running} nowBlock={nowBlock} blockTimeMs={blockTimeMs} /> : (
            <><dt>Auction</dt><dd>{auction.value ? 'None running. Governance starts auctions; bid when one opens.' : 'Reading the relay chain…'}</dd></>
          )
        ) : null}
        <dt>Leases of para {paraId}</dt>
        <dd>
          {leases.error ? <span className="muted">{leases.error.message}</span>
            : !leases.value ? 'Reading…'
            : held === 0 ? 'None held from the current lease period on.'
            : <LeaseList periods={leases.value.periods} token={token} ss58Prefix={current.ss58Prefix} />}
        </dd>
      </dl>
      {offers.bid.offered && running ? <BidForm auction={running} paraId={paraId} {...{ token, progress, update, current }} /> : null}
    </section>
  );
}
