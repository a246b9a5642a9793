import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  compareBoards,
  createBoard,
  deleteNotes,
  editNoteText,
  moveNotes,
  readBoard,
  setNoteKind,
} from '@shared';
import { cellChangeLabel, changeDetails, changedFields, comparisonSummary } from './compareWords';

const LOCAL = { local: true };

function boards() {
  const then = new Y.Doc();
  createBoard(then, { title: 'Iteration', createdAt: 1 }, 'server');
  const add = (id: string, x: number, text: string) =>
    addNote(then, { id, x, y: 300, text, author: 'Ana', department: 'cloud' }, LOCAL);
  add('battery', 100, 'Five years');
  add('hosting', 400, 'Which cloud?');
  add('gone', 100, 'Dropped idea');
  const now = new Y.Doc();
  Y.applyUpdate(now, Y.encodeStateAsUpdate(then));
  editNoteText(now, 'battery', 'Ten years', LOCAL);
  setNoteKind(now, ['battery'], 'decision', LOCAL);
  // Business (x 40 to about 640) to Technology: another cell.
  moveNotes(now, [{ id: 'hosting', x: 800, y: 300 }], LOCAL);
  deleteNotes(now, ['gone'], LOCAL);
  addNote(now, { id: 'new', x: 250, y: 320, text: 'Pilot in May', author: 'Ben', department: 'apps' }, LOCAL);
  return compareBoards(readBoard(then), readBoard(now));
}

describe('compare words', () => {
  it('names what changed about a note, a move to another cell once', () => {
    const diff = boards();
    const byId = new Map(diff.changed.map((c) => [c.id, c]));
    expect(changedFields(byId.get('battery')!.fields)).toBe('text, kind');
    expect(changedFields(byId.get('hosting')!.fields)).toBe('moved to another cell');
    expect(changeDetails(byId.get('battery')!)).toBe('text was “Five years”; kind idea → decision');
    expect(changeDetails(byId.get('hosting')!)).toBe('moved to another cell');
  });

  it('sums up the notes added, removed and changed', () => {
    expect(comparisonSummary(boards())).toBe('1 added · 1 removed · 2 changed');
  });

  it('labels each cell then and now', () => {
    const diff = boards();
    const cell = (area: string) => diff.cells.find((c) => c.layer === 'devices' && c.area === area)!;
    // Business: three notes then (battery, hosting, gone), two now (battery, new); a decision now.
    expect(cellChangeLabel(cell('business'))).toBe('Exploring → Decided · 3 → 2 notes');
    expect(cellChangeLabel(cell('technology'))).toBe('Gap → Exploring · 0 → 1 note');
    expect(cellChangeLabel(cell('security'))).toBe('Gap · 0 notes, as then');
  });
});
