import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  CommandError,
  createBoard,
  deleteNotes,
  editNoteText,
  linkNotes,
  moveNotes,
  noteInputOf,
  recolorNote,
  removeNoteIfBlank,
  resizeNote,
} from './commands';
import type { NoteColor, NoteKind } from './framework';
import { NOTE_HEIGHT, NOTE_MAX_SIZE, NOTE_MIN_SIZE, NOTE_WIDTH } from './layout';
import { restoreBoard } from './iterations';
import { boardMaps, readBoard, readLinks, readNotes } from './schema';
import { bringToFront, sendToBack } from './stacking';
import { LOCAL, newBoard, note, noteInput, replicaOf, sync, transactionsOf } from './testing';

describe('addNote', () => {
  it('adds a note with defaults and returns its id', () => {
    const doc = newBoard();
    const id = addNote(doc, noteInput({ createdAt: 5 }), LOCAL);
    expect(readNotes(doc)).toEqual([
      {
        id,
        x: 100,
        y: 200,
        w: NOTE_WIDTH,
        h: NOTE_HEIGHT,
        text: '',
        color: 'yellow',
        kind: 'idea',
        author: 'Priya',
        department: 'business',
        createdAt: 5,
        z: expect.any(String),
        horizon: null,
      },
    ]);
    expect(id).toMatch(/^[0-9a-z]{16}$/);
  });

  it('keeps what it was given', () => {
    const doc = newBoard();
    addNote(
      doc,
      noteInput({ id: 'n1', text: 'LoRaWAN', color: 'green', kind: 'decision', horizon: 'now' }),
      LOCAL,
    );
    expect(note(doc, 'n1')).toMatchObject({
      text: 'LoRaWAN',
      color: 'green',
      kind: 'decision',
      horizon: 'now',
    });
  });

  it('puts each new note on top of the existing ones', () => {
    const doc = newBoard();
    const ids = [0, 1, 2, 3, 4].map((i) => addNote(doc, noteInput({ text: String(i) }), LOCAL));
    const painted = readNotes(doc);
    expect(painted.map((n) => n.id)).toEqual(ids);
    for (let i = 1; i < painted.length; i++) expect(painted[i]!.z > painted[i - 1]!.z).toBe(true);
  });

  it('still adds notes when another note carries a malformed z', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1' }), LOCAL);
    boardMaps(doc).notes.get('n1')!.set('z', 'not a key!');
    const id = addNote(doc, noteInput(), LOCAL);
    expect(note(doc, id).z).not.toBe('');
  });

  it('refuses a second note with the same id', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1', text: 'first' }), LOCAL);
    expect(() => addNote(doc, noteInput({ id: 'n1', text: 'second' }), LOCAL)).toThrow(CommandError);
    expect(note(doc, 'n1').text).toBe('first');
  });
});

describe('one transaction per command, with the caller origin', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['createBoard', (doc) => createBoard(doc, { title: 'New' }, LOCAL)],
    ['addNote', (doc) => addNote(doc, noteInput({ text: 'hello' }), LOCAL)],
    ['editNoteText', (doc) => editNoteText(doc, 'n1', 'a new text', LOCAL)],
    [
      'moveNotes',
      (doc) =>
        moveNotes(
          doc,
          [
            { id: 'n1', x: 1, y: 2 },
            { id: 'n2', x: 3, y: 4 },
          ],
          LOCAL,
        ),
    ],
    ['resizeNote', (doc) => resizeNote(doc, 'n1', { w: 300, h: 200 }, LOCAL)],
    ['recolorNote', (doc) => recolorNote(doc, ['n1', 'n2'], 'blue', LOCAL)],
    ['deleteNotes', (doc) => deleteNotes(doc, ['n1', 'n2'], LOCAL)],
    ['removeNoteIfBlank', (doc) => removeNoteIfBlank(doc, 'n2', LOCAL)],
    ['linkNotes', (doc) => linkNotes(doc, { from: 'n1', to: 'n2', label: 'drives' }, LOCAL)],
  ])('%s', (name, run) => {
    const doc = name === 'createBoard' ? new Y.Doc() : newBoard();
    if (name !== 'createBoard') {
      addNote(doc, noteInput({ id: 'n1', text: 'old text' }), 'setup');
      addNote(doc, noteInput({ id: 'n2' }), 'setup');
      linkNotes(doc, { from: 'n2', to: 'n1' }, 'setup');
    }
    const before = Y.encodeStateAsUpdate(doc);
    expect(transactionsOf(doc, () => run(doc))).toEqual([LOCAL]);
    expect(Y.encodeStateAsUpdate(doc)).not.toEqual(before);
  });
});

