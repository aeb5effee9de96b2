import type { ReactElement, ReactNode } from 'react';
import './TxConfirm.css';
import type { BalanceEffect, DryRunResult, TxEstimate } from '../../../shared/contract/chain';
import { formatAmount, formatAmountExact, sumPlanck, type TokenFormat } from '../format/amount';
import { Address } from './Address';
import { Amount } from './Amount';
import { ErrorMessage } from './ErrorMessage';

export interface DepositLine {
  label: string;
  planck: bigint | string;
  /** When and how it comes back, e.g. "returned when the para id is deregistered". */
  note?: string;
}

export interface TxConfirmProps {
  /** What will be signed, in plain words: "Reserve a para id on Paseo". */
  summary: string;
  details?: ReactNode;
  /** The fee and dry run from `tx.estimate`; undefined while it loads. */
  estimate?: TxEstimate;
  estimateError?: unknown;
  /** Every amount the transaction locks, besides the fee. */
  deposits?: DepositLine[];
  /** An amount the transaction spends outright (an order, a purchase), besides the fee. */
  spend?: DepositLine;
  token: TokenFormat;
  ss58Prefix: number;
  signer: { address: string; name?: string; kind: 'vault' | 'extension' };
  /** The signer's transferable balance, to say before signing whether it covers everything. */
  freePlanck?: bigint | string;
  busy?: boolean;
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel?: () => void;
}

/**
 * Everything an operator should know before signing: what the call does, who
 * signs, the fee, every deposit it locks and whether the balance covers it, and
 * what a dry run of it said. Signing stays disabled until the fee is known.
 */
