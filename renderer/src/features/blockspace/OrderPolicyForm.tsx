import { useState, type ReactElement } from 'react';
import type { OrderPolicy } from '../../../../shared/contract/onboarding';
import { formatAmount, parseAmount, type TokenFormat } from '../../format/amount';

/** When the console orders an on-demand block by itself, and how much it may spend on it per block and per day. */
export function OrderPolicyForm({ policy, token, onSave }: { policy?: OrderPolicy; token: TokenFormat; onSave: (policy: OrderPolicy) => void }): ReactElement {
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
