import { useState, type ReactElement } from 'react';
import { parseAmount, type TokenFormat } from '../../format/amount';
import { TxFlow } from '../../chain/TxFlow';
import type { CurrentNetwork } from '../../chain/use-network';

/**
 * Buys on-demand credits on the Coretime chain for the signer's account on
 * the relay (`broker.purchaseCredit`), to pay orders with credits. The review
 * runs the runtime's dry run: where the network switches the call off (Paseo
 * and Polkadot filter it today) it says so before anything is signed.
 */
export function CreditPurchase({ signer, token, current }: { signer: { kind: 'vault' | 'extension'; address: string }; token: TokenFormat; current: CurrentNetwork }): ReactElement {
  const [text, setText] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const parsed = text.trim() === '' ? undefined : parseAmount(text, token);
  const amount = parsed?.ok ? parsed.planck : undefined;
  if (reviewing && amount !== undefined) {
    return (
      <TxFlow
        intent={{ kind: 'purchaseCredit', amountPlanck: amount.toString(), beneficiary: signer.address }}
        signer={signer}
        intentKey={`credits:${current.networkId}:${signer.address}:${amount.toString()}:${Date.now()}`}
        summary="Buy on-demand credits for your account on the relay chain"
        spend={{ label: 'Credits bought', planck: amount.toString(), note: 'Paid on the Coretime chain; spent on the relay by orders paid with credits.' }}
        token={token}
        ss58Prefix={current.ss58Prefix}
        confirmLabel="Sign and buy credits"
        onCancel={() => setReviewing(false)}
        onSettled={() => setText('')}
      />
    );
  }
  return (
    <form className="region-actions" aria-label="Buy on-demand credits" onSubmit={(event) => { event.preventDefault(); if (amount !== undefined) setReviewing(true); }}>
      <input aria-label={`Credits to buy, in ${token.symbol}`} placeholder={`amount in ${token.symbol}`} value={text} onChange={(event) => setText(event.target.value)} />
      <button type="submit" className="button button-secondary" disabled={amount === undefined || amount === 0n}>Review</button>
      {parsed && !parsed.ok ? <span className="field-error small">{parsed.reason}</span> : null}
    </form>
  );
}