describe('editNoteText', () => {
  it('changes only the part of the text that differs', () => {
    const doc = newBoard();
    const id = addNote(doc, noteInput({ text: 'radio: LoRa' }), LOCAL);
    const text = boardMaps(doc).notes.get(id)!.get('text') as Y.Text;
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    expect(editNoteText(doc, id, 'radio: LoRaWAN', LOCAL)).toBe(true);
    expect(deltas).toEqual([[{ retain: 11 }, { insert: 'WAN' }]]);
  });

  it('merges two people typing in different parts of one note, character by character', () => {
    const a = newBoard();
    addNote(a, noteInput({ id: 'n1', text: 'Battery lasts 2 years' }), LOCAL);
    const b = replicaOf(a);
    editNoteText(a, 'n1', 'Primary battery lasts 2 years', LOCAL);
    editNoteText(b, 'n1', 'Battery lasts 5 years in the field', LOCAL);
    sync(a, b);
    expect(note(a, 'n1').text).toBe('Primary battery lasts 5 years in the field');
    expect(note(b, 'n1').text).toBe(note(a, 'n1').text);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
  });

  it('keeps emoji intact when one replaces another', () => {
    const doc = newBoard();
    const id = addNote(doc, noteInput({ text: 'vote 👍 ok' }), LOCAL);
    for (const next of ['vote 👎 ok', 'vote 👎👎 ok', 'vote 😀 ok', '🙀 ok', 'vote 😀 ok 👍', '']) {
      editNoteText(doc, id, next, LOCAL);
      expect(note(doc, id).text).toBe(next);
      // And the stored document survives a round trip to another replica.
      expect(note(replicaOf(doc), id).text).toBe(next);
    }
  });

  it('does nothing for unchanged text and reports a note that is gone', () => {
    const doc = newBoard();
    const id = addNote(doc, noteInput({ text: 'same' }), LOCAL);
    expect(transactionsOf(doc, () => expect(editNoteText(doc, id, 'same', LOCAL)).toBe(true))).toEqual([]);
    expect(editNoteText(doc, 'missing', 'x', LOCAL)).toBe(false);
  });
});

describe('concurrent changes to one note', () => {
  it('keeps a move from one person and a recolour from another', () => {
    const a = newBoard();
    addNote(a, noteInput({ id: 'n1', color: 'yellow' }), LOCAL);
    const b = replicaOf(a);
    moveNotes(a, [{ id: 'n1', x: 640, y: 480 }], LOCAL);
    recolorNote(b, 'n1', 'pink', LOCAL);
    resizeNote(b, 'n1', { w: 240, h: 160 }, LOCAL);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(note(doc, 'n1')).toMatchObject({ x: 640, y: 480, w: 240, h: 160, color: 'pink' });
    }
    expect(readBoard(a)).toEqual(readBoard(b));
  });

  it('agrees on one position when two people move the same note', () => {
    const a = newBoard();
    addNote(a, noteInput({ id: 'n1' }), LOCAL);
    const b = replicaOf(a);
    moveNotes(a, [{ id: 'n1', x: 1, y: 1 }], LOCAL);
    moveNotes(b, [{ id: 'n1', x: 2, y: 2 }], LOCAL);
    sync(a, b);
    expect(note(a, 'n1')).toEqual(note(b, 'n1'));
    expect([1, 2]).toContain(note(a, 'n1').x);
  });
});

