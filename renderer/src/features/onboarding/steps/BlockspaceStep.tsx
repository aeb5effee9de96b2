import { useState, type ReactElement } from 'react';
import type { TxIntent } from '../../../../../shared/contract/chain';
import type { BlockspacePath, CoretimeSaleView, OrderPolicy } from '../../../../../shared/contract/onboarding';
import { useApiQuery } from '../../../api/hooks';
import { Amount } from '../../../components/Amount';
import { formatAmount, parseAmount, type TokenFormat } from '../../../format/amount';
import { formatBlockNumber, formatCountdown, blocksToMs } from '../../../format/time';
import { useRelayBlockTimeMs } from '../../../components/TxProgressExplorer';
import { TxFlow } from '../../../chain/TxFlow';
import { transferablePlanck, useBalance, useLiveRead } from '../../../chain/use-live-read';
import { signerOf, type StepProps } from '../step-props';
import { AuctionCrowdloan } from './AuctionCrowdloan';
import { auctionOffers } from './blockspace-model';
import { CoretimeRenewal } from './CoretimeRenewal';
import { SalePriceChart } from './SalePriceChart';

const phaseWords = { interlude: 'Interlude: renewals only', 'lead-in': 'Lead-in: the price is falling', 'fixed-price': 'Fixed price until the sale ends', 'sold-out': 'Sold out', ended: 'Ended' } as const;

/** Step d: compare the blockspace paths the network offers and take one. */
export function BlockspaceStep({ progress, update, current }: StepProps): ReactElement {
  const onDemand = useLiveRead<'onDemandQueue'>(current.connected ? { kind: 'onDemandQueue' } : undefined);
  const sale = useApiQuery('onboarding.coretimeSale', {}, { enabled: current.connected, retry: false, refetchInterval: 60_000 });
  const capabilities = useApiQuery('chain.capabilities', {}, { enabled: current.connected, retry: false, staleTime: 60_000 });
  const offers = auctionOffers(capabilities.data);
  const onDemandRow = capabilities.data?.find((row) => row.role === 'relay' && row.flow === 'onDemand');
  const chosen = progress.blockspace;
  const choose = (path: BlockspacePath): void => void update({ blockspace: path });
  const token = current.token;
  if (!token) return <p className="muted">Connect to the network first (step 1).</p>;

  const paths: Array<{ path: BlockspacePath; title: string; offered: boolean; why: string; text: string }> = [
    { path: 'bulk', title: 'Bulk coretime', offered: sale.data !== undefined, why: sale.error?.message ?? 'Reading the Coretime chain…', text: 'A core for a 28-day region, bought in the sale and renewed each period. Predictable; for a chain producing every block.' },
    { path: 'on-demand', title: 'On-demand', offered: onDemand.value !== undefined, why: onDemand.error?.message ?? (onDemandRow && !onDemandRow.available ? onDemandRow.reason : undefined) ?? 'Reading the relay chain…', text: 'Order one block at a time at the spot price. Cheapest while traffic is low or blocks are rare.' },
    { path: 'auction', title: 'Slot auction / crowdloan', offered: offers.path.offered, why: capabilities.error?.message ?? (capabilities.data ? offers.path.reason ?? '' : 'Reading the relay chain’s runtime…'), text: 'A lease of several periods won in a candle auction, where a runtime still runs them.' },
  ];

  return (
    <div className="step-body">
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

      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void update({ step: 'register' })}>Back</button>
        <button type="button" className="button" disabled={!chosen} onClick={() => void update({ complete: 'blockspace', step: 'collators' })}>Continue to Collators</button>
      </div>
    </div>
  );
}

function BulkCoretime({ saleView, token, progress, update, current }: StepProps & { saleView: CoretimeSaleView | null; token: TokenFormat }): ReactElement {
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
      {signer && progress.paraId !== undefined ? <AssignRegion paraId={progress.paraId} regionBeginTimeslice={Math.floor(saleView.regionBeginBlock / 80)} token={token} {...{ progress, update, current }} /> : null}
    </section>
  );
}

const FULL_CORE_MASK = '0xffffffffffffffffffff';

