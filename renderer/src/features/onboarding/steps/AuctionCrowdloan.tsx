import { useState, type ReactElement, type ReactNode } from 'react';
import type { TxIntent } from '../../../../../shared/contract/chain';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import type { DepositLine } from '../../../components/TxConfirm';
import { formatAmount, type TokenFormat } from '../../../format/amount';
import { toNetworkAddress } from '../../../format/address';
import { blocksToMs, formatBlockNumber, formatDuration } from '../../../format/time';
import { useRelayBlockTimeMs } from '../../../components/TxProgressExplorer';
import { TxFlow } from '../../accounts/TxFlow';
import { transferablePlanck, useBalance, useLiveRead } from '../../accounts/use-live-read';
import { signerOf, type StepProps } from '../step-props';
import {
  auctionPeriods, blocksCountdown, checkBid, checkContribution, checkCrowdloan, crowdloanActions, endingPhase,
  type AuctionOffers, type AuctionView, type CallOffer, type CrowdloanAction, type CrowdloanFund,
} from './blockspace-model';

type Props = StepProps & { token: TokenFormat; offers: AuctionOffers };

/** One transaction the operator is reviewing or following, with what TxFlow shows before signing. */
interface FlowSpec {
  intent: TxIntent;
  intentKey: string;
  summary: string;
  /** What the review says besides the figures (the lock a crowdloan puts on the para). */
  details?: ReactNode;
  confirmLabel: string;
  deposits?: DepositLine[];
  spend?: DepositLine;
}

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

