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
      <div className="done-next">
        <h4>Next: message channels</h4>
        <p>To talk to Asset Hub and your partners, the para needs HRMP channels. The Channels page shows what it has, prepares the message the para sends the relay for each request or acceptance, and dry-runs it on the relay first.</p>
        <a className="button button-secondary" href="#/channels">Open Channels</a>
      </div>
      <div className="step-actions start">
        <a className="button" href="#/parachains">Open Parachains</a>
        <a className="button button-secondary" href="#/collators">Open Collators</a>
        <button type="button" className="button button-ghost" onClick={() => void update({ step: 'collators' })}>Back to Collators</button>
      </div>
    </div>
  );
}
