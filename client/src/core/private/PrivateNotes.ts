import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  addNote,
  deleteNotes,
  noteInputOf,
  readNotes,
  revealNotes,
  settleRevealedNotes,
  type Note,
} from '@shared';
import { BoardStore } from '../store/BoardStore';
import { beginUndoGesture, personalUndoManager } from '../undo/personalUndo';
import { UnsavedUpdates } from '../connection/UnsavedUpdates';

type Listener = () => void;

/**
 * How long after a reveal this device keeps moving its revealed notes off notes that others revealed at
 * the same moment onto the same spot (they arrive over the network a little later).
 */
const SETTLE_MS = 5000;
/** A nudge after a reveal, not a step of the person's: never on their undo stack. */
const SETTLE_ORIGIN = Symbol('settle revealed notes');

/** The undo-stack meta key under which a reveal keeps the notes it published. */
const REVEALED = 'private-notes-revealed';
/** Bookkeeping of this device, in the private document (so in IndexedDB) beside the notes. */
const LOCAL_MAP = 'local';

/** Changes made to keep the private document in step with the board; never undone by the person. */
const BOOKKEEPING = { privateBookkeeping: true };

/** Where a person's private notes of one board are kept on this device. */
export function privateNotesKey(boardId: string, personId: string): string {
  return `private:${boardId}:${personId}`;
}

/**
 * One person's private notes of one board, on this device only: a Yjs document of the board's notes
 * schema, kept in IndexedDB and never given to a provider, so nothing of it reaches the server until it
 * is revealed onto the board. Exposes the same surface as a board connection (doc, store, origin, undo,
 * gestures), so the canvas's note code edits private notes as it edits board notes.
 */
export class PrivateNotes {
  readonly doc = new Y.Doc();
  readonly store: BoardStore;
  /**
   * The origin of the person's edits of private notes, tracked by their own undo manager. Shaped like a
   * board connection's local origin, but another object: only identity tells origins apart.
   */
  readonly origin = { local: true };
  readonly undoManager: Y.UndoManager;
  /** Resolves once the notes kept on this device have been read. */
  readonly loaded: Promise<void>;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly unsaved: UnsavedUpdates | null;
  private readonly local: Y.Map<unknown>;
  private readonly listeners = new Set<Listener>();
  private watched: Y.UndoManager | null = null;

  constructor(boardId: string, personId: string, options: { persist?: boolean } = {}) {
    this.store = new BoardStore(this.doc);
    this.local = this.doc.getMap(LOCAL_MAP);
    this.undoManager = personalUndoManager([this.doc.getMap('notes')], this.origin);
    this.persistence =
      options.persist === false
        ? null
        : new IndexeddbPersistence(privateNotesKey(boardId, personId), this.doc);
    this.unsaved = this.persistence ? new UnsavedUpdates(this.doc, this.persistence) : null;
    this.loaded = this.persistence ? this.persistence.whenSynced.then(() => undefined) : Promise.resolve();
    this.local.observe(this.emit);
  }

  /** How many private notes this device holds. */
  count = (): number => this.store.getNoteOrder().length;

  /** Whether a note id is one of these private notes. */
  has(id: string): boolean {
    return this.store.getNote(id) !== undefined;
  }

  /** Whether the person chose to keep their new notes private (outside silent mode too). */
  getPersonal = (): boolean => this.local.get('personal') === true;

  setPersonal(on: boolean): void {
    this.doc.transact(() => this.local.set('personal', on), BOOKKEEPING);
  }

  /** Notified when the notes or the person's choice change. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    const stopNotes = this.store.subscribeNoteOrder(listener);
    return () => {
      this.listeners.delete(listener);
      stopNotes();
    };
  };

  private readonly emit = (): void => this.listeners.forEach((l) => l());

  /** Runs a drag or resize so that all its writes undo as one step. */
  beginGesture(): () => void {
    return beginUndoGesture(this.undoManager);
  }

