import { useState, type ReactElement } from 'react';
import type { CoretimeSaleView } from '../../../../shared/contract/onboarding';
import { Amount } from '../../components/Amount';
import { useRelayBlockTimeMs } from '../../components/TxProgressExplorer';
import { formatAmount, type TokenFormat } from '../../format/amount';
import { formatBlockNumber } from '../../format/time';
import { TxFlow } from '../../chain/TxFlow';
import { transferablePlanck, useBalance, useLiveRead } from '../../chain/use-live-read';
import { signerOf, type StepProps } from '../onboarding/step-props';
import { blocksCountdown, renewalIntentKey, renewalState, renewedCores, type RenewalRight } from './blockspace-model';

/**
 * The cores the team's paras may renew, from the Coretime chain: the renewal
 * price and the deadline, a "Renew" that goes through TxFlow, and the core
 * shown renewed once the broker has taken the renewal.
 */
export function CoretimeRenewal({ sale, token, progress, update, current }: StepProps & { sale: CoretimeSaleView; token: TokenFormat }): ReactElement | null {
  const address = progress.signer?.address;
  const paraIds = [...new Set([...(progress.paraId === undefined ? [] : [progress.paraId]), ...progress.watchedParaIds])];
  const holdings = useLiveRead<'coretimeHoldings'>(address && paraIds.length > 0 && current.connected ? { kind: 'coretimeHoldings', address, paraIds } : undefined);
  if (!address || paraIds.length === 0) return null;
  if (holdings.error) return <p className="muted small">Renewals could not be read from the Coretime chain: {holdings.error.message}</p>;
  if (!holdings.value) return null;
  const rights = holdings.value.renewals;
  const renewed = renewedCores(rights, sale, progress.txIds, current.networkId);
  if (rights.length === 0 && renewed.length === 0) return null;
  const regionBegin = sale.regionBeginBlock / sale.timeslicePeriodBlocks;
  // A renewed core also has its right for the region after listed: the renewed row already says so.
  const shown = rights.filter((right) => !(renewed.includes(right.core) && right.when > regionBegin));
  return (
    <section className="renewals" aria-labelledby="renewals-heading">
      <h4 id="renewals-heading">Your cores to renew</h4>
      <ul className="renewal-list">
        {renewed.map((core) => (
          <RenewedRow key={`renewed-${core}`} core={core} regionBegin={regionBegin} next={rights.find((right) => right.core === core)} {...{ sale, token, progress, update, current }} />
        ))}
        {shown.map((right) => <RenewalRow key={`${right.core}-${right.when}`} right={right} {...{ sale, token, progress, update, current }} />)}
      </ul>
    </section>
  );
}

function RenewalRow({ right, sale, token, progress, update, current }: StepProps & { right: RenewalRight; sale: CoretimeSaleView; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected, 'coretime');
  const blockTimeMs = useRelayBlockTimeMs(current.networkId);
  const [renewing, setRenewing] = useState(false);
  const state = renewalState(right, sale);
  const intentKey = renewalIntentKey(current.networkId, right.core, right.when);
  const txId = progress.txIds[intentKey];
  const nowBlock = sale.nowBlock;
  const paras = right.paraIds.join(', ');
  return (
    <li className="renewal">
      <div className="renewal-head">
        <strong>Core {right.core}</strong>
        <span className="muted small">for para {paras}</span>
        <span className={`badge ${state.kind === 'open' ? 'badge-warn' : state.kind === 'lapsed' ? 'badge-crit' : 'badge-ok'}`}>{state.kind === 'open' ? 'Renew now' : state.kind === 'lapsed' ? 'Lapsed' : 'Later'}</span>
      </div>
      <dl className="facts">
        <dt>Renewal price</dt><dd><strong><Amount planck={right.pricePlanck} token={token} /></strong></dd>
        <dt>Region</dt><dd>Starts at {formatBlockNumber(state.deadlineBlock)}</dd>
        <dt>Deadline</dt>
        <dd>
          {state.kind === 'open' ? <>Before {formatBlockNumber(state.closesBlock)}{`, ${blocksCountdown(state.closesBlock, nowBlock, blockTimeMs)}`}, when the broker moves to the next sale.{state.inInterlude ? ' The interlude runs now: a renewal is sure of its core.' : ' The interlude is over: a renewal still works while cores remain unsold, and fails once the sale sells out.'}</>
            : state.kind === 'later' ? <>Opens with the next sale at about {formatBlockNumber(state.opensAtBlock)}{`, ${blocksCountdown(state.opensAtBlock, nowBlock, blockTimeMs)}`}; renew in its interlude, before {formatBlockNumber(state.deadlineBlock)}.</>
            : <>Passed at {formatBlockNumber(state.deadlineBlock)}: the core went back to the sale.</>}
        </dd>
      </dl>
      {state.kind !== 'open' ? null : !signer ? <p className="muted small">Renewing needs an account that can sign (step 1).</p> : renewing || txId ? (
        <TxFlow
          // renew takes no price limit: the price shown is the cap, and the console refuses to sign above it.
          intent={{ kind: 'renewCoretime', core: right.core, priceCapPlanck: right.pricePlanck }}
          signer={signer}
          intentKey={intentKey}
          txId={txId}
          summary={`Renew core ${right.core} for para ${paras}, for the region starting at ${formatBlockNumber(state.deadlineBlock)}, at ${formatAmount(right.pricePlanck, token)}`}
          spend={{ label: 'Renewal price', planck: right.pricePlanck, note: 'Paid to the Coretime chain; the next renewal costs at most the renewal bump more.' }}
          token={token}
          ss58Prefix={current.ss58Prefix}
          freePlanck={balance.value ? transferablePlanck(balance.value) : undefined}
          confirmLabel="Sign and renew"
          onSubmitted={(record) => void update({ tx: { intentKey, txId: record.txId } })}
          onCancel={() => setRenewing(false)}
        />
      ) : (
        <div className="form-actions start">
          <button type="button" className="button" onClick={() => setRenewing(true)}>Renew core {right.core}</button>
        </div>
      )}
    </li>
  );
}

function RenewedRow({ core, regionBegin, next, sale, token, progress, current }: StepProps & { core: number; regionBegin: number; next?: RenewalRight; sale: CoretimeSaleView; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const intentKey = renewalIntentKey(current.networkId, core, regionBegin);
  const txId = progress.txIds[intentKey];
  const nextState = next ? renewalState(next, sale) : undefined;
  return (
    <li className="renewal renewed">
      <div className="renewal-head">
        <strong>Core {core}</strong>
        <span className="badge badge-ok">Renewed</span>
      </div>
      <p>Renewed for the region starting at {formatBlockNumber(regionBegin * sale.timeslicePeriodBlocks)}.
        {next && nextState ? <> Next renewal: <Amount planck={next.pricePlanck} token={token} />, before {formatBlockNumber(nextState.deadlineBlock)}.</> : null}
      </p>
      {signer && txId ? (
        <TxFlow intent={{ kind: 'renewCoretime', core }} signer={signer} intentKey={intentKey} txId={txId} summary={`Renew core ${core}`} token={token} ss58Prefix={current.ss58Prefix} />
      ) : null}
    </li>
  );
}
