import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, createBoard, createProjector, readNotes, readZones, type Rect } from '@shared';
import { addNoteToCell, checkDraftText, MAX_NOTE_TEXT, type Cell } from './addToCell';

const ME = { name: 'Ana', department: 'firmware', color: 'green' as const };
const origin = { local: true };

function board(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Phone test', createdAt: 1 }, 'server');
  return doc;
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('addNoteToCell', () => {
  const cell: Cell = { layer: 'communications', area: 'security' };

  it('puts the note in the chosen cell with its text, kind and author', () => {
    const doc = board();
    const zones = readZones(doc);
    const id = addNoteToCell(
      doc,
      cell,
      { text: '  Pairing over BLE?  ', kind: 'question' },
      ME,
      zones,
      [],
      origin,
    );
    const [note] = readNotes(doc);
    expect(note).toMatchObject({
      id,
      text: 'Pairing over BLE?',
      kind: 'question',
      author: 'Ana',
      department: 'firmware',
      color: 'green',
    });
    expect(createProjector(zones).placeNote(note!)).toEqual(cell);
  });

  it('puts notes added in a row side by side (as many as the cell holds), none on top of another', () => {
    const doc = board();
    const zones = readZones(doc);
    for (let i = 0; i < 4; i++) {
      addNoteToCell(doc, cell, { text: `idea ${i}`, kind: 'idea' }, ME, zones, readNotes(doc), origin);
    }
    const notes = readNotes(doc);
    const projector = createProjector(zones);
    for (const note of notes) expect(projector.placeNote(note)).toEqual(cell);
    for (const a of notes) for (const b of notes) if (a !== b) expect(overlap(a, b)).toBe(false);
  });

  it('keeps clear of notes held elsewhere (private notes placed on the board later)', () => {
    const privateDoc = new Y.Doc();
    const doc = board();
    const zones = readZones(doc);
    addNoteToCell(privateDoc, cell, { text: 'secret', kind: 'idea' }, ME, zones, [], origin);
    const held = readNotes(privateDoc);
    addNoteToCell(doc, cell, { text: 'public', kind: 'idea' }, ME, zones, held, origin);
    expect(overlap(readNotes(doc)[0]!, held[0]!)).toBe(false);
  });

  it('refuses a blank note, a note too long and a board without its template, in words a person reads', () => {
    const doc = board();
    const zones = readZones(doc);
    expect(() => addNoteToCell(doc, cell, { text: ' \n ', kind: 'idea' }, ME, zones, [], origin)).toThrow(
      'Write something on the note first.',
    );
    expect(() => checkDraftText('x'.repeat(MAX_NOTE_TEXT + 1))).toThrow(CommandError);
    expect(() => addNoteToCell(doc, cell, { text: 'early', kind: 'idea' }, ME, [], [], origin)).toThrow(
      /no Communications · Security area yet/,
    );
    expect(readNotes(doc)).toHaveLength(0);
  });

  it('is one transaction with the given origin, so one undo step removes it', () => {
    const doc = board();
    const undo = new Y.UndoManager(doc.getMap('notes'), { trackedOrigins: new Set([origin]) });
    addNoteToCell(doc, cell, { text: 'one', kind: 'risk' }, ME, readZones(doc), [], origin);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readNotes(doc)).toHaveLength(0);
  });
});