describe('moving, resizing, recolouring', () => {
  it('moves several notes and skips notes that are gone', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1' }), LOCAL);
    addNote(doc, noteInput({ id: 'n2' }), LOCAL);
    moveNotes(
      doc,
      [
        { id: 'n1', x: -50, y: 10 },
        { id: 'gone', x: 0, y: 0 },
        { id: 'n2', x: 3000, y: 4000 },
      ],
      LOCAL,
    );
    expect(readNotes(doc).map((n) => [n.id, n.x, n.y])).toEqual([
      ['n1', -50, 10],
      ['n2', 3000, 4000],
    ]);
  });

  it('clamps sizes to what stays readable and grabbable', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1', w: 5, h: 1e9 }), LOCAL);
    expect(note(doc, 'n1')).toMatchObject({ w: NOTE_MIN_SIZE, h: NOTE_MAX_SIZE });
    resizeNote(doc, 'n1', { w: 10_000, h: -3 }, LOCAL);
    expect(note(doc, 'n1')).toMatchObject({ w: NOTE_MAX_SIZE, h: NOTE_MIN_SIZE });
    resizeNote(doc, 'n1', { w: 250, h: 150 }, LOCAL);
    expect(note(doc, 'n1')).toMatchObject({ w: 250, h: 150 });
  });

  it('recolours one note or several', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1' }), LOCAL);
    addNote(doc, noteInput({ id: 'n2' }), LOCAL);
    recolorNote(doc, 'n1', 'violet', LOCAL);
    expect(readNotes(doc).map((n) => n.color)).toEqual(['violet', 'yellow']);
    recolorNote(doc, ['n1', 'n2'], 'green', LOCAL);
    expect(readNotes(doc).map((n) => n.color)).toEqual(['green', 'green']);
  });
});

describe('deleting and linking', () => {
  it('deletes notes together with every link that touches them', () => {
    const doc = newBoard();
    for (const id of ['a', 'b', 'c', 'd']) addNote(doc, noteInput({ id }), LOCAL);
    linkNotes(doc, { id: 'ab', from: 'a', to: 'b' }, LOCAL);
    linkNotes(doc, { id: 'cb', from: 'c', to: 'b' }, LOCAL);
    linkNotes(doc, { id: 'cd', from: 'c', to: 'd', label: 'drives' }, LOCAL);
    deleteNotes(doc, ['b'], LOCAL);
    expect(readNotes(doc).map((n) => n.id)).toEqual(['a', 'c', 'd']);
    expect(readLinks(doc)).toEqual([{ id: 'cd', from: 'c', to: 'd', label: 'drives' }]);
  });

  it('removes a note left without words, with its links, and nothing else', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'empty' }), LOCAL);
    addNote(doc, noteInput({ id: 'spaces', text: ' \n\t\u00a0' }), LOCAL);
    addNote(doc, noteInput({ id: 'word', text: '  LoRa ' }), LOCAL);
    linkNotes(doc, { id: 'l', from: 'word', to: 'spaces' }, LOCAL);
    expect(removeNoteIfBlank(doc, 'word', LOCAL)).toBe(false);
    expect(removeNoteIfBlank(doc, 'missing', LOCAL)).toBe(false);
    expect(removeNoteIfBlank(doc, 'empty', LOCAL)).toBe(true);
    expect(removeNoteIfBlank(doc, 'spaces', LOCAL)).toBe(true);
    expect(readNotes(doc).map((n) => n.id)).toEqual(['word']);
    expect(readLinks(doc)).toEqual([]);
  });

  it('links two notes with an optional label', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'radio' }), LOCAL);
    addNote(doc, noteInput({ id: 'battery' }), LOCAL);
    const id = linkNotes(doc, { from: 'radio', to: 'battery', label: 'airtime drives battery' }, LOCAL);
    expect(readLinks(doc)).toEqual([{ id, from: 'radio', to: 'battery', label: 'airtime drives battery' }]);
  });
});

