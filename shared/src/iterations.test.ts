import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  deleteNotes,
  editNoteText,
  linkNotes,
  moveNotes,
  recolorNote,
  resizeNote,
  setLinkLabel,
  setNoteHorizon,
  setNoteKind,
} from './commands';
import { compareBoards, restoreBoard, restoreNote, snapshotFromUpdate } from './iterations';
import { LAYER_GAP, LAYER_HEIGHT } from './layout';
import { bringToFront } from './stacking';
import { boardMaps, readBoard } from './schema';
import { LOCAL, newBoard, note, noteInput, replicaOf, sync, transactionsOf } from './testing';

// Devices' first row of areas: business from x 40, technology from about x 660; Communications lower down.
const DEVICES_Y = 300;
const COMMS_Y = 2 * (LAYER_HEIGHT + LAYER_GAP) + 300;

/** A saved iteration: radio decision, battery idea, cloud question, and a link battery -> radio. */
function iterationOne(): Y.Doc {
  const doc = newBoard();
  addNote(doc, noteInput({ id: 'radio', x: 100, y: COMMS_Y, text: 'LoRaWAN', kind: 'decision' }), LOCAL);
  addNote(doc, noteInput({ id: 'battery', x: 100, y: DEVICES_Y, text: 'Five years' }), LOCAL);
  addNote(
    doc,
    noteInput({ id: 'hosting', x: 400, y: DEVICES_Y, text: 'Which cloud?', kind: 'question' }),
    LOCAL,
  );
  linkNotes(doc, { id: 'l1', from: 'radio', to: 'battery', label: 'drives' }, LOCAL);
  return doc;
}

/** The board an hour later: edits of every kind since iteration one. */
function anHourLater(then: Y.Doc): Y.Doc {
  const doc = replicaOf(then);
  editNoteText(doc, 'battery', 'Five years on one AA cell', LOCAL);
  moveNotes(doc, [{ id: 'battery', x: 130, y: DEVICES_Y + 20 }], LOCAL);
  moveNotes(doc, [{ id: 'hosting', x: 800, y: DEVICES_Y }], LOCAL);
  resizeNote(doc, 'radio', { w: 260, h: 160 }, LOCAL);
  setNoteKind(doc, ['hosting'], 'decision', LOCAL);
  recolorNote(doc, 'radio', 'green', LOCAL);
  setNoteHorizon(doc, ['radio'], 'now', LOCAL);
  deleteNotes(doc, ['battery'], LOCAL);
  addNote(doc, noteInput({ id: 'battery', x: 130, y: DEVICES_Y + 20, text: 'Two AA cells' }), LOCAL);
  addNote(doc, noteInput({ id: 'gateway', x: 400, y: COMMS_Y, text: 'Own gateways', kind: 'risk' }), LOCAL);
  linkNotes(doc, { id: 'l2', from: 'gateway', to: 'radio' }, LOCAL);
  setLinkLabel(doc, 'l2', 'needs', LOCAL);
  bringToFront(doc, ['radio'], LOCAL);
  return doc;
}

