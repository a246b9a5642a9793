import { boundsOf, zoneKey, type Note, type Rect, type ReviewItem, type Zone } from '@shared';

/** Room kept round the notes an item points at, in board units. */
const MARGIN = 160;

/**
 * Where an item of the consistency review is on the board: its notes together (a question and the
 * decision in another layer that depends on it, say), else its cell; null when neither is on the
 * board any more.
 */
export function reviewTarget(
  item: ReviewItem,
  zones: readonly Zone[],
  noteOf: (id: string) => Note | undefined,
): Rect | null {
  const notes = item.noteIds.map(noteOf).filter((n): n is Note => n !== undefined);
  const box = boundsOf(notes);
  if (box) {
    return { x: box.x - MARGIN, y: box.y - MARGIN, w: box.w + 2 * MARGIN, h: box.h + 2 * MARGIN };
  }
  const cell = item.cell;
  return (cell && zones.find((z) => z.id === zoneKey(cell.layer, cell.area))) ?? null;
}
