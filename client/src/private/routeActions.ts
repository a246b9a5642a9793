import type * as Y from 'yjs';
import type { BoardActions } from '../core/editor/commands';

/** What the router needs to know at the moment an action runs. */
export interface RouteState {
  /** Whether new notes go into the private notes. */
  privateMode(): boolean;
  /** Whether a note id is one of this person's private notes. */
  isPrivate(id: string): boolean;
  selection(): ReadonlySet<string>;
}

/** The undo-stack meta key holding when a step was made, to undo across two documents in order. */
const MADE_AT = 'routed-at';

/** Stamps each new undo or redo step of `manager` with the time it was made; returns the unsubscribe. */
export function stampSteps(manager: Y.UndoManager): () => void {
  const stamp = (event: { stackItem: { meta: Map<unknown, unknown> } }) =>
    event.stackItem.meta.set(MADE_AT, performance.now());
  manager.on('stack-item-added', stamp);
  manager.on('stack-item-updated', stamp);
  return () => {
    manager.off('stack-item-added', stamp);
    manager.off('stack-item-updated', stamp);
  };
}

const madeAt = (stack: readonly { meta: Map<unknown, unknown> }[]): number =>
  (stack.at(-1)?.meta.get(MADE_AT) as number | undefined) ?? Number.NEGATIVE_INFINITY;

/**
 * The board's actions, sent to the private notes where they concern them: new notes while private mode
 * is on, selection actions to whichever document holds each selected note (a selection may hold both),
 * undo and redo to the document whose last step is the latest.
 */
export function routeActions(
  board: BoardActions,
  own: BoardActions,
  undo: { board: Y.UndoManager; own: Y.UndoManager },
  state: RouteState,
): BoardActions {
  const split = () => {
    const ids = [...state.selection()];
    const mine = ids.filter((id) => state.isPrivate(id));
    return { mine: mine.length > 0, theirs: mine.length < ids.length || ids.length === 0 };
  };
  /** Runs a selection action on each document that holds a selected note. */
  const both =
    <A extends unknown[]>(run: (actions: BoardActions, ...args: A) => void) =>
    (...args: A) => {
      const { mine, theirs } = split();
      if (mine) run(own, ...args);
      if (theirs) run(board, ...args);
    };
  const latestFirst = (stack: 'undoStack' | 'redoStack') =>
    madeAt(undo.own[stack]) > madeAt(undo.board[stack]) ? own : board;

  return {
    ...board,
    addNoteAt: (p) => (state.privateMode() ? own : board).addNoteAt(p),
    addNoteHere: () => (state.privateMode() ? own : board).addNoteHere(),
    paste: (data) => (state.privateMode() ? own : board).paste(data),
    deleteSelection: both((a) => a.deleteSelection()),
    duplicate: both((a) => a.duplicate()),
    nudge: both((a, dx: number, dy: number, large: boolean) => a.nudge(dx, dy, large)),
    recolor: both((a, color: Parameters<BoardActions['recolor']>[0]) => a.recolor(color)),
    setKind: both((a, kind: Parameters<BoardActions['setKind']>[0]) => a.setKind(kind)),
    bringToFront: both((a) => a.bringToFront()),
    sendToBack: both((a) => a.sendToBack()),
    editSelected: () => (split().mine ? own : board).editSelected(),
    copy: (data, cut) => {
      const { mine, theirs } = split();
      return (mine && !theirs ? own : board).copy(data, cut);
    },
    undo: () => latestFirst('undoStack').undo(),
    redo: () => latestFirst('redoStack').redo(),
  };
}
