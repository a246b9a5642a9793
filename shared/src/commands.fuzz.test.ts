import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  createBoard,
  deleteNotes,
  editNoteText,
  linkNotes,
  moveNotes,
  recolorNote,
  resizeNote,
} from './commands';
import { NOTE_COLORS, NOTE_KINDS } from './framework';
import { readBoard, readNotes, type Note } from './schema';
import { mulberry32 } from './testing';

/**
 * Convergence fuzz: three replicas run random commands while their updates travel in random order and
 * at random moments; once everything is delivered, every replica must read the same board.
 */

const REMOTE = Symbol('remote');

// Includes emoji that share their first UTF-16 unit, so edits also land between and beside surrogate pairs.
const TYPED = ['a', 'b', 'c', ' ', 'é', '👍', '😀', 'LoRa'];

function runFuzz(seed: number, steps: number): Y.Doc[] {
  const random = mulberry32(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  createBoard(docs[0]!, { title: 'Fuzz', createdAt: 1 }, 'server');
  const template = Y.encodeStateAsUpdate(docs[0]!);
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, template, REMOTE);

  // Updates each replica has yet to receive; delivered in random order, so some arrive before the
  // updates they depend on.
  const inbox: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      docs.forEach((_, to) => {
        if (to !== from) inbox[to]!.push(update);
      });
    });
  });
  const deliver = (to: number, count: number): void => {
    const queue = inbox[to]!;
    for (let k = 0; k < count && queue.length > 0; k++) {
      const [update] = queue.splice(int(queue.length), 1);
      Y.applyUpdate(docs[to]!, update!, REMOTE);
    }
  };

  const randomEdit = (text: string): string => {
    const chars = Array.from(text); // code points: a person never types half an emoji
    const at = int(chars.length + 1);
    if (chars.length > 0 && random() < 0.4) chars.splice(at, 1 + int(3));
    else chars.splice(at, 0, ...Array.from({ length: 1 + int(3) }, () => pick(TYPED)));
    return chars.join('');
  };

  for (let step = 0; step < steps; step++) {
    const doc = pick(docs);
    const origin = { step };
    const notes = readNotes(doc);
    const target = (): Note => pick(notes);
    const action = notes.length < 2 ? 0 : int(7);
    switch (action) {
      case 0:
        addNote(
          doc,
          {
            x: int(2000),
            y: int(6000),
            text: randomEdit(''),
            color: pick(NOTE_COLORS).id,
            kind: pick(NOTE_KINDS),
            author: `user${docs.indexOf(doc)}`,
            department: 'apps',
            createdAt: step,
          },
          origin,
        );
        break;
      case 1:
        moveNotes(
          doc,
          Array.from({ length: 1 + int(3) }, () => ({ id: target().id, x: int(2000), y: int(6000) })),
          origin,
        );
        break;
      case 2: {
        const note = target();
        editNoteText(doc, note.id, randomEdit(note.text), origin);
        break;
      }
      case 3:
        recolorNote(doc, [target().id], pick(NOTE_COLORS).id, origin);
        break;
      case 4:
        deleteNotes(doc, [target().id], origin);
        break;
      case 5:
        resizeNote(doc, target().id, { w: 40 + int(400), h: 40 + int(400) }, origin);
        break;
      case 6: {
        const [from, to] = [target(), target()];
        if (from.id !== to.id) linkNotes(doc, { from: from.id, to: to.id, label: `s${step}` }, origin);
        break;
      }
    }
    // Now and then a replica catches up with part of what it missed; sometimes one stays offline a while.
    if (random() < 0.3) deliver(int(docs.length), 1 + int(6));
  }

  docs.forEach((_, to) => deliver(to, Infinity));
  return docs;
}

describe('convergence', () => {
  it.each([1, 7, 1234, 20240611, 0xdecade])('three replicas end up identical (seed %i)', (seed) => {
    const docs = runFuzz(seed, 300);
    const [first, ...others] = docs.map(readBoard);
    expect(first!.notes.length, `seed ${seed}: the run should leave some notes`).toBeGreaterThan(0);
    for (const [i, doc] of docs.entries()) {
      expect(
        doc.store.pendingStructs,
        `seed ${seed}: replica ${i} has updates it could not apply`,
      ).toBeNull();
    }
    for (const [i, board] of others.entries()) {
      expect(board, `seed ${seed}: replica ${i + 1} differs from replica 0`).toEqual(first);
    }
    for (const note of first!.notes) {
      expect(note.text, `seed ${seed}: note ${note.id} has a broken character`).not.toContain('\ufffd');
    }
  });
});
