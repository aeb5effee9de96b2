import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../shared/contract/collators';
import { isAtBottom } from '../../../../renderer/src/components/log-viewer/follow';
import { buildFilter, lineMatches, type LevelGroupId } from '../../../../renderer/src/components/log-viewer/log-filter';
import { LogStore, stripAnsi } from '../../../../renderer/src/components/log-viewer/log-store';

function lines(fromSeq: number, count: number, level: LogLine['level'] = 'info', text = (seq: number) => `line ${seq}`): LogLine[] {
  return Array.from({ length: count }, (_, i) => ({ seq: fromSeq + i, at: 1_700_000_000_000 + i, text: text(fromSeq + i), half: 'para' as const, level }));
}

function shownTexts(store: LogStore): string[] {
  return Array.from({ length: store.shownCount }, (_, i) => store.shownAt(i)?.text ?? '');
}

describe('the log viewer keeps a bounded, filtered copy of a node’s output', () => {
  it('keeps only the newest lines once 100,000 have arrived, and the memory bound holds under a long flood', () => {
    const store = new LogStore(100_000);
    for (let batch = 0; batch < 150; batch++) store.append(lines(batch * 1_000, 1_000));
    expect(store.size).toBe(100_000);
    expect(store.evicted).toBe(50_000);
    expect(store.shownAt(0)?.seq).toBe(50_000);
    expect(store.shownAt(store.shownCount - 1)?.seq).toBe(149_999);
  });

  it('ignores lines it already holds, so a replay after reconnecting shows nothing twice', () => {
    const store = new LogStore(100);
    store.append(lines(0, 10));
    store.append(lines(5, 10));
    expect(store.size).toBe(15);
    expect(shownTexts(store).at(-1)).toBe('line 14');
  });

  it('counts lines the main process kept on disk only (a gap in the sequence)', () => {
    const store = new LogStore(100);
    store.append(lines(0, 5));
    store.append(lines(25, 5));
    expect(store.missed).toBe(20);
  });

  it('filters by level and by text, case-insensitively, and applies the filter to lines that arrive later', () => {
    const store = new LogStore(1_000);
    store.append([...lines(0, 3, 'info'), ...lines(3, 2, 'warn', (seq) => `Peer ${seq} DISCONNECTED`), ...lines(5, 1, 'error', () => 'Essential task failed')]);
    store.setFilter(buildFilter(new Set<LevelGroupId>(['warn', 'error']), ''));
    expect(shownTexts(store)).toEqual(['Peer 3 DISCONNECTED', 'Peer 4 DISCONNECTED', 'Essential task failed']);

    store.setFilter(buildFilter(new Set<LevelGroupId>(['info', 'warn', 'error', 'debug']), 'disconnected'));
    expect(shownTexts(store)).toEqual(['Peer 3 DISCONNECTED', 'Peer 4 DISCONNECTED']);

    store.append(lines(6, 2, 'debug', (seq) => `disconnected ${seq}`));
    expect(store.shownCount).toBe(4);
  });

  it('trims the filtered view with the store and tells a paused view how many rows left the top', () => {
    const store = new LogStore(10);
    store.setFilter(buildFilter(new Set<LevelGroupId>(['error']), ''));
    store.append([...lines(0, 5, 'error'), ...lines(5, 5, 'info')]);
    expect(store.shownCount).toBe(5);
    store.append(lines(10, 3, 'info'));
    expect(store.shownCount).toBe(2);
    expect(store.takeTrimmedShown()).toBe(3);
    expect(store.takeTrimmedShown()).toBe(0);
  });

  it('starts counting again after the console restarted and numbers lines from zero', () => {
    const store = new LogStore(100);
    store.append(lines(0, 50));
    store.clear();
    store.append(lines(0, 3));
    expect(store.size).toBe(3);
    expect(store.missed).toBe(0);
  });

  it('treats a line the node printed without a level as info', () => {
    const infoOnly = buildFilter(new Set<LevelGroupId>(['info']), '');
    expect(lineMatches({ level: null, text: 'plain' }, infoOnly)).toBe(true);
    expect(lineMatches({ level: null, text: 'plain' }, buildFilter(new Set<LevelGroupId>(['error']), ''))).toBe(false);
  });

  it('removes the colour codes nodes print even into pipes', () => {
    expect(stripAnsi('\x1b[32mINFO\x1b[0m \x1b[1;33m✨ Imported #12\x1b[0m')).toBe('INFO ✨ Imported #12');
    const store = new LogStore(10);
    store.append([{ seq: 0, at: 0, text: '\x1b[31mERROR\x1b[0m boom', half: null, level: 'error' }]);
    expect(store.shownAt(0)?.text).toBe('ERROR boom');
  });

  it('follows only while the operator is at the bottom', () => {
    expect(isAtBottom({ scrollTop: 1_000, clientHeight: 400, scrollHeight: 1_400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 997, clientHeight: 400, scrollHeight: 1_400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 600, clientHeight: 400, scrollHeight: 1_400 })).toBe(false);
  });
});
