import { loadWorkshop, parseWorkshop, readBoard, type BoardSnapshot } from '@shared';
import type { BoardConnection } from './BoardConnection';
import type { Viewport } from './viewport';

/** What browser tests may read and do on an open board page (through `window.__board`). */
export interface BoardTestApi {
  board(): BoardSnapshot;
  state(): string;
  view(): Viewport;
  /** Applies a raw change, bypassing the UI: used to prove the server drops a view link's changes. */
  forceChange(fn: (doc: BoardConnection['doc']) => void): void;
  /** Adds a workshop in the fixture format (notes by cell) to the board: for demos and screenshots. */
  loadWorkshop(workshop: unknown): void;
}

declare global {
  interface Window {
    __board?: BoardTestApi;
  }
}

export function exposeTestApi(connection: BoardConnection, view: () => Viewport): () => void {
  window.__board = {
    board: () => readBoard(connection.doc),
    state: () => connection.getState().kind,
    view,
    forceChange: (fn) => connection.doc.transact(() => fn(connection.doc), connection.origin),
    loadWorkshop: (workshop) => loadWorkshop(connection.doc, parseWorkshop(workshop), connection.origin),
  };
  return () => {
    delete window.__board;
  };
}