function AuctionPanel({ paraId, nowBlock, token, offers, progress, update, current }: Props & { paraId: number; nowBlock: number | undefined }): ReactElement {
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

function AuctionFacts({ auction, nowBlock, blockTimeMs }: { auction: AuctionView; nowBlock: number | undefined; blockTimeMs: number }): ReactElement {
  const periods = auctionPeriods(auction);
  const ending = nowBlock === undefined ? undefined : endingPhase(auction, nowBlock);
  return (
    <>
      {auction.auctionIndex !== undefined ? <><dt>Auction</dt><dd>Number {auction.auctionIndex}</dd></> : null}
      <dt>Lease periods sold</dt><dd>{periods.first} to {periods.last} <span className="muted small">(a bid takes up to {periods.last - periods.first + 1} consecutive periods of these)</span></dd>
      <dt>Candle ending</dt>
      <dd>
        {ending?.phase === 'ending'
          ? <><span className="badge badge-warn">Running</span> since {formatBlockNumber(auction.endingPeriodStartBlock)}, {blocksCountdown(auction.endingPeriodStartBlock, nowBlock ?? 0, blockTimeMs)}</>
          : <>Starts at {formatBlockNumber(auction.endingPeriodStartBlock)}{nowBlock !== undefined ? `, ${blocksCountdown(auction.endingPeriodStartBlock, nowBlock, blockTimeMs)}` : ''}</>}
        {auction.endingPeriodBlocks !== undefined ? (
          <span className="small auction-note">
            Lasts {auction.endingPeriodBlocks.toLocaleString('en-US')} relay blocks (about {formatDuration(blocksToMs(auction.endingPeriodBlocks, blockTimeMs))}), until {formatBlockNumber(auction.endingPeriodStartBlock + auction.endingPeriodBlocks)}.
          </span>
        ) : null}
        <span className="muted small auction-note">Once it starts, a block picked at random afterwards decides which bids were winning: bid before it, not at the last moment.</span>
      </dd>
      {nowBlock !== undefined ? <><dt>Relay block now</dt><dd>{formatBlockNumber(nowBlock)}</dd></> : null}
    </>
  );
}

function LeaseList({ periods, token, ss58Prefix }: { periods: Array<{ account: string; depositPlanck: string } | null>; token: TokenFormat; ss58Prefix: number }): ReactElement {
  return (
    <ul className="lease-list">
      {periods.map((period, offset) => (
        <li key={offset}>
          <span className="lease-when">{offset === 0 ? 'Current period' : `Period +${offset}`}</span>
          {period ? <><Amount planck={period.depositPlanck} token={token} /> <span className="muted small">deposit by</span> <Address address={period.account} ss58Prefix={ss58Prefix} /></> : <span className="muted">not held</span>}
        </li>
      ))}
    </ul>
  );
}

function BidForm({ auction, paraId, token, progress, current }: Omit<Props, 'offers'> & { auction: AuctionView; paraId: number }): ReactElement {
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

function CrowdloanPanel({ paraId, nowBlock, token, offers, progress, current }: Props & { paraId: number; nowBlock: number | undefined }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected);
  const blockTimeMs = useRelayBlockTimeMs(current.networkId);
  const crowdloanKnown = offers.create.offered || offers.contribute.offered || offers.withdraw.offered || offers.refund.offered || offers.dissolve.offered;
  const crowdloan = useLiveRead<'crowdloan'>(crowdloanKnown ? { kind: 'crowdloan', paraId } : undefined);
  const para = useLiveRead<'para'>({ kind: 'para', paraId });
  // One key per para: a second "open" of the same crowdloan (a double click, a reload mid-flight) is never sent.
  const createKey = `crowdloan-create:${current.networkId}:${paraId}`;
  const [flow, setFlow] = useState<FlowSpec | undefined>();
  const fund = crowdloan.value?.fund ?? undefined;
  const freePlanck = balance.value ? transferablePlanck(balance.value) : undefined;
  return (
    <section className="path-detail" aria-labelledby="crowdloan-heading">
      <h3 id="crowdloan-heading">Crowdloan for para {paraId}</h3>
      {!crowdloanKnown ? <p className="muted">Crowdloans are not offered: {offers.create.reason}</p> : null}
      {crowdloan.error ? <p className="field-error" role="alert">The crowdloan could not be read: {crowdloan.error.message}</p> : null}
      {fund ? <FundFacts fund={fund} nowBlock={nowBlock} blockTimeMs={blockTimeMs} token={token} ss58Prefix={current.ss58Prefix} /> : null}
      {para.value?.locked ? <ParaLock paraId={paraId} byCrowdloan={fund !== undefined} /> : null}
      {signer && flow ? (
        <FlowBox flow={flow} signer={signer} freePlanck={freePlanck} closeLabel="Done" onClose={() => setFlow(undefined)} {...{ token, current }} />
      ) : !signer ? (
        crowdloanKnown ? <p className="muted">Crowdloan transactions need an account that can sign (step 1).</p> : null
      ) : !crowdloan.value ? (
        crowdloanKnown ? <p className="muted">Reading the crowdloan…</p> : null
      ) : fund ? (
        <FundActions fund={fund} nowBlock={nowBlock} paraId={paraId} offers={offers} signerAddress={signer.address} token={token} networkId={current.networkId} ss58Prefix={current.ss58Prefix} onFlow={setFlow} />
      ) : offers.create.offered ? (
        <CreateForm nowBlock={nowBlock} token={token} onReview={(loan) => setFlow(createFlow(paraId, loan, createKey, token))} />
      ) : <p className="muted">No crowdloan is open for para {paraId}, and this runtime does not open new ones: {offers.create.reason}</p>}
    </section>
  );
}

function createFlow(paraId: number, loan: { capPlanck: bigint; firstPeriod: number; lastPeriod: number; endBlock: number }, intentKey: string, token: TokenFormat): FlowSpec {
  return {
    intent: { kind: 'createCrowdloan', paraId, capPlanck: loan.capPlanck.toString(), firstPeriod: loan.firstPeriod, lastPeriod: loan.lastPeriod, endBlock: loan.endBlock },
    intentKey,
    summary: `Open a crowdloan for para ${paraId}: up to ${formatAmount(loan.capPlanck, token)} for lease periods ${loan.firstPeriod} to ${loan.lastPeriod}, closing at ${formatBlockNumber(loan.endBlock)}`,
    details: (
      <div className="banner banner-warning" role="note" data-testid="crowdloan-lock-warning">
        <div>
          <strong>Opening it locks para {paraId}.</strong>
          <p>From then on this manager account can no longer deregister the para, swap it, schedule a code upgrade or set its head: those need the para’s own origin (from the parachain, over XCM) or governance. The lock stays after the crowdloan is dissolved, until one of them lifts it.</p>
          <p className="small">The relay also reserves its crowdloan deposit from this account until the crowdloan is dissolved. Where the runtime tells the amount it is shown below; this runtime may not, and then the fund shows it once open.</p>
        </div>
      </div>
    ),
    confirmLabel: 'Sign and open the crowdloan',
  };
}

function FundFacts({ fund, nowBlock, blockTimeMs, token, ss58Prefix }: { fund: CrowdloanFund; nowBlock: number | undefined; blockTimeMs: number; token: TokenFormat; ss58Prefix: number }): ReactElement {
  const raised = BigInt(fund.raisedPlanck);
  const cap = BigInt(fund.capPlanck);
  const percent = cap > 0n ? Number((raised * 1000n) / cap) / 10 : 0;
  const ended = nowBlock !== undefined && nowBlock >= fund.endBlock;
  return (
    <dl className="facts">
      <dt>Raised</dt>
      <dd className="fund-raised">
        <span><Amount planck={fund.raisedPlanck} token={token} /> of <Amount planck={fund.capPlanck} token={token} /></span>
        <span className="vote-bar" role="meter" aria-label="Raised of the cap" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}><span style={{ width: `${Math.min(100, percent)}%` }} /></span>
      </dd>
      <dt>{ended ? 'Closed' : 'Closes'}</dt><dd>{formatBlockNumber(fund.endBlock)}{nowBlock !== undefined ? `, ${blocksCountdown(fund.endBlock, nowBlock, blockTimeMs)}` : ''}</dd>
      <dt>Lease periods</dt><dd>{fund.firstPeriod} to {fund.lastPeriod}</dd>
      <dt>Depositor</dt><dd><Address address={fund.depositor} ss58Prefix={ss58Prefix} /> <span className="muted small">(deposit <Amount planck={fund.depositPlanck} token={token} />, back when the fund is dissolved)</span></dd>
    </dl>
  );
}

