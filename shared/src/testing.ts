/**
 * Helpers shared by the tests of shared/: boards, replicas, transactions, note inputs, fixtures.
 * Test-only: not exported from index.ts.
 */
import * as Y from 'yjs';
import { createBoard, type AddNoteInput } from './commands';
import type { Rect } from './layout';
import { readNotes, type Note } from './schema';

/** The origin the tests give a local person's changes (the one an undo manager would track). */
export const LOCAL = { local: true };

/** A laid-out board titled "Test board", created by the server at time 1. */
export function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Test board', createdAt: 1 }, 'server');
  return doc;
}

/** A second replica that starts from the same state, as a client does after its first sync. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc), 'remote');
  return replica;
}

/** Exchanges what each side is missing, both ways. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

/** The origins of the transactions `run` made on `doc`. */
export function transactionsOf(doc: Y.Doc, run: () => void): unknown[] {
  const origins: unknown[] = [];
  const listener = (tr: Y.Transaction) => origins.push(tr.origin);
  doc.on('afterTransaction', listener);
  try {
    run();
  } finally {
    doc.off('afterTransaction', listener);
  }
  return origins;
}

/** The note with this id as `doc` reads it; throws when there is none. */
export function note(doc: Y.Doc, id: string): Note {
  const found = readNotes(doc).find((n) => n.id === id);
  if (!found) throw new Error(`no note ${id}`);
  return found;
}

/** The input of a note Priya (business) adds at (100, 200), with `over` on top. */
export function noteInput(over: Partial<AddNoteInput> = {}): AddNoteInput {
  return { x: 100, y: 200, author: 'Priya', department: 'business', ...over };
}

/** A tiny seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether two rectangles share any area (touching edges do not count). */
export function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
