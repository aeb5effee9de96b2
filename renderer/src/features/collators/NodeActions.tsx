import { memo, type ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { availableActions } from './node-status';

/** Start, stop (and restart) a node; each answer's state is shown at once, before the stream catches up. */
/** Drawn again only when its node's state changes: the rows around it redraw every second for their clocks. */
export const NodeActions = memo(NodeActionButtons);

function NodeActionButtons({ state, onState, withRestart = false, compact = false }: { state: CollatorState; onState: (state: CollatorState) => void; withRestart?: boolean; compact?: boolean }): ReactElement {
  const start = useApiMutation('collators.start', { invalidates: ['collators.list'] });
  const stop = useApiMutation('collators.stop', { invalidates: ['collators.list'] });
  const restart = useApiMutation('collators.restart', { invalidates: ['collators.list'] });
  const busy = start.isPending || stop.isPending || restart.isPending;
  const actions = availableActions(state);
  const error = start.error ?? stop.error ?? restart.error;
  const id = state.profileId;
  const reset = (): void => {
    start.reset();
    stop.reset();
    restart.reset();
  };
  return (
    <>
      {actions.start ? (
        <button type="button" className={compact ? 'button button-small' : 'button'} disabled={busy} onClick={() => { reset(); start.mutate({ id }, { onSuccess: onState }); }}>
          {start.isPending ? 'Starting…' : 'Start'}
        </button>
      ) : (
        <button type="button" className={compact ? 'button button-secondary button-small' : 'button button-secondary'} disabled={busy || !actions.stop} onClick={() => { reset(); stop.mutate({ id }, { onSuccess: onState }); }}>
          {stop.isPending || state.status === 'stopping' ? 'Stopping…' : 'Stop'}
        </button>
      )}
      {withRestart ? (
        <button type="button" className="button button-secondary" disabled={busy || !actions.restart} onClick={() => { reset(); restart.mutate({ id }, { onSuccess: onState }); }}>
          {restart.isPending ? 'Restarting…' : 'Restart'}
        </button>
      ) : null}
      {error && !compact ? <div className="action-error"><ErrorMessage error={error} /></div> : null}
      {error && compact ? <span className="text-crit action-error-inline" role="alert" title={error.hint}>{error.message}</span> : null}
    </>
  );
}