/** The registrar's lock, read from the chain (`registrar.paras(id).locked`): a crowdloan sets it, and nothing on this page lifts it. */
function ParaLock({ paraId, byCrowdloan }: { paraId: number; byCrowdloan: boolean }): ReactElement {
  return (
    <p className="para-lock" data-testid="para-lock">
      <span className="badge badge-warn">Locked</span>{' '}
      Para {paraId} is locked in the registrar{byCrowdloan ? ' (its crowdloan locked it)' : ''}: deregistering, swapping, code upgrades and head changes need the para’s own origin or governance, not this manager account.
    </p>
  );
}

const actionWords: Record<Exclude<CrowdloanAction, 'contribute'>, { button: string; confirm: string; summary: (paraId: number) => string }> = {
  withdraw: { button: 'Withdraw my contribution', confirm: 'Sign and withdraw', summary: (paraId) => `Withdraw your contribution from para ${paraId}’s crowdloan` },
  refund: { button: 'Refund contributors', confirm: 'Sign and refund', summary: (paraId) => `Return contributions to para ${paraId}’s contributors (a batch at a time; repeat until none is left)` },
  dissolve: { button: 'Dissolve the fund', confirm: 'Sign and dissolve', summary: (paraId) => `Dissolve para ${paraId}’s crowdloan and return its deposit to the depositor` },
};

