import { describe, expect, it } from 'vitest';
import { OVERSCAN_ROWS, ROW_HEIGHT_PX, rowWindow } from '../../../../renderer/src/components/log-viewer/row-window';

describe('the log rows a view draws', () => {
  const viewPx = 20 * ROW_HEIGHT_PX; // twenty rows tall

  it('while following, draws the newest rows whatever the scroll position says', () => {
    expect(rowWindow(100_000, 0, viewPx, true)).toEqual({ first: 100_000 - 20 - OVERSCAN_ROWS, end: 100_000 });
  });

  it('paused in the middle, draws the rows in view plus overscan on both sides', () => {
    const { first, end } = rowWindow(100_000, 500 * ROW_HEIGHT_PX, viewPx, false);
    expect(first).toBe(500 - OVERSCAN_ROWS);
    expect(end).toBe(500 + 20 + 1 + OVERSCAN_ROWS);
  });

  it('at the top and at the end stays within the rows that exist', () => {
    expect(rowWindow(100_000, 0, viewPx, false).first).toBe(0);
    expect(rowWindow(30, 10_000 * ROW_HEIGHT_PX, viewPx, false)).toEqual({ first: 29, end: 30 });
    expect(rowWindow(5, 0, viewPx, true)).toEqual({ first: 0, end: 5 });
  });

  it('draws nothing for an empty list or a view with no height yet', () => {
    expect(rowWindow(0, 0, viewPx, true)).toEqual({ first: 0, end: 0 });
    expect(rowWindow(0, 0, viewPx, false)).toEqual({ first: 0, end: 0 });
    expect(rowWindow(100, 0, 0, false)).toEqual({ first: 0, end: 1 + OVERSCAN_ROWS });
  });
});
