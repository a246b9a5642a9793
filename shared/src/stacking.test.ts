import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from './commands';
import { isFractionalIndex } from './fractionalIndex';
import { boardMaps, readBoard, readNotes } from './schema';
import { bringToFront, sendToBack } from './stacking';
import { LOCAL, newBoard, noteInput, replicaOf, sync, transactionsOf } from './testing';

/** Every (note id, key) written by `run`, as seen by an observer of the notes map. */
function writesOf(doc: Y.Doc, run: () => void): string[] {
  const writes: string[] = [];
  const { notes } = boardMaps(doc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      const owner = event.path[0];
      for (const key of event.changes.keys.keys()) writes.push(`${String(owner ?? '')}.${key}`);
    }
  };
  notes.observeDeep(observer);
  try {
    run();
  } finally {
    notes.unobserveDeep(observer);
  }
  return writes.sort();
}

/** A board with notes a..e, painted in that order (a at the bottom). */
function stackedBoard(): Y.Doc {
  const doc = newBoard();
  for (const id of ['a', 'b', 'c', 'd', 'e']) addNote(doc, noteInput({ id, text: id }), 'setup');
  return doc;
}

const order = (doc: Y.Doc): string[] => readNotes(doc).map((n) => n.id);

function expectValidZ(doc: Y.Doc): void {
  for (const n of readNotes(doc)) expect(isFractionalIndex(n.z), `${n.id} has z ${n.z}`).toBe(true);
}

