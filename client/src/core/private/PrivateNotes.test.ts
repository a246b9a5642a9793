import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardMaps, createBoard, readNotes } from '@shared';
import { PrivateNotes } from './PrivateNotes';

const BOARD_ORIGIN = { local: true };
const open: PrivateNotes[] = [];

function privateNotes(boardId = 'b1', personId = 'ana', persist = true): PrivateNotes {
  const notes = new PrivateNotes(boardId, personId, { persist });
  open.push(notes);
  return notes;
}

function board() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Silent', createdAt: 1 }, 'server');
  const undoManager = new Y.UndoManager([boardMaps(doc).notes, boardMaps(doc).links], {
    trackedOrigins: new Set([BOARD_ORIGIN]),
  });
  return { doc, undoManager };
}

const write = (notes: PrivateNotes, id: string, text: string) =>
  addNote(notes.doc, { id, x: 100, y: 300, text, author: 'Ana', department: 'cloud' }, notes.origin);

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text);

afterEach(async () => {
  while (open.length > 0) await open.pop()!.destroy();
});

describe('PrivateNotes', () => {
  it('keeps the notes on this device, per board and person, across reloads', async () => {
    const first = privateNotes('b1', 'ana');
    await first.loaded;
    write(first, 'p1', 'Solar top-up');
    first.setPersonal(true);
    open.length = 0;
    await first.destroy();

    const again = privateNotes('b1', 'ana');
    await again.loaded;
    expect(texts(again.doc)).toEqual(['Solar top-up']);
    expect(again.count()).toBe(1);
    expect(again.getPersonal()).toBe(true);
    const other = privateNotes('b1', 'ben');
    const elsewhere = privateNotes('b2', 'ana');
    await Promise.all([other.loaded, elsewhere.loaded]);
    expect(other.count() + elsewhere.count()).toBe(0);
  });

  it('reveals as one undo step of the board; undo takes the notes back private, redo publishes again', () => {
    const mine = privateNotes('b1', 'ana', false);
    const { doc, undoManager } = board();
    write(mine, 'p1', 'Solar top-up');
    write(mine, 'p2', 'Who pays the SIM?');
    expect(mine.reveal(doc, BOARD_ORIGIN, undoManager)).toEqual(['p1', 'p2']);
    expect(texts(doc)).toEqual(['Solar top-up', 'Who pays the SIM?']);
    expect(mine.count()).toBe(0);
    expect(undoManager.undoStack).toHaveLength(1);

    undoManager.undo();
    expect(texts(doc)).toEqual([]);
    expect(texts(mine.doc).sort()).toEqual(['Solar top-up', 'Who pays the SIM?']);
    undoManager.redo();
    expect(texts(doc)).toEqual(['Solar top-up', 'Who pays the SIM?']);
    expect(mine.count()).toBe(0);
    // And once more, through the item redo put back on the undo stack.
    undoManager.undo();
    expect(mine.count()).toBe(2);
  });

  it('does not merge the reveal with an edit made just before or after it', () => {
    const mine = privateNotes('b1', 'ana', false);
    const { doc, undoManager } = board();
    addNote(doc, { id: 'b', x: 0, y: 0, author: 'Ana', department: 'cloud' }, BOARD_ORIGIN);
    write(mine, 'p1', 'Private');
    mine.reveal(doc, BOARD_ORIGIN, undoManager);
    addNote(doc, { id: 'c', x: 0, y: 0, author: 'Ana', department: 'cloud' }, BOARD_ORIGIN);
    undoManager.undo();
    expect(
      readNotes(doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['b', 'p1']);
    undoManager.undo();
    expect(readNotes(doc).map((n) => n.id)).toEqual(['b']);
    expect(mine.count()).toBe(1);
  });

  it("reveals once per facilitator's reveal: a device back online publishes, later notes stay private", () => {
    const mine = privateNotes('b1', 'ana', false);
    const { doc, undoManager } = board();
    write(mine, 'p1', 'Written offline');
    expect(mine.revealFor(1000, doc, BOARD_ORIGIN, undoManager)).toEqual(['p1']);
    write(mine, 'p2', 'Written after the reveal');
    expect(mine.revealFor(1000, doc, BOARD_ORIGIN, undoManager)).toEqual([]);
    expect(mine.count()).toBe(1);
    // The next silent round's reveal publishes it.
    expect(mine.revealFor(2000, doc, BOARD_ORIGIN, undoManager)).toEqual(['p2']);
  });
});
