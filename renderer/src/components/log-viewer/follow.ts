/** Within this many pixels of the bottom counts as "at the latest line": rounding and sub-pixel scrolling leave a little slack. */
export const AT_BOTTOM_SLACK_PX = 4;

/**
 * Whether the operator is looking at the newest lines. Follow mode stays on
 * while this is true and pauses as soon as they scroll up.
 */
export function isAtBottom(view: { scrollTop: number; clientHeight: number; scrollHeight: number }, slackPx = AT_BOTTOM_SLACK_PX): boolean {
  return view.scrollHeight - view.scrollTop - view.clientHeight <= slackPx;
}