describe('compareBoards', () => {
  it('lists added, removed and changed notes, with what changed about each', () => {
    const one = iterationOne();
    const now = replicaOf(one);
    editNoteText(now, 'battery', 'Ten years', LOCAL);
    moveNotes(now, [{ id: 'battery', x: 110, y: DEVICES_Y + 10 }], LOCAL);
    moveNotes(now, [{ id: 'hosting', x: 800, y: DEVICES_Y }], LOCAL);
    setNoteKind(now, ['hosting'], 'decision', LOCAL);
    resizeNote(now, 'radio', { w: 260, h: 160 }, LOCAL);
    recolorNote(now, 'radio', 'green', LOCAL);
    setNoteHorizon(now, ['radio'], 'next', LOCAL);
    addNote(now, noteInput({ id: 'gateway', x: 100, y: COMMS_Y + 200 }), LOCAL);
    linkNotes(now, { id: 'l2', from: 'gateway', to: 'radio' }, LOCAL);
    setLinkLabel(now, 'l1', 'limits', LOCAL);
    deleteNotes(now, ['battery'], LOCAL);
    addNote(now, noteInput({ id: 'battery2', x: 100, y: DEVICES_Y }), LOCAL);

    const diff = compareBoards(readBoard(one), readBoard(now));
    expect(diff.added.map((n) => n.id)).toEqual(['gateway', 'battery2']);
    expect(diff.removed.map((n) => n.id)).toEqual(['battery']);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ['radio', ['size', 'color', 'horizon']],
      ['hosting', ['position', 'kind', 'cell']],
    ]);
    expect(diff.changed[1]!.then.kind).toBe('question');
    expect(diff.changed[1]!.now.kind).toBe('decision');
    // The link battery -> radio went with the battery note.
    expect(diff.links.added.map((l) => l.id)).toEqual(['l2']);
    expect(diff.links.removed.map((l) => l.id)).toEqual(['l1']);
  });

  it('tells a move within a cell from a move to another cell', () => {
    const one = iterationOne();
    const now = replicaOf(one);
    moveNotes(now, [{ id: 'battery', x: 160, y: DEVICES_Y + 40 }], LOCAL);
    moveNotes(now, [{ id: 'radio', x: 100, y: DEVICES_Y + 200 }], LOCAL);
    const fields = Object.fromEntries(
      compareBoards(readBoard(one), readBoard(now)).changed.map((c) => [c.id, c.fields]),
    );
    expect(fields).toEqual({ battery: ['position'], radio: ['position', 'cell'] });
  });

  it('compares coverage cell by cell, then and now', () => {
    const one = iterationOne();
    const now = anHourLater(one);
    const diff = compareBoards(readBoard(one), readBoard(now));
    expect(diff.cells).toHaveLength(30);
    const cell = (layer: string, area: string) =>
      diff.cells.find((c) => c.layer === layer && c.area === area)!;
    expect(cell('devices', 'business')).toMatchObject({
      then: { state: 'exploring', noteIds: ['battery', 'hosting'] },
      now: { state: 'exploring', noteIds: ['battery'] },
      delta: -1,
      changed: true,
    });
    expect(cell('devices', 'technology')).toMatchObject({
      then: { state: 'empty' },
      now: { state: 'decided', noteIds: ['hosting'], byKind: { decision: 1 } },
      delta: 1,
      changed: true,
    });
    expect(cell('communications', 'business')).toMatchObject({
      then: { state: 'decided' },
      now: { state: 'contested', noteIds: ['gateway', 'radio'] },
      delta: 1,
    });
    expect(cell('cloud', 'data')).toMatchObject({ delta: 0, changed: false });
    expect(diff.cells.filter((c) => c.changed)).toHaveLength(3);
    expect(diff.score.now).toBeGreaterThan(diff.score.then);
  });

  it('finds nothing between a board and itself', () => {
    const board = readBoard(anHourLater(iterationOne()));
    const diff = compareBoards(board, board);
    expect([diff.added, diff.removed, diff.changed, diff.links.added, diff.links.removed]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(diff.cells.some((c) => c.changed)).toBe(false);
  });
});

