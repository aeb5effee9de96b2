import type { TxPhase } from '../../../shared/contract/chain';

/**
 * What each step of a transaction means to the operator. `tone` picks the
 * colour; `settled` says nothing more will happen without the operator.
 */
export interface PhaseWords {
  label: string;
  tone: 'progress' | 'ok' | 'warn' | 'crit';
  settled: boolean;
}

const words: Record<TxPhase, PhaseWords> = {
  queued: { label: 'Waiting for an earlier transaction from this account', tone: 'progress', settled: false },
  'checking-chain': { label: 'Checking the chain so nothing is done twice', tone: 'progress', settled: false },
  'awaiting-signature': { label: 'Waiting for your signature', tone: 'progress', settled: false },
  signed: { label: 'Signed', tone: 'progress', settled: false },
  submitted: { label: 'Sent to the network', tone: 'progress', settled: false },
  ready: { label: 'Ready: waiting in the transaction pool', tone: 'progress', settled: false },
  'in-block': { label: 'In a block: waiting for finality', tone: 'progress', settled: false },
  finalized: { label: 'Finalized', tone: 'ok', settled: true },
  'already-done': { label: 'Already done on chain: nothing was sent', tone: 'ok', settled: true },
  failed: { label: 'Failed on chain', tone: 'crit', settled: true },
  dropped: { label: 'Dropped by the network before it was included', tone: 'crit', settled: true },
  invalid: { label: 'Refused by the network as invalid', tone: 'crit', settled: true },
  usurped: { label: 'Replaced by another transaction with the same nonce', tone: 'warn', settled: true },
  'timed-out': { label: 'Not included in time', tone: 'warn', settled: true },
  unknown: { label: 'The connection dropped: it may or may not be on chain', tone: 'warn', settled: true },
};

export function phaseWords(phase: TxPhase): PhaseWords {
  return words[phase];
}

/** The steps of the happy path, in order, for a progress line. */
export const happyPath: readonly TxPhase[] = ['awaiting-signature', 'ready', 'in-block', 'finalized'];

/** How far along the happy path a phase is (0-based); failures report the last step reached. */
export function happyPathIndex(phase: TxPhase): number {
  switch (phase) {
    case 'queued':
    case 'checking-chain':
    case 'awaiting-signature':
      return 0;
    case 'signed':
    case 'submitted':
    case 'ready':
      return 1;
    case 'in-block':
      return 2;
    case 'finalized':
    case 'already-done':
      return 3;
    default:
      return -1;
  }
}

/** Phases after which `tx.retry` can finish the job. */
export function canRetry(phase: TxPhase): boolean {
  return phase === 'unknown' || phase === 'dropped' || phase === 'timed-out' || phase === 'usurped';
}
