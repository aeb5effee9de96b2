import { isAtBottom, AT_BOTTOM_SLACK_PX } from './follow';
import type { LogStore, ViewLine } from './log-store';
import { ROW_HEIGHT_PX, rowWindow } from './row-window';

/** New lines repaint the list at most this often; scrolling stays at the screen's pace, since it does not wait for new lines. */
const REPAINT_EVERY_MS = 50;
/** In a flood (more lines per repaint than anyone reads) the list repaints less often, leaving frames for the rest of the screen. */
const FLOOD_REPAINT_EVERY_MS = 200;
const FLOOD_LINES_PER_REPAINT = 200;

/** The elements React renders once and the painter fills. */
export interface LogRowsElements {
  /** The scrolling box (role="log"). */
  scroll: HTMLElement;
  /** Sized to every shown row, so the scrollbar tells where the view is among them. */
  spacer: HTMLElement;
  /** Holds the drawn rows in order, moved to where the first of them belongs. */
  rows: HTMLElement;
  /** "N of M lines". */
  counts: HTMLElement;
  /** Says why the list is empty, or is hidden. */
  empty: HTMLElement;
}

interface DrawnRow {
  element: HTMLDivElement;
  half: HTMLSpanElement;
  text: HTMLSpanElement;
  line: ViewLine | undefined;
}

/**
 * Draws a node's log lines into the elements of a `LogViewer`, outside React.
 *
 * A flood of 10,000 lines a second changes every visible row at each repaint;
 * as plain DOM writes that costs a few dozen text updates, where React's
 * render of the same rows and the virtualiser's measurements of 100,000 items
 * cost most of a frame (BENCHMARKS.md, UI). Rows have a fixed height, so the
 * rows in view are arithmetic (`rowWindow`) rather than measured: this is why
 * the list no longer uses @tanstack/react-virtual, which rebuilt a measurement
 * for each of the 100,000 rows whenever lines arrived.
 */
export class LogRowsPainter {
  private following = true;
  /** Where the last scroll to the newest line landed: scrolling above it is the operator scrolling up. */
  private followTop = 0;
  /**
   * The operator touched the list (wheel, key, pointer) since it last went back to following. Only then does a scroll
   * upwards pause it: a keyboard scroll's animation still running when "Jump to latest" is pressed moves the box up
   * after the jump, and without this the list paused again by itself (the log viewer e2e saw it on a loaded machine).
   */
  private operatorScrolled = false;
  private viewHeightPx = 0;
  private readonly drawn: DrawnRow[] = [];
  private drawnFirst = -1;
  private drawnEnd = -1;
  private drawnVersion = -1;
  private spacerHeightPx = -1;
  private countsText = '';
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPaintMs = 0;
  private receivedAtPaint = 0;

  constructor(
    private readonly elements: LogRowsElements,
    private readonly store: LogStore,
    private readonly onFollowingChange: (following: boolean) => void,
  ) {}

  /** Starts drawing; the returned function stops it. */
  start(): () => void {
    const { scroll } = this.elements;
    const stopStore = this.store.subscribe(() => this.schedule());
    const onScroll = (): void => this.onScroll();
    const onOperatorInput = (): void => {
      this.operatorScrolled = true;
    };
    const inputs = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
    scroll.addEventListener('scroll', onScroll, { passive: true });
    for (const input of inputs) scroll.addEventListener(input, onOperatorInput, { passive: true });
    const resize = new ResizeObserver(() => {
      this.viewHeightPx = scroll.clientHeight;
      this.paint();
    });
    resize.observe(scroll);
    this.viewHeightPx = scroll.clientHeight;
    this.receivedAtPaint = this.received();
    this.paint();
    return () => {
      stopStore();
      scroll.removeEventListener('scroll', onScroll);
      for (const input of inputs) scroll.removeEventListener(input, onOperatorInput);
      resize.disconnect();
      if (this.frame !== 0) cancelAnimationFrame(this.frame);
      if (this.timer !== undefined) clearTimeout(this.timer);
    };
  }

  /** Back to the newest line ("Jump to latest"). */
  follow(): void {
    this.operatorScrolled = false;
    this.setFollowing(true);
    // A keyboard scroll (Page Up) animates on after an instant scroll to the end and would pause the list again;
    // starting a scroll animation of our own replaces it, and the paint's instant scroll then lands at once.
    this.elements.scroll.scrollTo({ top: this.spacerHeightPx + ROW_HEIGHT_PX, behavior: 'smooth' });
    this.paint();
  }

  private received(): number {
    return this.store.size + this.store.evicted;
  }

