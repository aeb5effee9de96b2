import { useState, type ReactElement } from 'react';
import { type TokenFormat } from '../../../format/amount';
import { checkCrowdloan } from '../blockspace-model';

export function CreateForm({ nowBlock, token, onReview }: { nowBlock: number | undefined; token: TokenFormat; onReview: (loan: { capPlanck: bigint; firstPeriod: number; lastPeriod: number; endBlock: number }) => void }): ReactElement {
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
      <p className="muted small">The relay reserves its crowdloan deposit from this account until the crowdloan is dissolved; the review shows the amount where the chain tells it. Opening a crowdloan locks the para. Contributions go to the fund’s own account, not to you.</p>
      <div className="form-actions start">
        <button type="button" className="button" disabled={!loan.ok} onClick={() => { if (loan.ok) onReview(loan.value); }}>Review the crowdloan</button>
      </div>
    </fieldset>
  );
}
