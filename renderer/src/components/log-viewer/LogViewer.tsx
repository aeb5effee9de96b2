import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactElement } from 'react';
import { isAtBottom } from './follow';
import { buildFilter, levelGroups, type LevelGroupId } from './log-filter';
import type { LogStore } from './log-store';
import './log-viewer.css';

const ROW_HEIGHT_PX = 18;
/** More than the rows ever on screen plus overscan, so two rows never share a slot. */
const ROW_SLOTS = 256;
const allGroups: ReadonlySet<LevelGroupId> = new Set(levelGroups.map((group) => group.id));
/** Rows drawn while following: more than the list's height shows, so a taller list or a late scroll never shows a gap. */
const TAIL_ROWS = 48;

/**
 * While following, the newest rows are known without asking the virtualiser,
 * whose range only moves on the scroll event after each repaint: drawing them
 * at once saves a second render of the whole list per repaint.
 */
function tailRows(count: number): Array<{ index: number; start: number }> {
  const first = Math.max(0, count - TAIL_ROWS);
  return Array.from({ length: count - first }, (_v, i) => ({ index: first + i, start: (first + i) * ROW_HEIGHT_PX }));
}

/**
 * A node's live log: virtualised so 100,000 lines scroll smoothly, filtered by
 * level and text, and following the newest line until the operator scrolls up.
 */
export const LogViewer = memo(LogViewerList);

/** Repaints from its own store's version, never because the page around it re-rendered (node states arrive several times a second). */
function LogViewerList({ store, label, footer }: { store: LogStore; label: string; footer?: ReactElement | null }): ReactElement {
  const version = useFrameCoalescedVersion(store);
  const [groups, setGroups] = useState<ReadonlySet<LevelGroupId>>(allGroups);
  const [text, setText] = useState('');
  const [following, setFollowing] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);
  const followingRef = useRef(following);
  followingRef.current = following;

  useEffect(() => store.setFilter(buildFilter(groups, text)), [store, groups, text]);

  const count = store.shownCount;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 10,
    // Rows have a fixed height and 10 rows of overscan: a scroll can wait for React's next batch instead of
    // forcing a synchronous render inside every scroll event (each repaint while following scrolls once).
    useFlushSync: false,
  });
  const virtualizerTotal = useRef(0);
  virtualizerTotal.current = virtualizer.getTotalSize();

  // New lines: keep the newest in view while following; otherwise keep the operator's place as old lines leave the front.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const trimmed = store.takeTrimmedShown();
    if (!element) return;
    // Past the end: the browser clamps it, and nothing here reads layout (reading scrollHeight forced a layout every frame).
    if (followingRef.current) element.scrollTop = virtualizerTotal.current + ROW_HEIGHT_PX;
    else if (trimmed > 0) element.scrollTop = Math.max(0, element.scrollTop - trimmed * ROW_HEIGHT_PX);
  }, [store, version, count]);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = isAtBottom(element);
    if (atBottom !== followingRef.current) setFollowing(atBottom);
  }, []);

  const jumpToLatest = (): void => {
    setFollowing(true);
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  const toggle = (id: LevelGroupId): void => {
    const next = new Set(groups);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setGroups(next);
  };

  return (
    <section className="log-viewer" aria-label={label}>
      <div className="log-toolbar">
        <div className="log-levels" role="group" aria-label="Levels shown">
          {levelGroups.map((group) => (
            <button
              key={group.id}
              type="button"
              className={`log-level-toggle level-${group.id}`}
              aria-pressed={groups.has(group.id)}
              onClick={() => toggle(group.id)}
            >
              {group.label}
            </button>
          ))}
        </div>
        <label className="log-search">
          <span className="log-sr-only">Filter lines</span>
          <input type="search" placeholder="Filter lines…" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <span className="log-counts muted" aria-live="off">
          {count.toLocaleString()} of {store.size.toLocaleString()} lines
          {store.missed > 0 ? ` · ${store.missed.toLocaleString()} only on disk` : ''}
        </span>
        <span className={following ? 'log-follow badge badge-ok' : 'log-follow badge'} role="status">
          {following ? 'Following' : 'Paused'}
        </span>
      </div>
      <div className="log-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="log" aria-label={`${label}: lines`}>
        {count === 0 ? (
          <p className="log-empty muted">{store.size === 0 ? 'No output yet. Lines appear here as the node writes them.' : 'No line matches the filter.'}</p>
        ) : (
          <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
            {(following ? tailRows(count) : virtualizer.getVirtualItems()).map((row) => {
              const line = store.shownAt(row.index);
              if (!line) return null;
              return (
                <div
                  // Keyed by slot, not by line: while following, every row shows a new line each repaint, and reusing
                  // the same elements updates their text instead of removing and creating them.
                  key={row.index % ROW_SLOTS}
                  className={`log-row level-${line.level ?? 'none'}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT_PX }}
                >
                  {line.half ? <span className={`log-half half-${line.half}`}>{line.half === 'para' ? 'para' : 'relay'}</span> : <span className="log-half" />}
                  <span className="log-text">{line.text}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {!following ? (
        <button type="button" className="button log-jump" onClick={jumpToLatest}>
          Jump to latest
        </button>
      ) : null}
      {footer ? <div className="log-footer muted">{footer}</div> : null}
    </section>
  );
}

/** New lines repaint the list at most this often; scrolling stays at the screen's pace, since it does not wait for new lines. */
const REPAINT_EVERY_MS = 50;
/** In a flood (more lines per repaint than anyone reads) the list repaints less often, leaving frames for the rest of the screen. */
const FLOOD_REPAINT_EVERY_MS = 200;
const FLOOD_LINES_PER_REPAINT = 200;

/**
 * The store's version, read at most once per repaint interval and on an
 * animation frame: 10,000 lines a second repaint ten times a second, not
 * once per batch.
 */
function useFrameCoalescedVersion(store: LogStore): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      let frame = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let lastMs = 0;
      let receivedAtPaint = store.size + store.evicted;
      const paint = (): void => {
        frame = requestAnimationFrame((now) => {
          frame = 0;
          lastMs = now;
          receivedAtPaint = store.size + store.evicted;
          onChange();
        });
      };
      const stop = store.subscribe(() => {
        if (frame !== 0 || timer !== undefined) return;
        const flooding = store.size + store.evicted - receivedAtPaint > FLOOD_LINES_PER_REPAINT;
        const waitMs = (flooding ? FLOOD_REPAINT_EVERY_MS : REPAINT_EVERY_MS) - (performance.now() - lastMs);
        if (waitMs <= 0) paint();
        else
          timer = setTimeout(() => {
            timer = undefined;
            paint();
          }, waitMs);
      });
      return () => {
        stop();
        if (frame !== 0) cancelAnimationFrame(frame);
        if (timer !== undefined) clearTimeout(timer);
      };
    },
    [store],
  );
  return useSyncExternalStore(subscribe, () => store.version);
}