describe('bringToFront', () => {
  it('puts the given notes above all others, keeping their order among themselves', () => {
    const doc = stackedBoard();
    bringToFront(doc, ['d', 'b'], LOCAL);
    expect(order(doc)).toEqual(['a', 'c', 'e', 'b', 'd']);
    expectValidZ(doc);
  });

  it('writes only the z of the moved notes, in one transaction with the given origin', () => {
    const doc = stackedBoard();
    const before = readNotes(doc);
    let writes: string[] = [];
    const origins = transactionsOf(doc, () => {
      writes = writesOf(doc, () => bringToFront(doc, ['b', 'a'], LOCAL));
    });
    expect(origins).toEqual([LOCAL]);
    expect(writes).toEqual(['a.z', 'b.z']);
    const after = new Map(readNotes(doc).map((n) => [n.id, n]));
    for (const n of before) {
      const { z: _z, ...rest } = after.get(n.id)!;
      const { z: _before, ...was } = n;
      expect(rest).toEqual(was);
    }
  });

  it('ignores unknown ids and still moves the known ones', () => {
    const doc = stackedBoard();
    bringToFront(doc, ['gone', 'c', 'also-gone'], LOCAL);
    expect(order(doc)).toEqual(['a', 'b', 'd', 'e', 'c']);

    const before = Y.encodeStateAsUpdate(doc);
    bringToFront(doc, ['gone'], LOCAL);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('keeps the order when every note is brought to front', () => {
    const doc = stackedBoard();
    bringToFront(doc, ['e', 'a', 'c', 'b', 'd'], LOCAL);
    expect(order(doc)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expectValidZ(doc);
  });
});

describe('sendToBack', () => {
  it('puts the given notes below all others, keeping their order among themselves', () => {
    const doc = stackedBoard();
    sendToBack(doc, ['e', 'c'], LOCAL);
    expect(order(doc)).toEqual(['c', 'e', 'a', 'b', 'd']);
    expectValidZ(doc);
  });

  it('writes only the z of the moved notes, in one transaction with the given origin', () => {
    const doc = stackedBoard();
    let writes: string[] = [];
    const origins = transactionsOf(doc, () => {
      writes = writesOf(doc, () => sendToBack(doc, ['d', 'e'], LOCAL));
    });
    expect(origins).toEqual([LOCAL]);
    expect(writes).toEqual(['d.z', 'e.z']);
    expect(readNotes(doc).map((n) => n.text)).toEqual(['d', 'e', 'a', 'b', 'c']);
  });

  it('ignores unknown ids', () => {
    const doc = stackedBoard();
    sendToBack(doc, ['gone', 'd'], LOCAL);
    expect(order(doc)).toEqual(['d', 'a', 'b', 'c', 'e']);
    const before = Y.encodeStateAsUpdate(doc);
    sendToBack(doc, ['gone'], LOCAL);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('repeated reordering', () => {
  it('keeps valid keys and the right order over 100 alternating bring-to-fronts', () => {
    const doc = stackedBoard();
    for (let i = 0; i < 100; i++) {
      const id = i % 2 === 0 ? 'a' : 'b';
      bringToFront(doc, [id], LOCAL);
      expect(order(doc).at(-1)).toBe(id);
      expectValidZ(doc);
    }
    expect(order(doc)).toEqual(['c', 'd', 'e', 'a', 'b']);
  });

  it('keeps valid keys and the right order over 100 alternating send-to-backs', () => {
    const doc = stackedBoard();
    for (let i = 0; i < 100; i++) {
      const id = i % 2 === 0 ? 'e' : 'd';
      sendToBack(doc, [id], LOCAL);
      expect(order(doc)[0]).toBe(id);
      expectValidZ(doc);
    }
    expect(order(doc)).toEqual(['d', 'e', 'a', 'b', 'c']);
  });

  it('keeps valid keys and the right order when front and back alternate', () => {
    const doc = stackedBoard();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (let i = 0; i < 100; i++) {
      const id = ids[i % ids.length]!;
      if (i % 2 === 0) {
        bringToFront(doc, [id], LOCAL);
        expect(order(doc).at(-1)).toBe(id);
      } else {
        sendToBack(doc, [id], LOCAL);
        expect(order(doc)[0]).toBe(id);
      }
      expectValidZ(doc);
      expect(new Set(readNotes(doc).map((n) => n.z)).size).toBe(ids.length);
    }
  });
});

describe('a board with a malformed z', () => {
  function brokenBoard(): Y.Doc {
    const doc = stackedBoard();
    // A faulty client wrote a z that is not a fractional index.
    boardMaps(doc).notes.get('c')!.set('z', 'not a key!0');
    return doc;
  }

  it('still brings notes above every validly stacked note', () => {
    const doc = brokenBoard();
    expect(() => bringToFront(doc, ['a'], LOCAL)).not.toThrow();
    const notes = readNotes(doc);
    const a = notes.find((n) => n.id === 'a')!;
    expect(isFractionalIndex(a.z)).toBe(true);
    for (const n of notes) if (n.id !== 'a' && isFractionalIndex(n.z)) expect(n.z < a.z).toBe(true);
  });

  it('still sends notes below every validly stacked note', () => {
    const doc = brokenBoard();
    expect(() => sendToBack(doc, ['e'], LOCAL)).not.toThrow();
    const notes = readNotes(doc);
    const e = notes.find((n) => n.id === 'e')!;
    expect(isFractionalIndex(e.z)).toBe(true);
    for (const n of notes) if (n.id !== 'e' && isFractionalIndex(n.z)) expect(e.z < n.z).toBe(true);
  });

  it('repairs the malformed note itself when it is moved', () => {
    const doc = brokenBoard();
    bringToFront(doc, ['c'], LOCAL);
    expect(order(doc)).toEqual(['a', 'b', 'd', 'e', 'c']);
    expectValidZ(doc);
    sendToBack(doc, ['c'], LOCAL);
    expect(order(doc)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expectValidZ(doc);
  });
});

describe('concurrent reordering', () => {
  it('converges to one order when two people bring different notes to front', () => {
    const a = stackedBoard();
    const b = replicaOf(a);
    bringToFront(a, ['b'], LOCAL);
    bringToFront(b, ['d'], LOCAL);
    sync(a, b);
    expect(order(a)).toEqual(order(b));
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(order(a).slice(0, 3)).toEqual(['a', 'c', 'e']);
    expect(order(a).slice(3).sort()).toEqual(['b', 'd']);
  });

  it('converges when two people bring the same note to front', () => {
    const a = stackedBoard();
    const b = replicaOf(a);
    bringToFront(a, ['a'], LOCAL);
    bringToFront(b, ['a', 'c'], LOCAL);
    sync(a, b);
    expect(order(a)).toEqual(order(b));
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
  });
});
