import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, createBoard, editNoteText, moveNotes, recolorNote } from '@shared';
import { BoardStore } from './BoardStore';

function board() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Store test' }, 'server');
  const store = new BoardStore(doc);
  const ids = ['a', 'b', 'c'].map((id, i) =>
    addNote(doc, { id, x: i * 200, y: 200, author: 'Ana', department: 'hardware' }, 'local'),
  );
  return { doc, store, ids };
}

/** Counts how often each note's subscribers are told about a change. */
function countNotifications(store: BoardStore, ids: string[]) {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const id of ids) store.subscribeNote(id, () => counts.set(id, counts.get(id)! + 1));
  return counts;
}

describe('BoardStore', () => {
  it('tells only the changed note when a remote peer edits one note', () => {
    const { doc, store, ids } = board();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const counts = countNotifications(store, ids);
    const before = ids.map((id) => store.getNote(id));

    remote.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));
    moveNotes(remote, [{ id: 'b', x: 999, y: 5 }], 'remote-local');
    editNoteText(remote, 'b', 'Solar or battery?', 'remote-local');

    expect(Object.fromEntries(counts)).toEqual({ a: 0, b: 2, c: 0 });
    expect(store.getNote('a')).toBe(before[0]);
    expect(store.getNote('c')).toBe(before[2]);
    expect(store.getNote('b')).toMatchObject({ x: 999, y: 5, text: 'Solar or battery?' });
  });

  it('keeps a stable snapshot until the note changes', () => {
    const { doc, store } = board();
    const first = store.getNote('a');
    expect(store.getNote('a')).toBe(first);
    recolorNote(doc, 'a', 'blue', 'local');
    const second = store.getNote('a');
    expect(second).not.toBe(first);
    expect(second?.color).toBe('blue');
  });

  it('keeps the note order stable across edits and updates it on add', () => {
    const { doc, store } = board();
    const order = store.getNoteOrder();
    let orderChanges = 0;
    store.subscribeNoteOrder(() => orderChanges++);
    editNoteText(doc, 'a', 'text only', 'local');
    expect(store.getNoteOrder()).toBe(order);
    expect(orderChanges).toBe(0);
    addNote(doc, { id: 'd', x: 0, y: 0, author: 'Ben', department: 'cloud' }, 'local');
    expect(store.getNoteOrder()).toEqual(['a', 'b', 'c', 'd']);
    expect(orderChanges).toBe(1);
  });

  it('reports a deleted note as gone', () => {
    const { doc, store } = board();
    let told = 0;
    store.subscribeNote('a', () => told++);
    doc.transact(() => doc.getMap('notes').delete('a'), 'remote');
    expect(told).toBe(1);
    expect(store.getNote('a')).toBeUndefined();
    expect(store.getNoteOrder()).toEqual(['b', 'c']);
  });
});
