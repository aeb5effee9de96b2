import type { ReactElement } from 'react';
import type { HealthLevel } from '../../../../shared/contract/health';

const words: Record<HealthLevel | 'idle', string> = { ok: 'OK', warn: 'WARN', crit: 'CRIT', idle: 'Not watched' };

export function LevelBadge({ level }: { level: HealthLevel | 'idle' }): ReactElement {
  return <span className={level === 'idle' ? 'badge' : `badge badge-${level}`}>{words[level]}</span>;
}