  /**
   * Publishes every private note onto the board in one transaction (shared's revealNotes) as one undo
   * step of the board's undo manager. Undoing it brings the notes back here, private again; redoing it
   * publishes them again. Returns the ids published.
   */
  reveal(board: Y.Doc, origin: unknown, undoManager: Y.UndoManager): string[] {
    const pending = readNotes(this.doc);
    if (pending.length === 0) return [];
    this.watch(undoManager);
    undoManager.stopCapturing();
    const depth = undoManager.undoStack.length;
    const ids = revealNotes(board, this.doc, origin);
    if (ids.length > 0 && undoManager.undoStack.length > depth) {
      const published = new Set(ids);
      undoManager.undoStack.at(-1)!.meta.set(
        REVEALED,
        pending.filter((n) => published.has(n.id)),
      );
    }
    undoManager.stopCapturing();
    if (ids.length > 0) this.settle(board, ids);
    return ids;
  }

  private stopSettling: (() => void) | null = null;

  /** For a while after a reveal, moves this person's revealed notes off others' revealed onto them. */
  private settle(board: Y.Doc, ids: readonly string[]): void {
    this.stopSettling?.();
    const mine = new Set(ids);
    const notes = board.getMap('notes');
    let settling = true;
    // A microtask queued just before the window closed (or the page went away) does nothing.
    const run = () => settling && settleRevealedNotes(board, mine, SETTLE_ORIGIN);
    // Others' notes arrive as additions to the board's notes; settle once their transaction is over.
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (event.transaction.origin !== SETTLE_ORIGIN) queueMicrotask(run);
    };
    const stop = () => {
      settling = false;
      notes.unobserve(onChange);
      clearTimeout(timer);
      this.stopSettling = null;
    };
    notes.observe(onChange);
    const timer = setTimeout(stop, SETTLE_MS);
    this.stopSettling = stop;
    run();
  }

  /**
   * Reveals for the facilitator's reveal at `revealedAt`, once: a device that comes back online after
   * the reveal publishes its notes then, and one that already did never publishes notes written since.
   */
  revealFor(revealedAt: number, board: Y.Doc, origin: unknown, undoManager: Y.UndoManager): string[] {
    const handled = this.local.get('revealHandledAt');
    if (typeof handled === 'number' && handled >= revealedAt) return [];
    const ids = this.reveal(board, origin, undoManager);
    this.doc.transact(() => this.local.set('revealHandledAt', revealedAt), BOOKKEEPING);
    return ids;
  }

  private watch(undoManager: Y.UndoManager): void {
    if (this.watched === undoManager) return;
    this.watched?.off('stack-item-popped', this.onPopped);
    this.watched = undoManager;
    undoManager.on('stack-item-popped', this.onPopped);
  }

  private readonly onPopped = (event: {
    stackItem: { meta: Map<unknown, unknown> };
    type: 'undo' | 'redo';
  }) => {
    const revealed = event.stackItem.meta.get(REVEALED) as Note[] | undefined;
    const manager = this.watched;
    if (!revealed || !manager) return;
    // Undoing moved the step to the other stack as a new item: it carries the notes on.
    const moved = event.type === 'undo' ? manager.redoStack.at(-1) : manager.undoStack.at(-1);
    moved?.meta.set(REVEALED, revealed);
    const notes = this.doc.getMap('notes');
    if (event.type === 'undo') {
      this.doc.transact(() => {
        for (const note of revealed)
          if (!notes.has(note.id)) addNote(this.doc, noteInputOf(note), BOOKKEEPING);
      }, BOOKKEEPING);
    } else {
      deleteNotes(
        this.doc,
        revealed.map((n) => n.id),
        BOOKKEEPING,
      );
    }
  };

  /** Closes the document; resolves once IndexedDB has stored every change made before. */
  destroy(): Promise<void> {
    this.stopSettling?.();
    this.watched?.off('stack-item-popped', this.onPopped);
    this.local.unobserve(this.emit);
    this.undoManager.destroy();
    this.store.destroy();
    this.unsaved?.destroy();
    const closed = this.persistence?.destroy() ?? Promise.resolve();
    this.doc.destroy();
    return closed;
  }
}
