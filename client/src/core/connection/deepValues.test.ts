import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  boardCsv,
  boardJson,
  boardMarkdown,
  boardMaps,
  buildRoadmap,
  compareBoards,
  computeCoverage,
  copyNotes,
  createBoard,
  dependencyIssues,
  exportBoard,
  importBoard,
  linkNotes,
  readBoard,
  readLatestIteration,
  readSession,
  snapshotFromUpdate,
} from '@shared';
import { parsePresence } from '../presence/presenceSchema';
import { BoardAnalysis } from '../store/BoardAnalysis';
import { BoardStore } from '../store/BoardStore';

/** As deep as a hostile edit link once stored: far past where a recursive reader overflows. */
const DEPTH = 5_000;

function deepObject(): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < DEPTH; i++) value = { a: value };
  return value;
}

function deepArray(): unknown {
  let value: unknown = 1;
  for (let i = 0; i < DEPTH; i++) value = [value];
  return value;
}

/** Y.Maps nested DEPTH deep, built level by level (each integrated before the next is added). */
function nestMaps(parent: Y.Map<unknown>, key: string): void {
  let map = parent;
  let name = key;
  for (let i = 0; i < DEPTH; i++) {
    const child = new Y.Map<unknown>();
    map.set(name, child);
    map = child;
    name = 'a';
  }
  map.set('a', 'bottom');
}

/**
 * A board where deep values sit in every map a reader walks: unknown keys and known ones holding the
 * wrong type, in meta, a note (and its votes), a link, a zone and the session.
 */
function poisonedBoard() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Deep', createdAt: 1 }, 'server');
  const { meta, notes, links, zones, session } = boardMaps(doc);
  const zone = [...zones.values()].find((z) => z.get('area') === 'business')!;
  const [x, y] = [zone.get('x') as number, zone.get('y') as number];
  addNote(doc, { id: 'a', x: x + 40, y: y + 80, text: 'Fine', author: 'Ana', department: 'ux' }, 'local');
  addNote(doc, { id: 'b', x: x + 300, y: y + 80, text: 'Odd', author: 'Ben', department: 'ux' }, 'local');
  linkNotes(doc, { id: 'l', from: 'a', to: 'b' }, 'local');
  doc.transact(() => {
    meta.set('zzz', deepObject());
    meta.set('title', deepArray());
    nestMaps(meta, 'yyy');
    const note = notes.get('b')!;
    note.set('zzz', deepObject());
    note.set('text', deepObject());
    note.set('color', deepArray());
    nestMaps(note, 'nested');
    const votes = new Y.Map<unknown>();
    notes.get('a')!.set('votes', votes);
    votes.set('ana', deepObject());
    note.set('votes', deepObject());
    links.get('l')!.set('label', deepObject());
    zone.set('zzz', deepArray());
    for (const key of [
      'zzz',
      'facilitator',
      'focus',
      'timer',
      'vote',
      'silent',
      'summon',
      'voteRounds',
      'iteration',
    ]) {
      session.set(key, deepObject());
    }
  }, 'attacker');
  return doc;
}

describe('a board holding values nested 5,000 deep', () => {
  it('is read by every reader without recursing into them', () => {
    const doc = poisonedBoard();
    const board = readBoard(doc);
    expect(board.meta.title).toBe('');
    expect(board.notes.map((n) => [n.id, n.text, n.color])).toEqual([
      ['a', 'Fine', 'yellow'],
      ['b', '', 'yellow'],
    ]);
    expect(board.links).toEqual([{ id: 'l', from: 'a', to: 'b', label: '' }]);
    expect(readSession(doc)).toEqual({
      facilitator: null,
      focus: null,
      timer: null,
      vote: null,
      silent: null,
      voteRounds: [],
      summon: null,
    });
    expect(readLatestIteration(doc)).toBeNull();

    // Every derived view and export of the snapshot.
    expect(JSON.parse(boardJson(board)).notes).toHaveLength(2);
    expect(exportBoard(board).notes).toHaveLength(2);
    expect(boardCsv(board)).toContain('Fine');
    expect(boardMarkdown(board)).toContain('Fine');
    expect(computeCoverage(board.notes, board.zones).gaps.length).toBeGreaterThan(0);
    expect(dependencyIssues(board.notes, board.links)).toBeInstanceOf(Array);
    expect(buildRoadmap(board.notes, board.zones, board.links)).toBeDefined();
    expect(compareBoards(board, board)).toBeDefined();
    expect(copyNotes(doc, ['a', 'b']).notes).toHaveLength(2);

    // Through an update (a saved iteration; an import into the board re-reads it the same way).
    expect(snapshotFromUpdate(Y.encodeStateAsUpdate(doc)).notes).toHaveLength(2);
    importBoard(doc, { ...exportBoard(board), notes: [], links: [] }, 'local');
  });

  it('is read by the client: the store, the analysis (coverage, issues, the views’ snapshot)', () => {
    const doc = poisonedBoard();
    const store = new BoardStore(doc);
    expect(store.getNote('b')?.text).toBe('');
    expect(store.getMeta().title).toBe('');
    expect(store.getLinks()).toHaveLength(1);
    // A change while the deep values sit there reaches the store as any change does.
    boardMaps(doc).notes.get('b')!.set('x', 10);
    expect(store.getNote('b')?.x).toBe(10);
    const analysis = new BoardAnalysis(store);
    analysis.flush();
    expect(analysis.getSnapshot().notes).toHaveLength(2);
    expect(analysis.getCoverage().gaps.length).toBeGreaterThan(0);
    expect(analysis.getIssues()).toBeInstanceOf(Array);
    store.destroy();
  });

  it('in awareness, is ignored by the presence reader', () => {
    const user = { id: 'u1', name: 'Ana', department: 'ux', color: '#123456' };
    const state = parsePresence({
      user,
      cursor: deepObject(),
      viewport: deepArray(),
      selection: deepArray(),
      editing: deepObject(),
      following: deepObject(),
    });
    expect(state).toMatchObject({ user, cursor: null, viewport: null, selection: [], editing: null });
  });
});
