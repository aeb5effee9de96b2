import type { ReactElement } from 'react';
import { Address } from '../../../components/Address';
import type { StepProps } from '../step-props';

/** Step f: what was set up, and where to watch it from now on. */
export function DoneStep({ progress, update, current }: StepProps): ReactElement {
  return (
    <div className="step-body done-step">
      <h3>Para {progress.paraId ?? '…'} is set up on {current.network?.name ?? current.networkId}{progress.rehearsal ? ' (rehearsal)' : ''}</h3>
      <dl className="facts">
        <dt>Manager</dt><dd>{progress.signer ? <Address address={progress.signer.address} ss58Prefix={current.ss58Prefix} name={progress.signer.name} /> : '—'}</dd>
        <dt>Blockspace</dt><dd>{progress.blockspace === 'bulk' ? 'Bulk coretime' : progress.blockspace === 'on-demand' ? 'On-demand orders' : progress.blockspace === 'auction' ? 'Slot lease' : '—'}</dd>
        <dt>Collators</dt><dd>{progress.collatorProfileIds.length}</dd>
      </dl>
      <p>From here, the dashboard watches it: lifecycle, head, blockspace end and your collators’ health.</p>
      <div className="step-actions start">
        <a className="button" href="#/parachains">Open Parachains</a>
        <a className="button button-secondary" href="#/collators">Open Collators</a>
        <button type="button" className="button button-ghost" onClick={() => void update({ step: 'collators' })}>Back to Collators</button>
      </div>
    </div>
  );
}
