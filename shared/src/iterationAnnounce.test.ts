import { describe, expect, it } from 'vitest';
import { CommandError } from './commands';
import { announceIteration, readLatestIteration } from './iterationAnnounce';
import { boardMaps } from './schema';
import { readSession } from './session';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';

describe('announceIteration', () => {
  it('records the latest saved iteration in the session, where every replica reads it', () => {
    const doc = newBoard();
    const other = replicaOf(doc);
    expect(readLatestIteration(other)).toBeNull();
    const origins = transactionsOf(doc, () =>
      announceIteration(doc, { id: 'v1', name: 'Round 1', createdAt: 100 }, LOCAL),
    );
    expect(origins).toEqual([LOCAL]);
    sync(doc, other);
    expect(readLatestIteration(other)).toEqual({ id: 'v1', name: 'Round 1', createdAt: 100 });
    announceIteration(other, { id: 'v2', name: 'Round 2', createdAt: 200 }, LOCAL);
    sync(doc, other);
    expect(readLatestIteration(doc)?.id).toBe('v2');
  });

  it('leaves the other session concerns alone', () => {
    const doc = newBoard();
    const before = readSession(doc);
    announceIteration(doc, { id: 'v1', name: 'Round 1', createdAt: 100 }, LOCAL);
    expect(readSession(doc)).toBe(before);
  });

  it('refuses what is not an iteration the server answered', () => {
    const doc = newBoard();
    const bad = [
      { id: '', name: 'x', createdAt: 1 },
      { id: 'a b', name: 'x', createdAt: 1 },
      { id: 'v1', name: 'x'.repeat(101), createdAt: 1 },
      { id: 'v1', name: 'x', createdAt: Number.NaN },
      null,
    ];
    for (const version of bad) {
      expect(() => announceIteration(doc, version as never, LOCAL)).toThrow(CommandError);
    }
    expect(readLatestIteration(doc)).toBeNull();
  });

  it('reads a malformed value written by a faulty client as none', () => {
    const doc = newBoard();
    boardMaps(doc).session.set('iteration', { id: 42, name: 'x', createdAt: 1 });
    expect(readLatestIteration(doc)).toBeNull();
    boardMaps(doc).session.set('iteration', 'v1');
    expect(readLatestIteration(doc)).toBeNull();
  });
});