/** After a purchase: give the region to the para. Only `Final` keeps the right to renew the core. */
function AssignRegion({ paraId, regionBeginTimeslice, token, progress, update, current }: StepProps & { paraId: number; regionBeginTimeslice: number; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const [typedCore, setCoreText] = useState<string>();
  const [finality, setFinality] = useState<'Final' | 'Provisional'>('Final');
  const [assigning, setAssigning] = useState(false);
  // The whole-core region this signer owns from this sale's region start (broker.regions, read from the chain):
  // what a purchase just bought. It fills the field until the operator types another core.
  const holdings = useLiveRead<'coretimeHoldings'>(signer && current.connected ? { kind: 'coretimeHoldings', address: signer.address, paraIds: [paraId] } : undefined);
  const owned = holdings.value?.regions.find((region) => region.begin === regionBeginTimeslice && region.mask.toLowerCase() === FULL_CORE_MASK);
  const coreText = typedCore ?? (owned ? String(owned.core) : '');
  const core = Number(coreText);
  const valid = coreText.trim() !== '' && Number.isInteger(core) && core >= 0 && core <= 65_535;
  const intentKey = `assign:${current.networkId}:${regionBeginTimeslice}:${core}:${paraId}`;
  return (
    <fieldset className="policy-form">
      <legend>Assign the region to para {paraId}</legend>
      {assigning && valid && signer ? (
        <TxFlow
          intent={{ kind: 'assignRegion', region: { begin: regionBeginTimeslice, core, mask: FULL_CORE_MASK }, paraId, finality }}
          signer={signer}
          intentKey={intentKey}
          txId={progress.txIds[intentKey]}
          summary={`Assign core ${core} from timeslice ${regionBeginTimeslice} to para ${paraId} (${finality === 'Final' ? 'final: keeps the renewal right' : 'provisional: can be reassigned, loses the renewal right'})`}
          token={token}
          ss58Prefix={current.ss58Prefix}
          confirmLabel="Sign and assign"
          onSubmitted={(record) => void update({ tx: { intentKey, txId: record.txId } })}
          onCancel={() => setAssigning(false)}
        />
      ) : (
        <div className="inline-fields">
          <label className="field"><span className="field-label">Core bought</span><input type="number" min={0} max={65_535} value={coreText} onChange={(event) => setCoreText(event.target.value)} /><span className="field-help muted">{typedCore === undefined && owned ? 'The region this account bought, as the Coretime chain holds it.' : 'From the purchase’s Purchased event.'}</span></label>
          <div className="segmented" role="radiogroup" aria-label="Finality">
            {(['Final', 'Provisional'] as const).map((value) => (
              <label key={value} className={value === finality ? 'segment selected' : 'segment'}>
                <input type="radio" name="finality" checked={value === finality} onChange={() => setFinality(value)} />{value}
              </label>
            ))}
          </div>
          <button type="button" className="button button-secondary" disabled={!valid} onClick={() => setAssigning(true)}>Review the assignment</button>
        </div>
      )}
    </fieldset>
  );
}

function OnDemand({ trafficFixed, queueSize, spotPricePlanck, creditsOffered, token, progress, update, current }: StepProps & { trafficFixed: string; queueSize?: number; spotPricePlanck?: string; creditsOffered: boolean; token: TokenFormat }): ReactElement {
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

function OrderPolicyForm({ policy, token, onSave }: { policy?: OrderPolicy; token: TokenFormat; onSave: (policy: OrderPolicy) => void }): ReactElement {
  const [enabled, setEnabled] = useState(policy?.enabled ?? false);
  const [trigger, setTrigger] = useState<OrderPolicy['trigger']>(policy?.trigger ?? 'either');
  const [maxText, setMaxText] = useState(policy ? formatAmount(policy.maxPricePlanck, token, { withoutSymbol: true, maxFractionDigits: Infinity }).replace(/,/g, '') : '');
  const [budgetText, setBudgetText] = useState(policy ? formatAmount(policy.dailyBudgetPlanck, token, { withoutSymbol: true, maxFractionDigits: Infinity }).replace(/,/g, '') : '');
  const [saved, setSaved] = useState(false);
  const max = parseAmount(maxText, token);
  const budget = parseAmount(budgetText, token);
  const problem = !max.ok ? `Max price: ${max.reason}` : !budget.ok ? `Daily budget: ${budget.reason}` : max.planck > budget.planck ? 'The daily budget must cover at least one order at the max price.' : undefined;
  return (
    <fieldset className="policy-form">
      <legend>Automatic ordering</legend>
      <label className="toggle"><input type="checkbox" checked={enabled} onChange={(event) => { setEnabled(event.target.checked); setSaved(false); }} /> <span>Order a block by itself when a collator needs one</span></label>
      <div className="segmented" role="radiogroup" aria-label="Order when">
        {([['block-ready', 'A block is ready'], ['transactions-waiting', 'Transactions wait'], ['either', 'Either']] as const).map(([value, label]) => (
          <label key={value} className={value === trigger ? 'segment selected' : 'segment'}>
            <input type="radio" name="order-trigger" checked={value === trigger} onChange={() => { setTrigger(value); setSaved(false); }} />{label}
          </label>
        ))}
      </div>
      <div className="inline-fields">
        <label className="field"><span className="field-label">Max price per block ({token.symbol})</span><input type="text" inputMode="decimal" value={maxText} onChange={(event) => { setMaxText(event.target.value); setSaved(false); }} /></label>
        <label className="field"><span className="field-label">Daily budget ({token.symbol})</span><input type="text" inputMode="decimal" value={budgetText} onChange={(event) => { setBudgetText(event.target.value); setSaved(false); }} /></label>
      </div>
      {(maxText || budgetText) && problem ? <span className="field-error" role="alert">{problem}</span> : null}
      <div className="form-actions start">
        <button type="button" className="button button-secondary" disabled={problem !== undefined} onClick={() => { if (max.ok && budget.ok) { onSave({ enabled, trigger, maxPricePlanck: max.planck.toString(), dailyBudgetPlanck: budget.planck.toString() }); setSaved(true); } }}>Save the policy</button>
        {saved ? <span className="muted small" role="status">Saved.</span> : null}
      </div>
      <p className="muted small">While this is on, the console checks on every relay block and orders with the console account chosen in step 1 (an extension or watch-only account cannot order by itself). The budget counts what each order was charged, price and transaction fee, per UTC day, and survives a restart. Orders are listed on the Parachains screen.</p>
    </fieldset>
  );
}

