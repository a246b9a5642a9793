import { addNote, boardMaps, createBoard, deleteNotes } from '@shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayedUpdates } from './RelayedUpdates';
import type { StoredBoard } from './storage/Storage';

/** A board as another node's room holds it, and what that node has stored of it. */
function otherNode() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Relayed' }, 'test');
  const stored: StoredBoard = { state: Y.encodeStateAsUpdate(doc), updates: [], lastSeq: 0, tokenEpoch: 0 };
  /** The update one change makes, as the bus would carry it. */
  const change = (fn: () => void) => {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on('update', capture);
    fn();
    doc.off('update', capture);
    return update!;
  };
  const note = (text: string) =>
    change(() => addNote(doc, { id: text, x: 0, y: 0, text, author: 'a', department: 'd' }, 'test'));
  return { doc, stored, change, note };
}

describe('RelayedUpdates', () => {
  it('asks for nothing when the node that relayed an update stored it', () => {
    const other = otherNode();
    const relayed = new RelayedUpdates();
    const update = other.note('stored by its node');
    relayed.add(update);
    other.stored.updates.push(update);
    expect(relayed.unstored(other.stored)).toBeNull();
    expect(relayed.unstored(other.stored)).toBeNull();
  });

  it('gives back, a catch-up later, what its node died before storing', () => {
    const other = otherNode();
    const relayed = new RelayedUpdates();
    relayed.add(other.note('lost with its node'));
    // The first catch-up only starts the grace period: its node may store it any moment.
    expect(relayed.unstored(other.stored)).toBeNull();
    const unstored = relayed.unstored(other.stored);
    expect(unstored).not.toBeNull();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, other.stored.state);
    Y.applyUpdate(reloaded, unstored!);
    expect(boardMaps(reloaded).notes.has('lost with its node')).toBe(true);
    // Given back once: storing it is the caller's job.
    expect(relayed.unstored(other.stored)).toBeNull();
  });

  it('notices a lost deletion, which adds nothing to a state vector', () => {
    const other = otherNode();
    const added = other.note('deleted later');
    other.stored.updates.push(added);
    const relayed = new RelayedUpdates();
    relayed.add(other.change(() => deleteNotes(other.doc, ['deleted later'], 'test')));
    relayed.unstored(other.stored);
    expect(relayed.unstored(other.stored)).not.toBeNull();
  });

  it('is satisfied by a deletion storage holds, in a row or folded into the state', () => {
    const other = otherNode();
    other.stored.updates.push(other.note('deleted later'));
    const deletion = other.change(() => deleteNotes(other.doc, ['deleted later'], 'test'));
    other.stored.updates.push(deletion);
    const relayed = new RelayedUpdates();
    relayed.add(deletion);
    relayed.unstored(other.stored);
    expect(relayed.unstored(other.stored)).toBeNull();

    relayed.add(deletion);
    const compacted = { ...other.stored, state: Y.encodeStateAsUpdate(other.doc), updates: [] };
    relayed.unstored(compacted);
    expect(relayed.unstored(compacted)).toBeNull();
  });

  it('sees through a stored row that skips what another node relayed', () => {
    const other = otherNode();
    const [before, lost, after] = [other.note('before'), other.note('lost'), other.note('after')];
    // One row holding the person's notes before and after the one that came over the bus.
    other.stored.updates.push(Y.mergeUpdates([before, after]));
    const relayed = new RelayedUpdates();
    relayed.add(lost);
    relayed.add(after);
    relayed.unstored(other.stored);
    const unstored = relayed.unstored(other.stored);
    expect(unstored).not.toBeNull();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, other.stored.state);
    for (const row of other.stored.updates) Y.applyUpdate(reloaded, row);
    Y.applyUpdate(reloaded, unstored!);
    expect(boardMaps(reloaded).notes.has('lost')).toBe(true);
  });

  it('keeps a busy board’s updates merged, and hands them all over when the room unloads', () => {
    const other = otherNode();
    const relayed = new RelayedUpdates();
    for (let i = 0; i < 200; i++) relayed.add(other.note(`note ${i}`));
    relayed.unstored(other.stored);
    relayed.add(other.note('after the catch-up'));
    const all = relayed.takeAll();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, other.stored.state);
    Y.applyUpdate(reloaded, all!);
    expect(boardMaps(reloaded).notes.size).toBe(201);
    expect(relayed.takeAll()).toBeNull();
  });
});
