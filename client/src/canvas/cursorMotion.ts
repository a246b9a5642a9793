/**
 * How a drawn cursor catches up with the latest position it was sent. Positions arrive about 20 times a
 * second; easing toward each over a few frames turns those steps into a glide, at a lag of about one
 * update.
 */
export const CURSOR_EASE_MS = 60;
/** On screen, closer than this is there: the animation stops instead of creeping for ever. */
export const SETTLE_PX = 0.3;
/** A jump longer than this on screen (another layer, say) is taken at once, not flown across the board. */
export const JUMP_PX = 1500;

export interface Motion {
  x: number;
  y: number;
  /** Whether it reached the target (and so needs no more frames). */
  settled: boolean;
}

/**
 * One frame of easing from `from` toward `to` after `dtMs`, in board units, with `scale` screen pixels
 * per board unit (settling and jumping are judged on screen). Frame-rate independent: two short frames
 * travel as far as one long one.
 */
export function easeToward(
  from: { x: number; y: number },
  to: { x: number; y: number },
  dtMs: number,
  scale: number,
): Motion {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const distance = Math.hypot(dx, dy) * scale;
  if (distance <= SETTLE_PX || distance >= JUMP_PX) return { x: to.x, y: to.y, settled: true };
  const k = 1 - Math.exp(-Math.max(0, dtMs) / CURSOR_EASE_MS);
  const x = from.x + dx * k;
  const y = from.y + dy * k;
  const left = Math.hypot(to.x - x, to.y - y) * scale;
  return left <= SETTLE_PX ? { x: to.x, y: to.y, settled: true } : { x, y, settled: false };
}