export function TxConfirm(props: TxConfirmProps): ReactElement {
  const { estimate, token } = props;
  // The runtime's dry run says what the chain will take on this state: it replaces the flow's own figures.
  const fromDryRun = estimate?.effectsSource === 'dry-run';
  const deposits = fromDryRun ? [] : (props.deposits ?? []);
  const spend = fromDryRun ? undefined : props.spend;
  const effects = fromDryRun || (deposits.length === 0 && !spend) ? (estimate?.effects ?? []) : [];
  const feePlanck = estimate ? BigInt(estimate.feePlanck) : undefined;
  // The chain takes the pre-dispatch fee first and refunds the unused part after: the balance must cover the larger figure.
  const feeNeededPlanck = estimate ? BigInt(estimate.feeUpToPlanck ?? estimate.feePlanck) : undefined;
  const takenPlanck = sumPlanck([...deposits.map((d) => d.planck), ...(spend ? [spend.planck] : []), ...effects.filter((e) => e.kind !== 'released').map((e) => e.amountPlanck)]);
  const totalPlanck = feeNeededPlanck === undefined ? undefined : feeNeededPlanck + takenPlanck;
  // Where the chain holds more fee than it keeps, what leaves the account in the end differs from what must be there first.
  const keptPlanck = estimate?.feeBasis === 'as-charged' && estimate.feeUpToPlanck !== undefined && feePlanck !== undefined ? feePlanck + takenPlanck : undefined;
  const covered = totalPlanck !== undefined && props.freePlanck !== undefined ? BigInt(props.freePlanck) >= totalPlanck : undefined;
  const wouldFail = estimate?.dryRun.outcome === 'would-fail' || estimate?.dryRun.outcome === 'invalid';

  return (
    <section className="tx-confirm" aria-label="Review the transaction">
      <h3>{props.summary}</h3>
      {props.details ? <div className="tx-confirm-details">{props.details}</div> : null}
      <dl className="facts">
        <dt>Signed by</dt>
        <dd>
          <Address address={props.signer.address} ss58Prefix={props.ss58Prefix} name={props.signer.name} />
          <span className="muted"> {props.signer.kind === 'vault' ? '(key held by this console)' : '(browser extension: it will ask you)'}</span>
        </dd>
        {estimate ? (
          <>
            <dt>Call</dt>
            <dd className="mono">{estimate.call}</dd>
          </>
        ) : null}
        <dt>Network fee</dt>
        <dd>
          {feePlanck === undefined ? (props.estimateError ? 'unknown' : 'estimating…') : (
            <>
              {estimate?.feeBasis === 'up-to' ? 'up to ' : null}<Amount planck={feePlanck} token={token} maxFractionDigits={6} />
              {estimate?.feeBasis === 'as-charged' && estimate.feeUpToPlanck !== undefined ? (
                <div className="muted small">What the chain takes once the call has run; it holds {formatAmount(BigInt(estimate.feeUpToPlanck), token, { maxFractionDigits: 6 })} first and gives back the unused weight.</div>
              ) : null}
            </>
          )}
        </dd>
        {spend ? (
          <>
            <dt>{spend.label}</dt>
            <dd>
              <Amount planck={spend.planck} token={token} maxFractionDigits={6} /> <span className="muted small">estimate</span>
              {spend.note ? <div className="muted small">{spend.note}</div> : null}
            </dd>
          </>
        ) : null}
        {deposits.map((deposit) => (
          <DepositFact key={deposit.label} deposit={deposit} token={token} />
        ))}
        {effects.map((effect, index) => (
          <EffectFact key={`${effect.kind}-${index}`} effect={effect} token={token} />
        ))}
        {fromDryRun && effects.length === 0 && estimate?.dryRun.outcome === 'success' ? (
          <>
            <dt>Besides the fee</dt>
            <dd>Nothing is held, paid or sent <span className="muted small">(the runtime's dry run)</span></dd>
          </>
        ) : null}
        {totalPlanck !== undefined && (deposits.length > 0 || spend || effects.length > 0) ? (
          <>
            <dt>Total needed</dt>
            <dd><strong title={formatAmountExact(totalPlanck, token)}>{formatAmount(totalPlanck, token, { maxFractionDigits: 6 })}</strong></dd>
          </>
        ) : null}
        {keptPlanck !== undefined && keptPlanck !== totalPlanck ? (
          <>
            <dt>Taken in all</dt>
            <dd><strong title={formatAmountExact(keptPlanck, token)}>{formatAmount(keptPlanck, token, { maxFractionDigits: 6 })}</strong> <span className="muted small">once the unused fee is given back</span></dd>
          </>
        ) : null}
        {props.freePlanck !== undefined ? (
          <>
            <dt>Your transferable balance</dt>
            <dd>
              <Amount planck={props.freePlanck} token={token} />{' '}
              {covered === true ? <span className="badge badge-ok">covers it</span> : null}
              {covered === false ? <span className="badge badge-crit">not enough</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <DryRunNote dryRun={estimate?.dryRun} />
      {estimate?.effectsNote ? <p className="muted small tx-effects-note">{estimate.effectsNote}</p> : null}
      {covered === false && totalPlanck !== undefined && props.freePlanck !== undefined ? (
        <div className="banner banner-error" role="alert">
          <strong>This account is short by {formatAmount(totalPlanck - BigInt(props.freePlanck), token, { maxFractionDigits: 6 })}.</strong>
          <span> Send at least that much to it (or pick another account), then come back.</span>
        </div>
      ) : null}
      <ErrorMessage error={props.estimateError} />
      <div className="tx-confirm-actions">
        {props.onCancel ? <button type="button" className="button button-secondary" onClick={props.onCancel} disabled={props.busy}>Cancel</button> : null}
        <button type="button" className="button" onClick={props.onConfirm} disabled={props.busy || feePlanck === undefined || covered === false}>
          {props.busy ? 'Signing…' : (props.confirmLabel ?? 'Sign and submit')}
        </button>
      </div>
      {wouldFail ? <p className="muted small">A dry run predicts failure. You can still submit, but the fee is paid either way.</p> : null}
    </section>
  );
}

function DepositFact({ deposit, token }: { deposit: DepositLine; token: TokenFormat }): ReactElement {
  return (
    <>
      <dt>{deposit.label}</dt>
      <dd>
        <Amount planck={deposit.planck} token={token} maxFractionDigits={6} /> <span className="badge">locked</span> <span className="muted small">estimate</span>
        {deposit.note ? <div className="muted small">{deposit.note}</div> : null}
      </dd>
    </>
  );
}

function DryRunNote({ dryRun }: { dryRun?: DryRunResult }): ReactElement | null {
  if (!dryRun) return null;
  switch (dryRun.outcome) {
    case 'success':
      return <p className="tx-dry-run ok">A dry run on the current chain state succeeded.</p>;
    case 'when-signed':
      return <p className="tx-dry-run muted">Checked when signed: this runtime dry-runs only signed transactions, so the console runs it on the signed bytes and sends nothing if it would fail. Amounts here are the console's estimate.</p>;
    case 'not-offered':
      return <p className="tx-dry-run muted">This runtime offers no dry run, so the outcome is known only once it is included.</p>;
    case 'inconclusive':
      return <p className="tx-dry-run muted">A dry run cannot judge it yet: an earlier transaction of this account is still pending.</p>;
    default:
      return (
        <div className="banner banner-warning" role="alert">
          <div>
            <strong>A dry run says this would fail: {dryRun.error?.message ?? 'the runtime refused it'}.</strong>
            {dryRun.error?.hint ? <p>{dryRun.error.hint}</p> : null}
          </div>
        </div>
      );
  }
}

const effectWords: Record<BalanceEffect['kind'], { title: string; badge?: string }> = {
  held: { title: 'Held as a deposit', badge: 'locked' },
  paid: { title: 'Paid' },
  transferred: { title: 'Sent' },
  released: { title: 'Given back' },
};

const effectSourceWords: Record<BalanceEffect['source'], string> = {
  'dry-run': "from the runtime's dry run",
  'local-dry-run': 'from a run on a local copy of the chain',
  estimate: "the console's estimate",
};

/** One movement of the signer's funds, and whose figure it is: the runtime's dry run, or the console's estimate. */
function EffectFact({ effect, token }: { effect: BalanceEffect; token: TokenFormat }): ReactElement {
  const words = effectWords[effect.kind];
  return (
    <>
      <dt>{words.title}</dt>
      <dd data-effect={effect.kind} data-source={effect.source}>
        <Amount planck={effect.amountPlanck} token={token} maxFractionDigits={6} />
        {words.badge ? <> <span className="badge">{words.badge}</span></> : null}{' '}
        <span className="muted small">{effectSourceWords[effect.source]}</span>
        <div className="muted small tx-effect-label">{effect.label}</div>
      </dd>
    </>
  );
}
