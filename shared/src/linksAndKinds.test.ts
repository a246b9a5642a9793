import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, CommandError, deleteLinks, linkNotes, setLinkLabel, setNoteKind } from './commands';
import type { NoteKind } from './framework';
import { readBoard, readLinks, readNotes } from './schema';
import { LOCAL, newBoard, noteInput, replicaOf, sync, transactionsOf } from './testing';

/** Notes a, b, c; links ab (labelled), bc and ca. */
function linkedBoard(): Y.Doc {
  const doc = newBoard();
  for (const id of ['a', 'b', 'c']) addNote(doc, noteInput({ id, text: id }), 'setup');
  linkNotes(doc, { id: 'ab', from: 'a', to: 'b', label: 'drives' }, 'setup');
  linkNotes(doc, { id: 'bc', from: 'b', to: 'c' }, 'setup');
  linkNotes(doc, { id: 'ca', from: 'c', to: 'a' }, 'setup');
  return doc;
}

const kinds = (doc: Y.Doc): [string, NoteKind][] => readNotes(doc).map((n) => [n.id, n.kind]);
const labels = (doc: Y.Doc): [string, string][] => readLinks(doc).map((l) => [l.id, l.label]);

describe('setNoteKind', () => {
  it('sets the kind of several notes in one transaction with the given origin', () => {
    const doc = linkedBoard();
    const origins = transactionsOf(doc, () => setNoteKind(doc, ['a', 'c'], 'risk', LOCAL));
    expect(origins).toEqual([LOCAL]);
    expect(kinds(doc)).toEqual([
      ['a', 'risk'],
      ['b', 'idea'],
      ['c', 'risk'],
    ]);
  });

  it('is one undo step for the whole selection', () => {
    const doc = linkedBoard();
    const undo = new Y.UndoManager(doc.getMap('notes'), {
      trackedOrigins: new Set([LOCAL]),
      captureTimeout: 0,
    });
    setNoteKind(doc, ['a', 'b', 'c'], 'decision', LOCAL);
    expect(kinds(doc).map(([, k]) => k)).toEqual(['decision', 'decision', 'decision']);
    undo.undo();
    expect(kinds(doc).map(([, k]) => k)).toEqual(['idea', 'idea', 'idea']);
  });

  it('skips notes that are gone and changes nothing for a note that already has the kind', () => {
    const doc = linkedBoard();
    setNoteKind(doc, ['gone', 'b'], 'question', LOCAL);
    expect(kinds(doc)).toEqual([
      ['a', 'idea'],
      ['b', 'question'],
      ['c', 'idea'],
    ]);
    const before = Y.encodeStateAsUpdate(doc);
    setNoteKind(doc, ['b', 'gone'], 'question', LOCAL);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it.each(['todo', '', 'IDEA', null, 3])('refuses the unknown kind %j and changes nothing', (kind) => {
    const doc = linkedBoard();
    const before = Y.encodeStateAsUpdate(doc);
    const board = readBoard(doc);
    expect(() => setNoteKind(doc, ['a', 'b'], kind as NoteKind, LOCAL)).toThrow(CommandError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readBoard(doc)).toEqual(board);
  });

  it('keeps one kind when two people set different kinds on the same note', () => {
    const a = linkedBoard();
    const b = replicaOf(a);
    setNoteKind(a, ['a'], 'risk', LOCAL);
    setNoteKind(b, ['a'], 'decision', LOCAL);
    sync(a, b);
    expect(kinds(a)).toEqual(kinds(b));
    expect(['risk', 'decision']).toContain(kinds(a)[0]![1]);
  });
});

describe('deleteLinks', () => {
  it('deletes the given links and keeps the notes and other links', () => {
    const doc = linkedBoard();
    const notes = readNotes(doc);
    const origins = transactionsOf(doc, () => deleteLinks(doc, ['ab', 'ca'], LOCAL));
    expect(origins).toEqual([LOCAL]);
    expect(readLinks(doc)).toEqual([{ id: 'bc', from: 'b', to: 'c', label: '' }]);
    expect(readNotes(doc)).toEqual(notes);
  });

  it('ignores unknown ids', () => {
    const doc = linkedBoard();
    deleteLinks(doc, ['gone', 'bc'], LOCAL);
    expect(readLinks(doc).map((l) => l.id)).toEqual(['ab', 'ca']);
    const before = Y.encodeStateAsUpdate(doc);
    deleteLinks(doc, ['gone', 'bc'], LOCAL);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('is undone in one step', () => {
    const doc = linkedBoard();
    const undo = new Y.UndoManager(doc.getMap('links'), {
      trackedOrigins: new Set([LOCAL]),
      captureTimeout: 0,
    });
    const links = readLinks(doc);
    deleteLinks(doc, ['ab', 'bc', 'ca'], LOCAL);
    expect(readLinks(doc)).toEqual([]);
    undo.undo();
    expect(readLinks(doc)).toEqual(links);
  });
});

describe('setLinkLabel', () => {
  it('sets a trimmed label in one transaction with the given origin', () => {
    const doc = linkedBoard();
    const origins = transactionsOf(doc, () => setLinkLabel(doc, 'bc', '  needs cloud backend \n', LOCAL));
    expect(origins).toEqual([LOCAL]);
    expect(labels(doc)).toEqual([
      ['ab', 'drives'],
      ['bc', 'needs cloud backend'],
      ['ca', ''],
    ]);
  });

  it('replaces an existing label', () => {
    const doc = linkedBoard();
    setLinkLabel(doc, 'ab', 'blocks', LOCAL);
    expect(readLinks(doc)[0]).toEqual({ id: 'ab', from: 'a', to: 'b', label: 'blocks' });
  });

  it('clears the label with an empty or blank string', () => {
    const doc = linkedBoard();
    setLinkLabel(doc, 'ab', '', LOCAL);
    expect(labels(doc)[0]).toEqual(['ab', '']);
    setLinkLabel(doc, 'bc', 'temporary', LOCAL);
    setLinkLabel(doc, 'bc', '   ', LOCAL);
    expect(labels(doc)[1]).toEqual(['bc', '']);
    // And the cleared label stays cleared on another replica.
    expect(labels(replicaOf(doc))).toEqual([
      ['ab', ''],
      ['bc', ''],
      ['ca', ''],
    ]);
  });

  it('caps a label at 200 characters', () => {
    const doc = linkedBoard();
    setLinkLabel(doc, 'ab', 'x'.repeat(500), LOCAL);
    expect(labels(doc)[0]![1]).toBe('x'.repeat(200));
  });

  it('ignores unknown ids without writing anything', () => {
    const doc = linkedBoard();
    const before = Y.encodeStateAsUpdate(doc);
    expect(transactionsOf(doc, () => setLinkLabel(doc, 'gone', 'label', LOCAL))).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readLinks(doc).map((l) => l.id)).toEqual(['ab', 'bc', 'ca']);
  });

  it('does not bring back a link another person deleted', () => {
    const a = linkedBoard();
    const b = replicaOf(a);
    deleteLinks(a, ['ab'], LOCAL);
    setLinkLabel(b, 'ab', 'relabelled', LOCAL);
    sync(a, b);
    expect(readLinks(a)).toEqual(readLinks(b));
    expect(readLinks(a).map((l) => l.id)).toEqual(['bc', 'ca']);
  });
});
