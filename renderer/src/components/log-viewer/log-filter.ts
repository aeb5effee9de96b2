import type { LogLine } from '../../../../shared/contract/collators';

export type LogLevel = NonNullable<LogLine['level']>;

/** The level groups the operator toggles; a line the node printed without a level counts as `info`. */
export const levelGroups = [
  { id: 'error', label: 'Errors', levels: ['error'] },
  { id: 'warn', label: 'Warnings', levels: ['warn'] },
  { id: 'info', label: 'Info', levels: ['info'] },
  { id: 'debug', label: 'Debug', levels: ['debug', 'trace'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; levels: readonly LogLevel[] }>;

export type LevelGroupId = (typeof levelGroups)[number]['id'];

export interface LogFilter {
  /** Levels to show; `null` shows every line. */
  levels: ReadonlySet<LogLevel> | null;
  /** Case-insensitive text every shown line contains; empty shows every line. */
  text: string;
}

export function buildFilter(groups: ReadonlySet<LevelGroupId>, text: string): LogFilter {
  const all = groups.size === levelGroups.length;
  const levels = new Set<LogLevel>();
  for (const group of levelGroups) if (groups.has(group.id)) for (const level of group.levels) levels.add(level);
  return { levels: all ? null : levels, text: text.trim().toLowerCase() };
}

export function lineMatches(line: Pick<LogLine, 'level' | 'text'>, filter: LogFilter): boolean {
  if (filter.levels && !filter.levels.has(line.level ?? 'info')) return false;
  return filter.text === '' || line.text.toLowerCase().includes(filter.text);
}
