import { useState, type ReactElement } from 'react';
import type { CoretimeSaleView } from '../../../../shared/contract/onboarding';
import { Amount } from '../../components/Amount';
import { useRelayBlockTimeMs } from '../../components/TxProgressExplorer';
import { formatAmount, parseAmount, type TokenFormat } from '../../format/amount';
import { blocksToMs, formatBlockNumber, formatCountdown } from '../../format/time';
import { TxFlow } from '../../chain/TxFlow';
import { transferablePlanck, useBalance } from '../../chain/use-live-read';
import { signerOf, type StepProps } from '../onboarding/step-props';
import { AssignRegion } from './AssignRegion';
import { CoretimeRenewal } from './CoretimeRenewal';
import { SalePriceChart } from './SalePriceChart';

const phaseWords = { interlude: 'Interlude: renewals only', 'lead-in': 'Lead-in: the price is falling', 'fixed-price': 'Fixed price until the sale ends', 'sold-out': 'Sold out', ended: 'Ended' } as const;

/** The bulk coretime sale: its phase, price and region, the team's renewals, a purchase, then the region's assignment. */
export function BulkCoretime({ saleView, token, progress, update, current }: StepProps & { saleView: CoretimeSaleView | null; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected);
  const [limitText, setLimitText] = useState('');
  const [buying, setBuying] = useState(false);
  const relayBlockTime = useRelayBlockTimeMs(current.networkId);
  if (!saleView) return <p className="muted">No sale is open on the Coretime chain right now; the next one starts after the interlude.</p>;
  const blockTimeMs = relayBlockTime;
  const now = Date.now();
  const limit = limitText.trim() ? parseAmount(limitText, token) : { ok: true as const, planck: BigInt(saleView.priceNowPlanck) };
  const intentKey = `purchase:${current.networkId}:${saleView.regionBeginBlock}`;
  return (
    <section className="path-detail" aria-labelledby="bulk-heading">
      <h3 id="bulk-heading">Bulk coretime sale</h3>
      <dl className="facts">
        <dt>Phase</dt><dd>{phaseWords[saleView.phase]}</dd>
        <dt>Price now</dt><dd><strong><Amount planck={saleView.priceNowPlanck} token={token} /></strong> <span className="muted small">(ends at <Amount planck={saleView.endPricePlanck} token={token} />)</span></dd>
        <dt>Cores</dt><dd>{saleView.coresSold} of {saleView.coresOffered} sold</dd>
        <dt>Region</dt><dd>{formatBlockNumber(saleView.regionBeginBlock)} → {formatBlockNumber(saleView.regionEndBlock)} (begins {formatCountdown(now + blocksToMs(saleView.regionBeginBlock - saleView.nowBlock, blockTimeMs), now)})</dd>
        <dt>Renewal</dt><dd>A core bought now and assigned Final can be renewed for the region after it in the next sale: surely in its interlude, and after that while cores remain unsold, until that sale closes shortly before {formatBlockNumber(saleView.regionEndBlock)} ({formatCountdown(now + blocksToMs(saleView.regionEndBlock - saleView.nowBlock, blockTimeMs), now)}).</dd>
      </dl>
      <CoretimeRenewal sale={saleView} token={token} {...{ progress, update, current }} />
      <SalePriceChart sale={saleView} token={token} />
      {signer ? (
        buying && limit.ok ? (
          <TxFlow
            intent={{ kind: 'purchaseCoretime', priceLimitPlanck: limit.planck.toString() }}
            signer={signer}
            intentKey={intentKey}
            txId={progress.txIds[intentKey]}
            summary={`Buy one core for the region starting at ${formatBlockNumber(saleView.regionBeginBlock)}, paying at most ${formatAmount(limit.planck, token)}`}
            spend={{ label: 'Price (at most)', planck: limit.planck, note: 'The sale price at inclusion is paid; never more than this limit.' }}
            token={token}
            ss58Prefix={current.ss58Prefix}
            freePlanck={balance.value ? transferablePlanck(balance.value) : undefined}
            confirmLabel="Sign and buy"
            onSubmitted={(record) => void update({ tx: { intentKey, txId: record.txId } })}
            onCancel={() => setBuying(false)}
          />
        ) : (
          <div className="inline-fields">
            <label className="field">
              <span className="field-label">Price limit ({token.symbol})</span>
              <input type="text" inputMode="decimal" value={limitText} placeholder={formatAmount(saleView.priceNowPlanck, token, { withoutSymbol: true, maxFractionDigits: 10 })} onChange={(event) => setLimitText(event.target.value)} />
              {!limit.ok ? <span className="field-error" role="alert">{limit.reason}</span> : null}
            </label>
            <button type="button" className="button" disabled={!limit.ok} onClick={() => setBuying(true)}>Review the purchase</button>
          </div>
        )
      ) : null}
      {signer && progress.paraId !== undefined ? <AssignRegion paraId={progress.paraId} regionBeginTimeslice={Math.floor(saleView.regionBeginBlock / saleView.timeslicePeriodBlocks)} token={token} {...{ progress, update, current }} /> : null}
    </section>
  );
}
