import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../main/collators/log-line-parser';

describe('reading a collator node log line', () => {
  it('reads the idle line of the parachain half, colour codes and all', () => {
    const line = '2024-05-01 10:00:00 \x1b[1;37m[Parachain]\x1b[0m 💤 Idle (3 peers), best: #1204 (0x8e1a…12ff), finalized #1201 (0x77c2…9a01), ⬇ 1.2kiB/s ⬆ 0.8kiB/s';
    expect(parseLogLine(line)).toMatchObject({ half: 'para', level: null, event: { kind: 'sync', peers: 3, best: 1204, finalized: 1201 } });
  });

  it('tells the relay half apart', () => {
    expect(parseLogLine('2024-05-01 10:00:00 [Relaychain] ✨ Imported #20512 (0x1234…abcd)')).toMatchObject({
      half: 'relay',
      event: { kind: 'imported', number: 20512 },
    });
  });

  it('reads the syncing line with its target', () => {
    const line = '2024-05-01 10:00:00 [Relaychain] ⚙️  Syncing 112.4 bps, target=#20001234 (40 peers), best: #1999 (0xaaaa…bbbb), finalized #1536 (0xcccc…dddd), ⬇ 1.1MiB/s ⬆ 40kiB/s';
    expect(parseLogLine(line).event).toEqual({ kind: 'sync', peers: 40, best: 1999, finalized: 1536 });
  });

  it('sees the blocks the collator prepares and seals', () => {
    expect(parseLogLine('2024-05-01 10:00:00 [Parachain] 🎁 Prepared block for proposing at 1205 (2 ms) [hash: 0xab; parent_hash: 0xcd]').event).toEqual({ kind: 'prepared', number: 1205 });
    expect(parseLogLine('2024-05-01 10:00:00 [Parachain] 🔖 Pre-sealed block for proposal at 1205. Hash now 0x1, previously 0x2.').event).toEqual({ kind: 'authored', number: 1205 });
    expect(parseLogLine('2024-05-01 10:00:00 [Parachain] Starting collation. relay_parent=0x12 at=51').event).toEqual({ kind: 'collation' });
  });

  it('reads level, thread and target of a warning, with the prefix after the thread', () => {
    const line = '2024-05-01 10:00:00.123  \x1b[33mWARN\x1b[0m tokio-runtime-worker \x1b[1;37m[Parachain]\x1b[0m sync: 💔 Error importing block';
    expect(parseLogLine(line)).toMatchObject({ level: 'warn', half: 'para', target: 'sync', message: '💔 Error importing block' });
  });

  it('reads an error with no prefix', () => {
    expect(parseLogLine('2024-05-01 10:00:00 ERROR tokio-runtime-worker sc_service::task_manager: Essential task failed')).toMatchObject({
      level: 'error',
      half: null,
      target: 'sc_service::task_manager',
    });
  });

  it('keeps unknown lines as plain messages', () => {
    expect(parseLogLine('thread main panicked at something')).toEqual({ level: null, half: null, target: null, message: 'thread main panicked at something', event: null });
    expect(parseLogLine('')).toMatchObject({ message: '', event: null });
  });
});
