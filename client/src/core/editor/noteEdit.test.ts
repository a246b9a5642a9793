import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, createBoard, editNoteText, moveNotes, readNotes } from '@shared';
import { beginNoteEdit, noteAdded } from './noteEdit';
import { personalUndoManager } from '../undo/personalUndo';

const LOCAL = { local: true };

function setUp() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Editing' }, 'server');
  const { notes, links } = { notes: doc.getMap('notes'), links: doc.getMap('links') };
  const undoManager = personalUndoManager([notes, links], LOCAL);
  const surface = { doc, origin: LOCAL, undoManager };
  const at = { x: 100, y: 200, author: 'Ana', department: 'hardware' };
  /** What a double-click on empty space does: a note in a step of its own, its editor open. */
  const addAndEdit = () => {
    undoManager.stopCapturing();
    const id = addNote(doc, at, LOCAL);
    noteAdded(undoManager, id);
    return { id, edit: beginNoteEdit(surface, id) };
  };
  const type = (id: string, text: string) => editNoteText(doc, id, text, LOCAL);
  const texts = () => readNotes(doc).map((n) => n.text);
  return { doc, undoManager, surface, at, addAndEdit, type, texts };
}

describe('beginNoteEdit', () => {
  it('removes a note added and closed empty, and leaves nothing of it to undo or redo', () => {
    const { doc, undoManager, at, addAndEdit, texts } = setUp();
    const kept = addNote(doc, { ...at, text: 'LoRaWAN' }, LOCAL);
    undoManager.stopCapturing();
    moveNotes(doc, [{ id: kept, x: 300, y: 200 }], LOCAL);
    const depth = undoManager.undoStack.length;

    // Double-click, Escape.
    addAndEdit().edit.close();
    expect(texts()).toEqual(['LoRaWAN']);
    expect(undoManager.undoStack).toHaveLength(depth);
    expect(undoManager.canRedo()).toBe(false);
    // The next undo takes back what was done before: the move.
    undoManager.undo();
    expect(readNotes(doc)[0]).toMatchObject({ text: 'LoRaWAN', x: 100 });
  });

  it('removes a note added, typed into and emptied again, in one go', () => {
    const { undoManager, addAndEdit, type, texts } = setUp();
    const { id, edit } = addAndEdit();
    type(id, 'Lo');
    type(id, 'LoRa');
    type(id, ' \n ');
    edit.close();
    expect(texts()).toEqual([]);
    expect(undoManager.canUndo()).toBe(false);
    expect(undoManager.canRedo()).toBe(false);
  });

  it('keeps a note written into, and undoes its adding and its text as one step', () => {
    const { undoManager, addAndEdit, type, texts } = setUp();
    const { id, edit } = addAndEdit();
    type(id, 'Lo');
    type(id, 'LoRa');
    edit.close();
    expect(texts()).toEqual(['LoRa']);
    expect(undoManager.undoStack).toHaveLength(1);
    undoManager.undo();
    expect(texts()).toEqual([]);
    undoManager.redo();
    expect(texts()).toEqual(['LoRa']);
  });

  it('removes a note that had text and was emptied, and one undo brings it back with its text', () => {
    const { doc, undoManager, surface, at, type, texts } = setUp();
    const id = addNote(doc, { ...at, text: 'Battery: 2 x AA' }, LOCAL);
    const depth = undoManager.undoStack.length;
    const edit = beginNoteEdit(surface, id);
    type(id, 'Battery');
    type(id, '');
    edit.close();
    expect(texts()).toEqual([]);
    expect(undoManager.undoStack).toHaveLength(depth + 1);
    undoManager.undo();
    expect(texts()).toEqual(['Battery: 2 x AA']);
    undoManager.redo();
    expect(texts()).toEqual([]);
  });

  it('keeps a note someone else is still editing, and one they wrote into meanwhile', () => {
    const { doc, at, surface, addAndEdit, texts } = setUp();
    const first = addAndEdit();
    first.edit.close(true);
    expect(texts()).toEqual(['']);

    const second = addAndEdit();
    // Ben's keystroke arrives while Ana's editor is open: the note is not empty when she closes it.
    const ben = new Y.Doc();
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(doc));
    editNoteText(ben, second.id, 'x', 'ben');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(doc)), 'remote');
    second.edit.close();
    expect(texts().sort()).toEqual(['', 'x']);

    // A note added by someone else, empty while they type: nothing here removes it but an editor's close.
    editNoteText(ben, addNote(ben, at, 'ben'), '', 'ben');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(doc)), 'remote');
    expect(readNotes(doc)).toHaveLength(3);
    expect(surface.undoManager.canRedo()).toBe(false);
  });

  it('closes once, and carries on its step when the editor is mounted again before it closes', () => {
    const { undoManager, surface, addAndEdit, type, texts } = setUp();
    const { id, edit } = addAndEdit();
    // React mounts effects twice in development: the second editor carries on the same step.
    edit.suspend();
    const again = beginNoteEdit(surface, id);
    type(id, 'x');
    type(id, '');
    again.close();
    again.close();
    edit.close();
    expect(texts()).toEqual([]);
    expect(undoManager.canUndo()).toBe(false);
  });
});