describe('invalid input', () => {
  function setup(): Y.Doc {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'n1', text: 'keep me' }), LOCAL);
    addNote(doc, noteInput({ id: 'n2' }), LOCAL);
    return doc;
  }

  it.each<[string, (doc: Y.Doc) => unknown]>([
    ['addNote at x NaN', (doc) => addNote(doc, noteInput({ x: Number.NaN }), LOCAL)],
    ['addNote at y Infinity', (doc) => addNote(doc, noteInput({ y: Infinity }), LOCAL)],
    ['addNote with a NaN width', (doc) => addNote(doc, noteInput({ w: Number.NaN }), LOCAL)],
    [
      'addNote in an unknown colour',
      (doc) => addNote(doc, noteInput({ color: 'mauve' as NoteColor }), LOCAL),
    ],
    ['addNote of an unknown kind', (doc) => addNote(doc, noteInput({ kind: 'todo' as NoteKind }), LOCAL)],
    [
      'addNote with a position given as a string',
      (doc) => addNote(doc, noteInput({ x: '1' as never }), LOCAL),
    ],
    [
      'moveNotes with one bad position among good ones',
      (doc) =>
        moveNotes(
          doc,
          [
            { id: 'n1', x: 5, y: 5 },
            { id: 'n2', x: Number.NaN, y: 5 },
          ],
          LOCAL,
        ),
    ],
    ['resizeNote to NaN', (doc) => resizeNote(doc, 'n1', { w: Number.NaN, h: 100 }, LOCAL)],
    ['recolorNote to an unknown colour', (doc) => recolorNote(doc, ['n1'], 'mauve' as NoteColor, LOCAL)],
    ['linkNotes from a note to itself', (doc) => linkNotes(doc, { from: 'n1', to: 'n1' }, LOCAL)],
    ['linkNotes to a missing note', (doc) => linkNotes(doc, { from: 'n1', to: 'gone' }, LOCAL)],
  ])('%s throws CommandError and changes nothing', (_name, run) => {
    const doc = setup();
    const before = Y.encodeStateAsUpdate(doc);
    const board = readBoard(doc);
    expect(() => run(doc)).toThrow(CommandError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readBoard(doc)).toEqual(board);
  });
});

describe('a board holding values that are no notes or links (a faulty or hostile client wrote them)', () => {
  it('still lets everyone add, stack, delete, link and restore notes', () => {
    const doc = newBoard();
    addNote(doc, noteInput({ id: 'a', text: 'Fine' }), LOCAL);
    const then = readBoard(doc);
    const { notes, links } = boardMaps(doc);
    doc.transact(() => {
      (notes as Y.Map<unknown>).set('junk', 5);
      (notes as Y.Map<unknown>).set('text', new Y.Text('not a note'));
      (links as Y.Map<unknown>).set('junk', 'a>b');
    }, 'attacker');
    expect(() => addNote(doc, noteInput({ id: 'b', text: 'Added' }), LOCAL)).not.toThrow();
    expect(() => bringToFront(doc, ['a'], LOCAL)).not.toThrow();
    expect(() => sendToBack(doc, ['b'], LOCAL)).not.toThrow();
    expect(() => linkNotes(doc, { id: 'l', from: 'a', to: 'b' }, LOCAL)).not.toThrow();
    expect(() => deleteNotes(doc, ['b'], LOCAL)).not.toThrow();
    expect(() => restoreBoard(doc, then, LOCAL)).not.toThrow();
    expect(readNotes(doc).map((n) => n.id)).toEqual(['a']);
  });
});

describe('noteInputOf', () => {
  it('re-creates a note with everything but its stacking and dots, in another document', () => {
    const doc = newBoard();
    const id = addNote(
      doc,
      noteInput({
        w: 260,
        h: 140,
        text: 'Sign every image',
        color: 'blue',
        kind: 'risk',
        horizon: 'next',
        createdAt: 3,
      }),
      LOCAL,
    );
    const original = note(doc, id);
    const input = noteInputOf(original);
    expect(input).not.toHaveProperty('z');
    const copy = newBoard();
    addNote(copy, input, LOCAL);
    expect(note(copy, id)).toEqual({ ...original, z: expect.any(String) });
  });

  it('leaves out a horizon the note does not have', () => {
    const doc = newBoard();
    const id = addNote(doc, noteInput({ createdAt: 7 }), LOCAL);
    const input = noteInputOf(note(doc, id));
    expect(input).not.toHaveProperty('horizon');
    expect(input.createdAt).toBe(7);
  });
});