function FundActions({ fund, nowBlock, paraId, offers, signerAddress, token, networkId, ss58Prefix, onFlow }: {
  fund: CrowdloanFund; nowBlock: number | undefined; paraId: number; offers: AuctionOffers; signerAddress: string; token: TokenFormat; networkId: string; ss58Prefix: number; onFlow: (flow: FlowSpec) => void;
}): ReactElement {
  const [amountText, setAmountText] = useState('');
  const isDepositor = sameAddress(fund.depositor, signerAddress, ss58Prefix);
  const fits = crowdloanActions(fund, nowBlock, isDepositor);
  const allowed = (action: CrowdloanAction): CallOffer => (!offers[action].offered ? offers[action] : fits[action]);
  const contribution = checkContribution(amountText, fund, nowBlock, token);
  const intentOf = (action: Exclude<CrowdloanAction, 'contribute'>): TxIntent => (action === 'withdraw' ? { kind: 'withdrawCrowdloan', paraId, contributor: signerAddress } : action === 'refund' ? { kind: 'refundCrowdloan', paraId } : { kind: 'dissolveCrowdloan', paraId });
  return (
    <div className="fund-actions">
      {allowed('contribute').offered ? (
        <div className="inline-fields">
          <label className="field">
            <span className="field-label">Contribute ({token.symbol})</span>
            <input type="text" inputMode="decimal" value={amountText} onChange={(event) => setAmountText(event.target.value)} />
            {amountText && !contribution.ok ? <span className="field-error" role="alert">{contribution.reason}</span> : null}
          </label>
          <button type="button" className="button" disabled={!contribution.ok} onClick={() => {
            if (!contribution.ok) return;
            onFlow({
              intent: { kind: 'contributeCrowdloan', paraId, amountPlanck: contribution.value.toString() },
              intentKey: `contribute:${networkId}:${paraId}:${Date.now()}`,
              summary: `Contribute ${formatAmount(contribution.value, token)} to para ${paraId}’s crowdloan`,
              details: <p className="muted small">The contribution moves to the crowdloan’s own account; it comes back with a withdraw (or a refund) once the crowdloan ends without a win, or after the lease it won.</p>,
              confirmLabel: 'Sign and contribute',
            });
          }}>Review the contribution</button>
        </div>
      ) : <p className="muted small">{allowed('contribute').reason}</p>}
      <div className="fund-after-end" role="group" aria-label="When the crowdloan ends">
        <span className="fund-after-end-title">When the crowdloan ends</span>
        {(['withdraw', 'refund', 'dissolve'] as const).map((action) => {
          const offer = allowed(action);
          return (
            <div key={action} className="fund-action">
              <button type="button" className="button button-secondary" disabled={!offer.offered} onClick={() => onFlow({ intent: intentOf(action), intentKey: `${action}:${networkId}:${paraId}:${Date.now()}`, summary: actionWords[action].summary(paraId), confirmLabel: actionWords[action].confirm })}>
                {actionWords[action].button}
              </button>
              {!offer.offered ? <span className="muted small">{offer.reason}</span> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function CreateForm({ nowBlock, token, onReview }: { nowBlock: number | undefined; token: TokenFormat; onReview: (loan: { capPlanck: bigint; firstPeriod: number; lastPeriod: number; endBlock: number }) => void }): ReactElement {
  const [form, setForm] = useState({ capText: '', firstText: '', lastText: '', endText: '' });
  const [touched, setTouched] = useState(false);
  const loan = checkCrowdloan(form, nowBlock, token);
  const edit = (patch: Partial<typeof form>): void => { setForm({ ...form, ...patch }); setTouched(true); };
  return (
    <fieldset className="policy-form">
      <legend>Open a crowdloan</legend>
      <div className="inline-fields bid-fields">
        <label className="field"><span className="field-label">Cap ({token.symbol})</span><input type="text" inputMode="decimal" value={form.capText} onChange={(event) => edit({ capText: event.target.value })} /></label>
        <label className="field"><span className="field-label">First lease period</span><input type="text" inputMode="numeric" value={form.firstText} onChange={(event) => edit({ firstText: event.target.value })} /></label>
        <label className="field"><span className="field-label">Last lease period</span><input type="text" inputMode="numeric" value={form.lastText} onChange={(event) => edit({ lastText: event.target.value })} /></label>
        <label className="field">
          <span className="field-label">Ends at relay block</span>
          <input type="text" inputMode="numeric" value={form.endText} placeholder={nowBlock !== undefined ? `after ${nowBlock}` : undefined} onChange={(event) => edit({ endText: event.target.value })} />
        </label>
      </div>
      {touched && !loan.ok ? <span className="field-error" role="alert">{loan.reason}</span> : null}
      <p className="muted small">The runtime reserves its crowdloan deposit from this account; the check below says whether the balance covers it. Contributions go to the fund’s own account, not to you.</p>
      <div className="form-actions start">
        <button type="button" className="button" disabled={!loan.ok} onClick={() => { if (loan.ok) onReview(loan.value); }}>Review the crowdloan</button>
      </div>
    </fieldset>
  );
}

/** TxFlow for one spec; once it is sent, a way back to the form (the read above updates when it lands). */
function FlowBox({ flow, signer, freePlanck, token, current, closeLabel, onClose }: {
  flow: FlowSpec; signer: NonNullable<ReturnType<typeof signerOf>>; freePlanck?: bigint; token: TokenFormat; current: StepProps['current'];
  closeLabel: string; onClose: () => void;
}): ReactElement {
  const [sent, setSent] = useState(false);
  return (
    <div className="flow-box">
      <TxFlow
        intent={flow.intent}
        signer={signer}
        intentKey={flow.intentKey}
        summary={flow.summary}
        details={flow.details}
        deposits={flow.deposits}
        spend={flow.spend}
        token={token}
        ss58Prefix={current.ss58Prefix}
        freePlanck={freePlanck}
        confirmLabel={flow.confirmLabel}
        onSubmitted={() => setSent(true)}
        onCancel={onClose}
      />
      {sent ? <div className="form-actions start"><button type="button" className="button button-secondary" onClick={onClose}>{closeLabel}</button></div> : null}
    </div>
  );
}

function sameAddress(a: string, b: string, ss58Prefix: number): boolean {
  try {
    return toNetworkAddress(a, ss58Prefix) === toNetworkAddress(b, ss58Prefix);
  } catch {
    return a === b;
  }
}
