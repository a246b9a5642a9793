import { TOTAL_FONT_SIZE } from '../core/votes/voteDisplay';

/** A note's total on the room's screen is at least this share of the screen's height (the rail's text). */
const READABLE_SHARE = 0.024;
/** Beyond this the totals would cover the notes they count. */
const MAX_SIZE = 3;

/**
 * How much larger than on the board page the projector draws the vote's dots and totals, so that a total
 * reads from the back of the room on a zoomed-out layer: 1 when the board is large enough already. In
 * quarter steps, so that a flight across zoom levels re-renders the dots a few times, not every frame.
 */
export function voteSize(viewScale: number, screenHeight: number): number {
  if (!(viewScale > 0) || !(screenHeight > 0)) return 1;
  const wanted = (READABLE_SHARE * screenHeight) / (TOTAL_FONT_SIZE * viewScale);
  return Math.min(MAX_SIZE, Math.max(1, Math.ceil(wanted * 4) / 4));
}
