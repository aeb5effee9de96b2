import type { ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { describeStatus } from './node-status';

export function StatusBadge({ state, now }: { state: CollatorState; now: number }): ReactElement {
  const { label, tone } = describeStatus(state, now);
  return <span className={tone === 'idle' ? 'badge status-badge' : `badge badge-${tone} status-badge`}>{label}</span>;
}
