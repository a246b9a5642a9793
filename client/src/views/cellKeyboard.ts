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
 * a card starts in, used until the card is over a cell. Make a new getter for each drag (each render).
 */
export function cellKeyboard(
  neighbour: (cell: string, direction: Direction) => string | null,
  startCell: (active: string) => string | null,
): KeyboardCoordinateGetter {
  // The cell the last key press aimed at, and the cell dnd-kit reported the card over at that moment:
  // dnd-kit updates `over` after a render, so a second key press may come before it catches up.
  let aimed: { active: string; over: string | null; cell: string } | null = null;
  return (event, { active, context, currentCoordinates }) => {
    const direction = DIRECTIONS[event.code];
    if (!direction) return undefined;
    event.preventDefault();
    const id = String(active);
    const over = context.over ? String(context.over.id) : startCell(id);
    const from = aimed && aimed.active === id && aimed.over === over ? aimed.cell : over;
    const to = from ? neighbour(from, direction) : null;
    // Right after a pick-up dnd-kit may not have measured the cells yet: measure the one aimed at, so
    // that the first key press is not lost.
    const rect = to
      ? (context.droppableRects.get(to) ??
        context.droppableContainers.get(to)?.node.current?.getBoundingClientRect())
      : undefined;
    const card = context.collisionRect;
    if (!to || !rect || !card) return currentCoordinates;
    aimed = { active: id, over, cell: to };
    return {
      x: rect.left + rect.width / 2 - card.width / 2,
      y: rect.top + rect.height / 2 - card.height / 2,
    };
  };
}
