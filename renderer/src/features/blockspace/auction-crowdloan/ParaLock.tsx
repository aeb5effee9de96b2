import { type ReactElement } from 'react';

/** The registrar's lock, read from the chain (`registrar.paras(id).locked`): a crowdloan sets it, and nothing on this page lifts it. */
export function ParaLock({ paraId, byCrowdloan }: { paraId: number; byCrowdloan: boolean }): ReactElement {
  return (
    <p className="para-lock" data-testid="para-lock">
      <span className="badge badge-warn">Locked</span>{' '}
      Para {paraId} is locked in the registrar{byCrowdloan ? ' (its crowdloan locked it)' : ''}: deregistering, swapping, code upgrades and head changes need the para’s own origin or governance, not this manager account.
    </p>
  );
}
