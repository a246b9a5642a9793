import type { CardLayoutInput } from './cardLayout';

/** The three scenes that draw notes as cards, from far to near. */
export type CardLevel = 'overview' | 'layer' | 'area';

/**
 * The room's unit, px: a hundredth of the screen's height, or less on a screen narrower than 16:9
 * less the rail, so that 1920x1080 and 1280x720 look alike.
 */
export function roomUnit(width: number, height: number): number {
  return Math.max(0, Math.min(height / 100, (0.7 * width) / 100));
}

/**
 * Card sizes per scene, in room units. On the 1920x1080 projector (unit 10.8 px) the focused layer's
 * notes read at 29 px and their authors at 19 px, a dense cell no smaller than 20.5 px; a focused area's
 * at 47 px; the whole board's at 20.5 px (no authors: the matrix is for states and first words).
 */
const SIZES: Record<
  CardLevel,
  { text: number; floor: number; author: number; gap: number; minLines: number }
> = {
  overview: { text: 1.9, floor: 1.9, author: 0, gap: 0.5, minLines: 1 },
  layer: { text: 2.7, floor: 1.9, author: 1.75, gap: 0.9, minLines: 2 },
  area: { text: 4.4, floor: 2.8, author: 2.6, gap: 1.4, minLines: 2 },
};

/** The sizes of a level's cards for `cardLayout`, in px for a room unit of `unit` px. */
export function cardSizes(
  level: CardLevel,
  unit: number,
): Omit<CardLayoutInput, 'count' | 'longest' | 'width' | 'height'> {
  const s = SIZES[level];
  return {
    text: s.text * unit,
    floor: s.floor * unit,
    author: s.author * unit,
    gap: s.gap * unit,
    minLines: s.minLines,
  };
}

/** How much an area's notes add to the share of its column and row, by the square root of their count. */
const PER_ROOT = 0.5;
/** Beyond this many notes an area grows no more: its cards step down instead. */
const GROWS_TO = 9;

/**
 * The widths of a layer's three columns of areas and the heights of its two rows, as grid fractions:
 * an area with more notes gets more of the screen (gently: the square root of its count, so that its
 * neighbours keep room for two lines a note), an empty one keeps room for its question. `counts`
 * are the six areas' notes in the framework's order (three across, two down, as on the canvas).
 */
export function areaTracks(counts: readonly number[]): { columns: number[]; rows: number[] } {
  const weight = (n: number) => 1 + PER_ROOT * Math.sqrt(Math.min(n, GROWS_TO));
  const at = (i: number) => counts[i] ?? 0;
  const columns = [0, 1, 2].map((c) => weight(Math.max(at(c), at(c + 3))));
  const rows = [0, 1].map((r) => weight(Math.max(at(3 * r), at(3 * r + 1), at(3 * r + 2))));
  return { columns, rows };
}
