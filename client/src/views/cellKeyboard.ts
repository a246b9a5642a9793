import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

export type Direction = 'left' | 'right' | 'up' | 'down';

const DIRECTIONS: Record<string, Direction> = {
  [KeyboardCode.Left]: 'left',
  [KeyboardCode.Right]: 'right',
  [KeyboardCode.Up]: 'up',
  [KeyboardCode.Down]: 'down',
};

/**
 * A keyboard coordinate getter that moves a picked-up card from cell to cell rather than pixel by
 * pixel: an arrow key centres the card on the neighbouring cell, so that one key press is one cell.
 * `neighbour` names the cell next to a cell in a direction, or null at the edge; `startCell` is the cell
 * a card starts in, used until the card is over a cell.
 */
export function cellKeyboard(
  neighbour: (cell: string, direction: Direction) => string | null,
  startCell: (active: string) => string | null,
): KeyboardCoordinateGetter {
  return (event, { active, context, currentCoordinates }) => {
    const direction = DIRECTIONS[event.code];
    if (!direction) return undefined;
    event.preventDefault();
    const from = context.over ? String(context.over.id) : startCell(String(active));
    const to = from ? neighbour(from, direction) : null;
    const rect = to ? context.droppableRects.get(to) : undefined;
    const card = context.collisionRect;
    if (!rect || !card) return currentCoordinates;
    return {
      x: rect.left + rect.width / 2 - card.width / 2,
      y: rect.top + rect.height / 2 - card.height / 2,
    };
  };
}
