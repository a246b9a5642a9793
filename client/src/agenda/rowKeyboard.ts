import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * A keyboard coordinate getter for a list: Up and Down centre the picked-up row on the row above or
 * below, so one key press is one place. `order` is the rows' ids top to bottom. Make a new getter for
 * each drag (each render).
 */
export function rowKeyboard(order: readonly string[]): KeyboardCoordinateGetter {
  // The row the last key press aimed at, and where dnd-kit said the row was over then: `over` follows a
  // render later, and a second key press may come first.
  let aimed: { over: string | null; row: string } | null = null;
  return (event, { active, context, currentCoordinates }) => {
    const step = event.code === KeyboardCode.Up ? -1 : event.code === KeyboardCode.Down ? 1 : 0;
    if (step === 0) return undefined;
    event.preventDefault();
    const over = context.over ? String(context.over.id) : String(active);
    const from = aimed && aimed.over === over ? aimed.row : over;
    const to = order[order.indexOf(from) + step];
    const rect = to
      ? (context.droppableRects.get(to) ??
        context.droppableContainers.get(to)?.node.current?.getBoundingClientRect())
      : undefined;
    const row = context.collisionRect;
    if (!to || !rect || !row) return currentCoordinates;
    aimed = { over, row: to };
    return { x: currentCoordinates.x, y: rect.top + rect.height / 2 - row.height / 2 };
  };
}
