import { useState, type ReactElement } from 'react';
import { formatAmount } from '../../../format/amount';
import { transferablePlanck, useBalance } from '../../../chain/use-live-read';
import { signerOf } from '../../onboarding/step-props';
import { auctionPeriods, checkBid, type AuctionView } from '../blockspace-model';
import type { Props } from './types';
import type { FlowSpec } from './types';
import { FlowBox } from './FlowBox';

export function BidForm({ auction, paraId, token, progress, current }: Omit<Props, 'offers'> & { auction: AuctionView; paraId: number }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected);
  const periods = auctionPeriods(auction);
  const indexKnown = auction.auctionIndex !== undefined;
  const [form, setForm] = useState({ auctionIndexText: indexKnown ? String(auction.auctionIndex) : '', firstText: String(periods.first), lastText: String(periods.last), amountText: '' });
  const [flow, setFlow] = useState<FlowSpec>();
  const [touched, setTouched] = useState(false);
  const bid = checkBid(form, auction, token);
  const edit = (patch: Partial<typeof form>): void => { setForm({ ...form, ...patch }); setTouched(true); };
  if (!signer) return <p className="muted">Bidding needs an account that can sign (step 1).</p>;
  if (flow) {
    return (
      <FlowBox flow={flow} onClose={() => setFlow(undefined)} closeLabel="Place another bid" signer={signer} freePlanck={balance.value ? transferablePlanck(balance.value) : undefined} {...{ token, current }} />
    );
  }
  const review = (): void => {
    if (!bid.ok) return;
    const { auctionIndex, firstSlot, lastSlot, amountPlanck } = bid.value;
    setFlow({
      intent: { kind: 'auctionBid', paraId, auctionIndex, firstSlot, lastSlot, amountPlanck: amountPlanck.toString() },
      intentKey: `bid:${current.networkId}:${paraId}:${auctionIndex}:${firstSlot}-${lastSlot}:${amountPlanck}`,
      summary: `Bid ${formatAmount(amountPlanck, token)} in auction ${auctionIndex} for para ${paraId}, lease periods ${firstSlot} to ${lastSlot}`,
      // What the chain reserves is not always the amount: earlier bids for the para count, and a bid that does not beat the winner reserves nothing. The review shows the console's reading of the chain (tx.estimate).
      details: <p className="muted small">A winning bid is held while it is winning, given back when outbid or when the auction is lost, and kept as the lease deposit if it wins.</p>,
      confirmLabel: 'Sign and bid',
    });
  };
  return (
    <fieldset className="policy-form">
      <legend>Bid for para {paraId}{indexKnown ? ` in auction ${auction.auctionIndex}` : ''}</legend>
      <div className="inline-fields bid-fields">
        {indexKnown ? null : (
          <label className="field">
            <span className="field-label">Auction number</span>
            <input type="text" inputMode="numeric" aria-describedby="auction-number-help" value={form.auctionIndexText} onChange={(event) => edit({ auctionIndexText: event.target.value })} />
          </label>
        )}
        <label className="field"><span className="field-label">First lease period</span><input type="text" inputMode="numeric" value={form.firstText} onChange={(event) => edit({ firstText: event.target.value })} /></label>
        <label className="field"><span className="field-label">Last lease period</span><input type="text" inputMode="numeric" value={form.lastText} onChange={(event) => edit({ lastText: event.target.value })} /></label>
        <label className="field"><span className="field-label">Bid ({token.symbol})</span><input type="text" inputMode="decimal" value={form.amountText} onChange={(event) => edit({ amountText: event.target.value })} /></label>
      </div>
      {indexKnown ? null : <p id="auction-number-help" className="muted small">The auction number is the relay’s own count of auctions; a wrong one fails the check before anything is signed.</p>}
      {touched && !bid.ok ? <span className="field-error" role="alert">{bid.reason}</span> : null}
      <div className="form-actions start">
        <button type="button" className="button" disabled={!bid.ok} onClick={review}>Review the bid</button>
      </div>
    </fieldset>
  );
}
