import { useState, type ReactElement } from 'react';
import { type TokenFormat } from '../../../format/amount';
import { TxFlow } from '../../../chain/TxFlow';
import { signerOf, type StepProps } from '../../onboarding/step-props';
import type { FlowSpec } from './types';

/** TxFlow for one spec; once it is sent, a way back to the form (the read above updates when it lands). */
export function FlowBox({ flow, signer, freePlanck, token, current, closeLabel, onClose }: {
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
