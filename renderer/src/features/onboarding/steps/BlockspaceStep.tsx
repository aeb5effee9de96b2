import type { ReactElement } from 'react';
import { BlockspacePaths } from '../../blockspace/BlockspacePaths';
import type { StepProps } from '../step-props';

/** Step d: compare the blockspace paths the network offers and take one (the paths themselves are the blockspace feature's). */
export function BlockspaceStep({ progress, update, current }: StepProps): ReactElement {
  const token = current.token;
  if (!token) return <p className="muted">Connect to the network first (step 1).</p>;
  return (
    <div className="step-body">
      <BlockspacePaths token={token} {...{ progress, update, current }} />

      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void update({ step: 'register' })}>Back</button>
        <button type="button" className="button" disabled={!progress.blockspace} onClick={() => void update({ complete: 'blockspace', step: 'collators' })}>Continue to Collators</button>
      </div>
    </div>
  );
}
