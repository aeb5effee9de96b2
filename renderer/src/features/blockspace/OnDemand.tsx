import { useState, type ReactElement } from 'react';
import type { TxIntent } from '../../../../shared/contract/chain';
import { Amount } from '../../components/Amount';
import { formatAmount, parseAmount, type TokenFormat } from '../../format/amount';
import { TxFlow } from '../../chain/TxFlow';
import { transferablePlanck, useBalance } from '../../chain/use-live-read';
import { signerOf, type StepProps } from '../onboarding/step-props';
import { OrderPolicyForm } from './OrderPolicyForm';

/** On-demand blocks: the spot price and the queue, one order at a time (from the balance or credits), and the automatic-ordering policy. */
export function OnDemand({ trafficFixed, queueSize, spotPricePlanck, creditsOffered, token, progress, update, current }: StepProps & { trafficFixed: string; queueSize?: number; spotPricePlanck?: string; creditsOffered: boolean; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected);
  const [maxText, setMaxText] = useState('');
  const [payWith, setPayWith] = useState<'balance' | 'credits'>('balance');
  const [ordering, setOrdering] = useState<string>();
  // An empty cap means "the price shown now": the chain takes it if the order lands in the next block.
  const max = maxText.trim() === '' && spotPricePlanck !== undefined ? { ok: true as const, planck: BigInt(spotPricePlanck) } : parseAmount(maxText, token);
  const paraId = progress.paraId;
  const intent = (cap: bigint): TxIntent | undefined => paraId === undefined ? undefined
    : payWith === 'credits' ? { kind: 'placeOnDemandOrderWithCredits', paraId, maxAmountPlanck: cap.toString() }
    : { kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: cap.toString(), keepAlive: true };
  const orderIntent = max.ok ? intent(max.planck) : undefined;
  return (
    <section className="path-detail" aria-labelledby="ondemand-heading">
      <h3 id="ondemand-heading">On-demand blocks</h3>
      <dl className="facts">
        {spotPricePlanck !== undefined ? <><dt>Next block costs</dt><dd><strong><Amount planck={spotPricePlanck} token={token} /></strong> <span className="muted small">as the relay will charge an order in its next block, plus the transaction fee</span></dd></> : null}
        <dt>Traffic multiplier</dt><dd>×{formatAmount(trafficFixed, { symbol: '', decimals: 18 }, { withoutSymbol: true, maxFractionDigits: 4 })} <span className="muted small">(price = the relay’s base fee × this; it rises while the queue is busy)</span></dd>
        {queueSize !== undefined ? <><dt>Orders queued</dt><dd>{queueSize}</dd></> : null}
      </dl>
      {signer && paraId !== undefined ? (
        ordering && max.ok && orderIntent ? (
          <TxFlow
            intent={orderIntent}
            signer={signer}
            intentKey={ordering}
            summary={`Order one block for para ${paraId}${payWith === 'credits' ? ' with on-demand credits' : ''}, at most ${formatAmount(max.planck, token)}`}
            {...(payWith === 'credits' ? {
              // Credits are not the balance: the review's total is the fee alone; the price is said in words.
              details: <p className="small">The price ({spotPricePlanck !== undefined ? formatAmount(spotPricePlanck, token) : 'the spot price'} if it lands in the relay’s next block, at most {formatAmount(max.planck, token)}) comes out of this account’s on-demand credits.</p>,
            } : {
              spend: {
                label: 'Price',
                planck: spotPricePlanck !== undefined && BigInt(spotPricePlanck) <= max.planck ? BigInt(spotPricePlanck) : max.planck,
                note: `What the relay charges if the order lands in its next block. Capped at ${formatAmount(max.planck, token)}: above that the relay refuses the order and only the fee is paid.`,
              },
            })}
            token={token}
            ss58Prefix={current.ss58Prefix}
            freePlanck={balance.value ? transferablePlanck(balance.value) : undefined}
            confirmLabel="Sign and order"
            onCancel={() => setOrdering(undefined)}
          />
        ) : (
          <>
            {creditsOffered ? (
              <div className="segmented" role="radiogroup" aria-label="Pay with">
                {([['balance', 'From the balance'], ['credits', 'With on-demand credits']] as const).map(([value, label]) => (
                  <label key={value} className={value === payWith ? 'segment selected' : 'segment'}>
                    <input type="radio" name="order-pay-with" checked={value === payWith} onChange={() => setPayWith(value)} />{label}
                  </label>
                ))}
              </div>
            ) : null}
            <div className="inline-fields">
              <label className="field">
                <span className="field-label">Max price for one block ({token.symbol})</span>
                <input type="text" inputMode="decimal" value={maxText} placeholder={spotPricePlanck !== undefined ? formatAmount(spotPricePlanck, token, { withoutSymbol: true, maxFractionDigits: 10 }) : undefined} onChange={(event) => setMaxText(event.target.value)} />
                {maxText && !max.ok ? <span className="field-error" role="alert">{max.reason}</span> : null}
              </label>
              <button type="button" className="button" disabled={!max.ok} onClick={() => setOrdering(`order:${current.networkId}:${paraId}:${Date.now()}`)}>Review the order</button>
            </div>
            {payWith === 'credits' ? <p className="muted small">Credits are bought on the Coretime chain and arrive on the relay for this account; the transaction fee is still paid from its balance.</p> : null}
          </>
        )
      ) : <p className="muted">Ordering needs a para id and an account that can sign.</p>}
      <OrderPolicyForm policy={progress.orderPolicy} token={token} onSave={(policy) => void update({ orderPolicy: policy })} />
    </section>
  );
}
