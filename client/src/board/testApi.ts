import {
  addSampleNotes,
  boardMaps,
  loadWorkshop,
  parseWorkshop,
  readBoard,
  type BoardSnapshot,
  type CellState,
} from '@shared';
import { analysisOf } from '../core/store/BoardAnalysis';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { renderCounts, resetRenderCounts } from '../canvas/renderStats';
import type { Viewport } from '../core/viewport/viewport';

/** What browser tests may read and do on an open board page (through `window.__board`). */
export interface BoardTestApi {
  board(): BoardSnapshot;
  /** The whole document as this page holds it, as JSON: to prove what never reaches a page. */
  documentJson(): string;
  state(): string;
  view(): Viewport;
  /** Applies a raw change, bypassing the UI: used to prove the server drops a view link's changes. */
  forceChange(fn: (doc: BoardConnection['doc']) => void): void;
  /** Publishes a raw awareness state, bypassing the app: used to prove that nobody acts on a forged one. */
  forceAwareness(state: Record<string, unknown>): void;
  /** Adds a workshop in the fixture format (notes by cell) to the board: for demos and screenshots. */
  loadWorkshop(workshop: unknown): void;
  /** Adds many notes spread over every cell: for benchmarks. */
  addSampleNotes(count: number): void;
  /** The number of notes, without reading them all. */
  noteCount(): number;
  /** How often each note has rendered since the last reset. */
  renderCounts(): Record<string, number>;
  resetRenderCounts(): void;
  /** Undo-stack depth of this person: lets tests check that a gesture is one undo step. */
  undoDepth(): number;
  /** The coverage state of every area zone, by zone id (`layer:area`), as of the latest change. */
  coverage(): Record<string, CellState>;
}

declare global {
  interface Window {
    __board?: BoardTestApi;
  }
}

export function exposeTestApi(connection: BoardConnection, view: () => Viewport): () => void {
  window.__board = {
    board: () => readBoard(connection.doc),
    documentJson: () => JSON.stringify(connection.doc.toJSON()),
    state: () => connection.getState().kind,
    view,
    forceChange: (fn) => connection.doc.transact(() => fn(connection.doc), connection.origin),
    forceAwareness: (state) => connection.provider.awareness.setLocalState(state),
    addSampleNotes: (count) => addSampleNotes(connection.doc, count, connection.origin),
    noteCount: () => boardMaps(connection.doc).notes.size,
    renderCounts,
    resetRenderCounts,
    undoDepth: () => connection.undoManager.undoStack.length,
    coverage: () => {
      const analysis = analysisOf(connection.store);
      analysis.flush();
      const states: Record<string, CellState> = {};
      for (const layer of analysis.getCoverage().layers) {
        for (const cell of layer.cells) states[`${cell.layer}:${cell.area}`] = cell.state;
      }
      return states;
    },
    loadWorkshop: (workshop) => loadWorkshop(connection.doc, parseWorkshop(workshop), connection.origin),
  };
  return () => {
    delete window.__board;
  };
}
