import type { CollatorState } from '../../../../shared/contract/collators';
import { formatDuration } from '../../components/charts/units';

export type Tone = 'ok' | 'warn' | 'crit' | 'idle';

/**
 * What the operator calls the node's state, in their words: the supervisor's
 * `backoff` is a crash waiting to restart, and a stop after a crash is a crash.
 */
export function describeStatus(state: CollatorState, nowMs: number): { label: string; tone: Tone; detail: string | null } {
  switch (state.status) {
    case 'running':
      return { label: state.adopted ? 'Running (adopted)' : 'Running', tone: 'ok', detail: state.startedAt ? `up ${formatDuration(nowMs - state.startedAt)}` : null };
    case 'starting':
      return { label: 'Starting', tone: 'warn', detail: 'waiting for its RPC to answer' };
    case 'stopping':
      return { label: 'Stopping', tone: 'warn', detail: null };
    case 'backoff':
      return {
        label: 'Crashed, restarting',
        tone: 'crit',
        detail: state.nextRestartAt ? `restart ${state.restarts + 1} in ${formatDuration(Math.max(0, state.nextRestartAt - nowMs))}` : null,
      };
    case 'crash-loop':
      return { label: 'Crash loop', tone: 'crit', detail: `gave up after ${state.restarts} restarts; start it again when fixed` };
    case 'stopped':
      if (state.lastExit?.crashed) return { label: 'Crashed', tone: 'crit', detail: exitWords(state.lastExit) };
      return { label: 'Stopped', tone: 'idle', detail: null };
  }
}

export function exitWords(exit: NonNullable<CollatorState['lastExit']>): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return exit.code === null ? 'exited' : `exited with code ${exit.code}`;
}

/** Whether Start, Stop and Restart make sense now. */
export function availableActions(state: CollatorState): { start: boolean; stop: boolean; restart: boolean; remove: boolean } {
  const live = state.status === 'running' || state.status === 'starting' || state.status === 'backoff';
  return {
    start: state.status === 'stopped' || state.status === 'crash-loop',
    stop: live,
    restart: state.status === 'running' || state.status === 'starting' || state.status === 'crash-loop',
    remove: state.status === 'stopped' || state.status === 'crash-loop',
  };
}