  /** At most one repaint per interval, on an animation frame: 10,000 lines a second repaint five times a second, not once per batch. */
  private schedule(): void {
    if (this.frame !== 0 || this.timer !== undefined) return;
    const sincePaintMs = performance.now() - this.lastPaintMs;
    // Judged by the rate since the last repaint, so one small batch of a flood does not look like a quiet node.
    const flooding = (this.received() - this.receivedAtPaint) * REPAINT_EVERY_MS > FLOOD_LINES_PER_REPAINT * Math.max(1, sincePaintMs);
    const waitMs = (flooding ? FLOOD_REPAINT_EVERY_MS : REPAINT_EVERY_MS) - sincePaintMs;
    const onFrame = (): void => {
      this.frame = requestAnimationFrame((now) => {
        this.frame = 0;
        this.lastPaintMs = now;
        this.receivedAtPaint = this.received();
        this.paint();
      });
    };
    if (waitMs <= 0) onFrame();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        onFrame();
      }, waitMs);
  }

  private onScroll(): void {
    const { scroll } = this.elements;
    if (this.following) {
      // Scrolled above where following put it, and not merely clamped there because the view grew or lost its horizontal scrollbar.
      const scrolledUp = scroll.scrollTop < this.followTop - AT_BOTTOM_SLACK_PX && !isAtBottom(scroll);
      if (!scrolledUp) return; // the list's own scroll to the newest line: new lines wait for the next repaint, not every frame
      if (!this.operatorScrolled) {
        this.paint(); // moved up by nothing the operator did since following resumed: back to the newest line
        return;
      }
      this.setFollowing(false);
    } else if (isAtBottom(scroll)) {
      this.operatorScrolled = false;
      this.setFollowing(true);
    }
    this.paint();
  }

  private setFollowing(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    this.onFollowingChange(following);
  }

  private paint(): void {
    const { scroll, spacer, rows } = this.elements;
    const store = this.store;
    const trimmed = store.takeTrimmedShown();
    const count = store.shownCount;
    const heightPx = count * ROW_HEIGHT_PX;
    if (heightPx !== this.spacerHeightPx) {
      spacer.style.height = `${heightPx}px`;
      this.spacerHeightPx = heightPx;
    }
    if (this.following) {
      // Past the end: the browser clamps it; reading it back costs nothing more, the write already laid the box out.
      scroll.scrollTop = heightPx + ROW_HEIGHT_PX;
      this.followTop = scroll.scrollTop;
    } else if (trimmed > 0) {
      // The oldest lines left the front: move up by as many rows so the operator keeps their place.
      scroll.scrollTop = Math.max(0, scroll.scrollTop - trimmed * ROW_HEIGHT_PX);
    }
    const { first, end } = rowWindow(count, this.following ? 0 : scroll.scrollTop, this.viewHeightPx, this.following);
    if (first === this.drawnFirst && end === this.drawnEnd && store.version === this.drawnVersion) return;
    this.drawnFirst = first;
    this.drawnEnd = end;
    this.drawnVersion = store.version;
    rows.style.transform = `translateY(${first * ROW_HEIGHT_PX}px)`;
    for (let k = 0; k < end - first; k++) this.drawRow(this.drawn[k] ?? this.addRow(), store.shownAt(first + k));
    for (let k = end - first; k < this.drawn.length; k++) this.drawRow(this.drawn[k], undefined);
    this.drawStatus(count);
  }

  private addRow(): DrawnRow {
    const element = document.createElement('div');
    const half = document.createElement('span');
    const text = document.createElement('span');
    text.className = 'log-text';
    element.append(half, text);
    const row: DrawnRow = { element, half, text, line: undefined };
    this.elements.rows.append(element);
    this.drawn.push(row);
    return row;
  }

  private drawRow(row: DrawnRow | undefined, line: ViewLine | undefined): void {
    if (!row || row.line === line) return;
    const previous = row.line;
    row.line = line;
    if (!line) {
      row.element.hidden = true;
      row.text.textContent = '';
      return;
    }
    if (!previous) row.element.hidden = false;
    // Class writes only where they change: most rows of a flood share their level and half.
    if (!previous || previous.level !== line.level) row.element.className = `log-row level-${line.level ?? 'none'}`;
    if (!previous || previous.half !== line.half) {
      row.half.className = line.half ? `log-half half-${line.half}` : 'log-half';
      row.half.textContent = line.half ?? '';
    }
    row.text.textContent = line.text;
  }

  private drawStatus(count: number): void {
    const { counts, empty } = this.elements;
    const store = this.store;
    const text = `${count.toLocaleString()} of ${store.size.toLocaleString()} lines${store.missed > 0 ? ` · ${store.missed.toLocaleString()} only on disk` : ''}`;
    if (text !== this.countsText) {
      counts.textContent = text;
      this.countsText = text;
    }
    empty.hidden = count > 0;
    if (count === 0) empty.textContent = store.size === 0 ? 'No output yet. Lines appear here as the node writes them.' : 'No line matches the filter.';
  }
}
