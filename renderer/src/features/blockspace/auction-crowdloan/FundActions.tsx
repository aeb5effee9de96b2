import { useState, type ReactElement } from 'react';
import type { TxIntent } from '../../../../../shared/contract/chain';
import { formatAmount, type TokenFormat } from '../../../format/amount';
import { toNetworkAddress } from '../../../format/address';
import { checkContribution, crowdloanActions, type AuctionOffers, type CallOffer, type CrowdloanAction, type CrowdloanFund } from '../blockspace-model';
import type { FlowSpec } from './types';

const actionWords: Record<Exclude<CrowdloanAction, 'contribute'>, { button: string; confirm: string; summary: (paraId: number) => string }> = {
  withdraw: { button: 'Withdraw my contribution', confirm: 'Sign and withdraw', summary: (paraId) => `Withdraw your contribution from para ${paraId}’s crowdloan` },
  refund: { button: 'Refund contributors', confirm: 'Sign and refund', summary: (paraId) => `Return contributions to para ${paraId}’s contributors (a batch at a time; repeat until none is left)` },
  dissolve: { button: 'Dissolve the fund', confirm: 'Sign and dissolve', summary: (paraId) => `Dissolve para ${paraId}’s crowdloan and return its deposit to the depositor` },
};

export function FundActions({ fund, nowBlock, paraId, offers, signerAddress, token, networkId, ss58Prefix, onFlow }: {
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


function sameAddress(a: string, b: string, ss58Prefix: number): boolean {
  try {
    return toNetworkAddress(a, ss58Prefix) === toNetworkAddress(b, ss58Prefix);
  } catch {
    return a === b;
  }
}
