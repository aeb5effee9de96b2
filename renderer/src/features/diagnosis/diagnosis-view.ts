import type { CheckStatus, Diagnosis } from '../../../../shared/contract/diagnosis';

/** How the panel heads a diagnosis: a badge for the verdict, and whose move it is. */
export function verdictBadge(diagnosis: Pick<Diagnosis, 'verdict'>): { label: string; className: string } {
  switch (diagnosis.verdict) {
    case 'ok': return { label: 'Advancing', className: 'badge badge-ok' };
    // No core is not a fault: nothing is broken, the para simply has no blockspace now.
    case 'idle': return { label: 'No blockspace', className: 'badge badge-warn' };
    case 'problem': return { label: 'Not advancing', className: 'badge badge-crit' };
    case 'unknown': return { label: 'Cannot tell', className: 'badge' };
  }
}

export function whoseMove(diagnosis: Pick<Diagnosis, 'verdict' | 'operatorCanFix'>): string | null {
  if (diagnosis.verdict === 'ok') return null;
  return diagnosis.operatorCanFix ? 'Your move' : 'Nothing to do on your side';
}

const STATUS_WORDS: Record<CheckStatus, { mark: string; label: string }> = {
  pass: { mark: '✓', label: 'passes' },
  fail: { mark: '✗', label: 'fails' },
  'not-read': { mark: '–', label: 'not read' },
};

export function checkMark(status: CheckStatus): { mark: string; label: string } {
  return STATUS_WORDS[status];
}

/** The check the cause was read from, so the panel can point at it. */
export function causeCheckId(diagnosis: Pick<Diagnosis, 'cause'>): Diagnosis['checks'][number]['id'] | null {
  switch (diagnosis.cause) {
    case 'not-registered': case 'onboarding': case 'offboarding': return 'registration';
    case 'no-core': case 'region-ended': case 'lease-ended': case 'on-demand-no-order': case 'on-demand-no-funds': return 'blockspace';
    case 'relay-node-no-peers': case 'relay-node-syncing': return 'relay-node';
    case 'para-node-syncing': return 'para-node';
    case 'keys-not-in-keystore': case 'keys-not-set': case 'not-in-authority-set': return 'keys';
    case 'collations-not-generated': case 'collations-not-advertised': case 'collations-not-fetched': return 'collations';
    case 'head-mismatch': return 'head';
    case 'code-upgrade-pending': return 'code';
    case 'not-backed': case 'backed-not-included': return 'inclusion';
    case 'advancing': case 'unknown': return null;
  }
}
