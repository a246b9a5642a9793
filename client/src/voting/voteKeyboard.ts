import type { Rect } from '@shared';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

interface Placed extends Rect {
  id: string;
}

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/**
 * The note an arrow key moves to from `from`: the nearest whose centre lies that way, a sideways offset
 * counting twice as much as the distance ahead (so Right stays on the row). With nothing to start
 * from, the first note in reading order. Null when there is none that way.
 */
export function nextInDirection(
  from: Rect | null,
  candidates: readonly Placed[],
  direction: Direction,
): string | null {
  if (!from) {
    const first = [...candidates].sort((a, b) => a.y - b.y || a.x - b.x)[0];
    return first?.id ?? null;
  }
  const start = centre(from);
  let best: { id: string; score: number } | null = null;
  for (const candidate of candidates) {
    const c = centre(candidate);
    const dx = c.x - start.x;
    const dy = c.y - start.y;
    const ahead = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const aside = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0) continue;
    const score = ahead + 2 * aside;
    if (!best || score < best.score) best = { id: candidate.id, score };
  }
  return best?.id ?? null;
}