describe('restoreNote', () => {
  it('re-creates a deleted note with its id and content, in one transaction', () => {
    const doc = iterationOne();
    const then = note(doc, 'battery');
    deleteNotes(doc, ['battery'], LOCAL);
    let result = '';
    expect(transactionsOf(doc, () => (result = restoreNote(doc, then, LOCAL)))).toEqual([LOCAL]);
    expect(result).toBe('recreated');
    expect(note(doc, 'battery')).toEqual(then);
  });

  it('re-creates a deleted note with its links of then, to notes still on the board', () => {
    const doc = iterationOne();
    const then = readBoard(doc);
    const battery = then.notes.find((n) => n.id === 'battery')!;
    deleteNotes(doc, ['battery'], LOCAL);
    expect(readBoard(doc).links).toEqual([]);
    expect(restoreNote(doc, battery, LOCAL, then.links)).toBe('recreated');
    expect(readBoard(doc).links).toEqual(then.links);

    // Its other end gone too: the link has nothing to point at and stays away.
    deleteNotes(doc, ['battery', 'radio'], LOCAL);
    restoreNote(doc, battery, LOCAL, then.links);
    expect(readBoard(doc).links).toEqual([]);
  });

  it('reverts every changed field of a note, in one transaction', () => {
    const one = iterationOne();
    const now = anHourLater(one);
    const then = note(one, 'radio');
    expect(transactionsOf(now, () => expect(restoreNote(now, then, LOCAL)).toBe('reverted'))).toEqual([
      LOCAL,
    ]);
    expect(note(now, 'radio')).toEqual(then);
    expect(restoreNote(now, then, LOCAL)).toBe('unchanged');
  });

  it('reverts text so that someone typing in the note at the same time keeps their typing', () => {
    const one = iterationOne();
    const a = replicaOf(one);
    editNoteText(a, 'battery', 'Five years!!', LOCAL);
    const b = replicaOf(a);
    restoreNote(a, note(one, 'battery'), LOCAL);
    editNoteText(b, 'battery', 'About five years!!', LOCAL);
    sync(a, b);
    expect(note(a, 'battery').text).toBe('About five years');
    expect(note(b, 'battery').text).toBe('About five years');
  });
});

describe('restoreBoard', () => {
  it('makes notes and links equal to the iteration, in one transaction', () => {
    const one = iterationOne();
    const now = anHourLater(one);
    const then = readBoard(one);
    expect(transactionsOf(now, () => restoreBoard(now, then, LOCAL))).toEqual([LOCAL]);
    const restored = readBoard(now);
    expect(restored.notes).toEqual(then.notes);
    expect(restored.links).toEqual(then.links);
    expect(compareBoards(then, restored).changed).toEqual([]);
  });

  it('is undone in one step, bringing back the present exactly', () => {
    const one = iterationOne();
    const now = anHourLater(one);
    const { notes, links } = boardMaps(now);
    const undo = new Y.UndoManager([notes, links], { trackedOrigins: new Set([LOCAL]) });
    const present = readBoard(now);
    restoreBoard(now, readBoard(one), LOCAL);
    expect(readBoard(now)).not.toEqual(present);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readBoard(now)).toEqual(present);
  });

  it('leaves the session and the revealed votes alone', () => {
    const one = iterationOne();
    const now = replicaOf(one);
    boardMaps(now).session.set('focus', { layer: 'cloud', area: null, since: 1 });
    const round = {
      voteId: 'v1',
      scope: 'board',
      dotsPerPerson: 3,
      startedAt: 1,
      revealedAt: 2,
      voters: 1,
      totals: { radio: { dots: 2, voters: 1 } },
    };
    boardMaps(now).session.set('voteRounds', [round]);
    restoreBoard(now, readBoard(one), LOCAL);
    expect(boardMaps(now).session.get('focus')).toEqual({ layer: 'cloud', area: null, since: 1 });
    expect(readBoard(now).voteRounds).toEqual([round]);
  });
});

describe('snapshotFromUpdate', () => {
  it('reads a saved version as a board snapshot', () => {
    const one = iterationOne();
    expect(snapshotFromUpdate(Y.encodeStateAsUpdate(one))).toEqual(readBoard(one));
  });

  it('refuses bytes that hold no board', () => {
    expect(() => snapshotFromUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toThrow(/holds no board/);
    expect(() => snapshotFromUpdate(new Uint8Array([255, 255, 255, 255, 1, 2, 3]))).toThrow(
      /not a readable Yjs update|holds no board/,
    );
    expect(() => snapshotFromUpdate('abc' as never)).toThrow(/must be a Yjs update/);
  });
});
