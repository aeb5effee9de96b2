/** Every log row has this height, which is what lets the visible rows be computed instead of measured. */
export const ROW_HEIGHT_PX = 18;
/** Rows drawn beyond each edge of the view, so a fast scroll never shows an empty band before the next paint. */
export const OVERSCAN_ROWS = 8;

/** The rows to draw, `first` included and `end` excluded. */
export interface RowWindow {
  first: number;
  end: number;
}

/**
 * Which of `count` fixed-height rows a view of `viewHeightPx` shows at
 * `scrollTop`, with overscan. While following, the newest rows are known
 * without reading the scroll position: the view is about to be scrolled to the end.
 */
export function rowWindow(count: number, scrollTop: number, viewHeightPx: number, following: boolean): RowWindow {
  const rowsInView = Math.ceil(Math.max(0, viewHeightPx) / ROW_HEIGHT_PX);
  if (following) return { first: Math.max(0, count - rowsInView - OVERSCAN_ROWS), end: count };
  const top = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT_PX);
  const first = Math.min(Math.max(0, top - OVERSCAN_ROWS), Math.max(0, count - 1));
  const end = Math.min(count, top + rowsInView + 1 + OVERSCAN_ROWS);
  return { first, end: Math.max(first, end) };
}
