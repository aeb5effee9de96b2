import type { LogLine } from '../../shared/contract/collators';

export type LogLevel = NonNullable<LogLine['level']>;
export type ChainHalf = NonNullable<LogLine['half']>;

/** What a line tells about the node's progress, when it tells anything. */
export type NodeLogEvent =
  | { kind: 'imported'; number: number }
  | { kind: 'sync'; peers: number; best: number; finalized: number }
  | { kind: 'prepared'; number: number }
  | { kind: 'authored'; number: number }
  | { kind: 'collation' };

export interface ParsedLogLine {
  /** Null when the line carries no level (Substrate prints INFO lines without one). */
  level: LogLevel | null;
  half: ChainHalf | null;
  target: string | null;
  message: string;
  event: NodeLogEvent | null;
}

// CSI and OSC escape sequences: nodes colour their output even into files.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(?:\x07|\x1b\\)/g;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s+/;
const LEVEL = /^(TRACE|DEBUG|INFO|WARN|WARNING|ERROR)\s+/;
const HALF = /^\[(Parachain|Relaychain)\]\s*/;
const THREAD_THEN_TARGET = /^([\w.-]+)\s+(?=(?:\[(?:Parachain|Relaychain)\]\s*)?[A-Za-z_][\w:-]*:\s)/;
const TARGET = /^([A-Za-z_][\w:-]*):\s+/;

const SYNC = /\((\d+) peers?\),\s*best:\s*#(\d+)[^,]*,\s*finalized\s*#(\d+)/;
const IMPORTED = /Imported #(\d+)/;
const PREPARED = /Prepared block for proposing at (\d+)/;
const AUTHORED = /(?:Pre-sealed block for proposal at|Authored block|Produced block) #?(\d+)/;
const COLLATION = /Starting collation/;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}

/**
 * Reads one line of a Substrate/Cumulus node's output. Unknown lines are not
 * errors: they come back as a plain message with no level and no event.
 */
export function parseLogLine(raw: string): ParsedLogLine {
  let rest = stripAnsi(raw).trimEnd();
  rest = rest.replace(TIMESTAMP, '');

  let half: ChainHalf | null = null;
  const takeHalf = (): void => {
    const match = HALF.exec(rest);
    if (match) {
      half = match[1] === 'Parachain' ? 'para' : 'relay';
      rest = rest.slice(match[0].length);
    }
  };

  takeHalf();
  let level: LogLevel | null = null;
  let target: string | null = null;
  const levelMatch = LEVEL.exec(rest);
  if (levelMatch) {
    level = toLevel(levelMatch[1] ?? '');
    rest = rest.slice(levelMatch[0].length);
    const thread = THREAD_THEN_TARGET.exec(rest);
    if (thread) rest = rest.slice(thread[0].length);
    takeHalf();
    const targetMatch = TARGET.exec(rest);
    if (targetMatch) {
      target = targetMatch[1] ?? null;
      rest = rest.slice(targetMatch[0].length);
    }
  }
  takeHalf();
  return { level, half, target, message: rest, event: eventOf(rest) };
}

function toLevel(word: string): LogLevel {
  switch (word) {
    case 'TRACE':
      return 'trace';
    case 'DEBUG':
      return 'debug';
    case 'WARN':
    case 'WARNING':
      return 'warn';
    case 'ERROR':
      return 'error';
    default:
      return 'info';
  }
}

function eventOf(message: string): NodeLogEvent | null {
  const sync = SYNC.exec(message);
  if (sync) return { kind: 'sync', peers: Number(sync[1]), best: Number(sync[2]), finalized: Number(sync[3]) };
  const imported = IMPORTED.exec(message);
  if (imported) return { kind: 'imported', number: Number(imported[1]) };
  const prepared = PREPARED.exec(message);
  if (prepared) return { kind: 'prepared', number: Number(prepared[1]) };
  const authored = AUTHORED.exec(message);
  if (authored) return { kind: 'authored', number: Number(authored[1]) };
  if (COLLATION.test(message)) return { kind: 'collation' };
  return null;
}
