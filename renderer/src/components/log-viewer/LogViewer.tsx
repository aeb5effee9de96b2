import { memo, useEffect, useRef, useState, type ReactElement } from 'react';
import { LogRowsPainter } from './log-rows-painter';
import { buildFilter, levelGroups, type LevelGroupId } from './log-filter';
import type { LogStore } from './log-store';
import './log-viewer.css';

const allGroups: ReadonlySet<LevelGroupId> = new Set(levelGroups.map((group) => group.id));

/**
 * A node's live log: 100,000 lines scroll smoothly, filtered by level and
 * text, following the newest line until the operator scrolls up.
 *
 * React renders the toolbar and the empty frame of the list; the rows are
 * drawn by `LogRowsPainter`, outside React, since a flood changes all of them
 * several times a second.
 */
export const LogViewer = memo(LogViewerList);

function LogViewerList({ store, label, footer }: { store: LogStore; label: string; footer?: ReactElement | null }): ReactElement {
  const [groups, setGroups] = useState<ReadonlySet<LevelGroupId>>(allGroups);
  const [text, setText] = useState('');
  const [following, setFollowing] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const countsRef = useRef<HTMLSpanElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const painterRef = useRef<LogRowsPainter | null>(null);

  useEffect(() => {
    const [scroll, spacer, rows, counts, empty] = [scrollRef.current, spacerRef.current, rowsRef.current, countsRef.current, emptyRef.current];
    if (!scroll || !spacer || !rows || !counts || !empty) return;
    const painter = new LogRowsPainter({ scroll, spacer, rows, counts, empty }, store, setFollowing);
    painterRef.current = painter;
    const stop = painter.start();
    return () => {
      stop();
      painterRef.current = null;
      rows.replaceChildren();
    };
  }, [store]);

  useEffect(() => store.setFilter(buildFilter(groups, text)), [store, groups, text]);

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
        <span className="log-counts muted" aria-live="off" ref={countsRef} />
        <span className={following ? 'log-follow badge badge-ok' : 'log-follow badge'} role="status">
          {following ? 'Following' : 'Paused'}
        </span>
      </div>
      <div className="log-scroll" ref={scrollRef} tabIndex={0} role="log" aria-label={`${label}: lines`}>
        <p className="log-empty muted" ref={emptyRef} />
        <div className="log-spacer" ref={spacerRef}>
          <div className="log-rows" ref={rowsRef} />
        </div>
      </div>
      {!following ? (
        <button type="button" className="button log-jump" onClick={() => painterRef.current?.follow()}>
          Jump to latest
        </button>
      ) : null}
      {footer ? <div className="log-footer muted">{footer}</div> : null}
    </section>
  );
}
