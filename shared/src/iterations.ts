import * as Y from 'yjs';
import {
  addNote,
  deleteLinks,
  deleteNotes,
  editNoteText,
  linkNotes,
  moveNotes,
  noteInputOf,
  recolorNote,
  resizeNote,
  setLinkLabel,
  setNoteHorizon,
  setNoteKind,
} from './commands';
import { computeCoverage, type CellState, type Coverage } from './coverage';
import { isFractionalIndex } from './fractionalIndex';
import type { AreaId, LayerId, NoteKind } from './framework';
import { createProjector, type Placement } from './projection';
import { boardMaps, readBoard, readNote, type BoardSnapshot, type Link, type Note } from './schema';
import { limitValueDepth } from './valueDepth';

/**
 * Iterations: compare the board with a saved version (`GET /api/boards/<id>/versions/<versionId>`), and
 * bring back one note or the whole board as it was then.
 */

/** What about a note changed. A move to another cell is both 'position' and 'cell'. */
export type NoteField = 'text' | 'position' | 'size' | 'kind' | 'color' | 'horizon' | 'cell';

export interface NoteChange {
  id: string;
  then: Note;
  now: Note;
  fields: NoteField[];
}

/** A cell of the 5 x 6 model at one moment. */
export interface CellAtTime {
  state: CellState;
  noteIds: string[];
  byKind: Record<NoteKind, number>;
}

export interface CellChange {
  layer: LayerId;
  area: AreaId;
  then: CellAtTime;
  now: CellAtTime;
  /** Notes now minus notes then. */
  delta: number;
  /** Whether the cell's state or its set of notes differs. */
  changed: boolean;
}

export interface BoardComparison {
  /** Notes that exist now but not then, in painting order. */
  added: Note[];
  /** Notes that existed then but not now. */
  removed: Note[];
  changed: NoteChange[];
  links: {
    added: Link[];
    removed: Link[];
    /** Same link, another label. */
    relabeled: { id: string; then: Link; now: Link }[];
  };
  /** All 30 cells, layer by layer in framework order, area by area. */
  cells: CellChange[];
  /** Coverage scores (0 to 100), then and now. */
  score: { then: number; now: number };
}

function sameCell(a: Placement | null, b: Placement | null): boolean {
  return a?.layer === b?.layer && a?.area === b?.area;
}

function noteFields(
  then: Note,
  now: Note,
  cellThen: Placement | null,
  cellNow: Placement | null,
): NoteField[] {
  const fields: NoteField[] = [];
  if (then.text !== now.text) fields.push('text');
  if (then.x !== now.x || then.y !== now.y) fields.push('position');
  if (then.w !== now.w || then.h !== now.h) fields.push('size');
  if (then.kind !== now.kind) fields.push('kind');
  if (then.color !== now.color) fields.push('color');
  if (then.horizon !== now.horizon) fields.push('horizon');
  if (!sameCell(cellThen, cellNow)) fields.push('cell');
  return fields;
}

function cellsOf(coverage: Coverage): Map<string, CellAtTime & { layer: LayerId; area: AreaId }> {
  const cells = new Map<string, CellAtTime & { layer: LayerId; area: AreaId }>();
  for (const layer of coverage.layers) {
    for (const c of layer.cells) {
      cells.set(`${c.layer}:${c.area}`, {
        layer: c.layer,
        area: c.area,
        state: c.state,
        noteIds: c.noteIds,
        byKind: c.byKind,
      });
    }
  }
  return cells;
}

function compareCells(then: BoardSnapshot, now: BoardSnapshot): Pick<BoardComparison, 'cells' | 'score'> {
  const coverageThen = computeCoverage(then.notes, then.zones);
  const coverageNow = computeCoverage(now.notes, now.zones);
  const cellsThen = cellsOf(coverageThen);
  const cells: CellChange[] = [];
  for (const [key, c] of cellsOf(coverageNow)) {
    const before = cellsThen.get(key)!;
    const ids = new Set(before.noteIds);
    const sameNotes = ids.size === c.noteIds.length && c.noteIds.every((id) => ids.has(id));
    const strip = ({ state, noteIds, byKind }: CellAtTime): CellAtTime => ({ state, noteIds, byKind });
    cells.push({
      layer: c.layer,
      area: c.area,
      then: strip(before),
      now: strip(c),
      delta: c.noteIds.length - before.noteIds.length,
      changed: !sameNotes || before.state !== c.state,
    });
  }
  return { cells, score: { then: coverageThen.score, now: coverageNow.score } };
}

/** What changed between a saved iteration (`then`) and the board `now`: notes, links and cells. */
export function compareBoards(then: BoardSnapshot, now: BoardSnapshot): BoardComparison {
  const projectThen = createProjector(then.zones);
  const projectNow = createProjector(now.zones);
  const notesThen = new Map(then.notes.map((n) => [n.id, n]));
  const notesNow = new Set(now.notes.map((n) => n.id));
  const added: Note[] = [];
  const changed: NoteChange[] = [];
  for (const note of now.notes) {
    const before = notesThen.get(note.id);
    if (!before) {
      added.push(note);
      continue;
    }
    const fields = noteFields(before, note, projectThen.placeNote(before), projectNow.placeNote(note));
    if (fields.length > 0) changed.push({ id: note.id, then: before, now: note, fields });
  }
  const linksThen = new Map(then.links.map((l) => [l.id, l]));
  const linksNow = new Set(now.links.map((l) => l.id));
  const relabeled: BoardComparison['links']['relabeled'] = [];
  for (const link of now.links) {
    const before = linksThen.get(link.id);
    if (before && before.label !== link.label) relabeled.push({ id: link.id, then: before, now: link });
  }
  return {
    added,
    removed: then.notes.filter((n) => !notesNow.has(n.id)),
    changed,
    links: {
      added: now.links.filter((l) => !linksThen.has(l.id)),
      removed: then.links.filter((l) => !linksNow.has(l.id)),
      relabeled,
    },
    ...compareCells(then, now),
  };
}

/** What restoring a note did. */
export type NoteRestore = 'recreated' | 'reverted' | 'unchanged';

/**
 * Brings one note back as it was in an iteration, in one transaction: re-creates it with the same id if
 * it was deleted since, else reverts what changed (text, place, size, colour, kind, horizon, stacking).
 * Dots are left alone: they belong to the current vote. A re-created note gets back its links of then
 * (`thenLinks`, the iteration's links) to notes that are still on the board, unless they are there already.
 */
export function restoreNote(
  doc: Y.Doc,
  then: Note,
  origin: unknown,
  thenLinks: readonly Link[] = [],
): NoteRestore {
  const { notes, links } = boardMaps(doc);
  const map = notes.get(then.id);
  if (!(map instanceof Y.Map)) {
    doc.transact(() => {
      addNote(doc, { ...noteInputOf(then), ...(isFractionalIndex(then.z) ? { z: then.z } : {}) }, origin);
      const present = new Set<string>();
      links.forEach((link: unknown) => {
        if (link instanceof Y.Map) present.add(`${String(link.get('from'))}>${String(link.get('to'))}`);
      });
      for (const link of thenLinks) {
        if (link.from !== then.id && link.to !== then.id) continue;
        const other = link.from === then.id ? link.to : link.from;
        if (other === then.id || !notes.has(other) || links.has(link.id)) continue;
        if (present.has(`${link.from}>${link.to}`)) continue;
        linkNotes(doc, { id: link.id, from: link.from, to: link.to, label: link.label ?? '' }, origin);
      }
    }, origin);
    return 'recreated';
  }
  const now = readNote(then.id, map);
  const ids = [then.id];
  const restoreZ = isFractionalIndex(then.z) && now.z !== then.z;
  const provenance = (['author', 'department', 'createdAt'] as const).filter((key) => then[key] !== now[key]);
  if (noteFields(then, now, null, null).length === 0 && !restoreZ && provenance.length === 0)
    return 'unchanged';
  doc.transact(() => {
    editNoteText(doc, then.id, then.text, origin);
    moveNotes(doc, [{ id: then.id, x: then.x, y: then.y }], origin);
    if (then.w !== now.w || then.h !== now.h) resizeNote(doc, then.id, { w: then.w, h: then.h }, origin);
    recolorNote(doc, ids, then.color, origin);
    setNoteKind(doc, ids, then.kind, origin);
    setNoteHorizon(doc, ids, then.horizon, origin);
    // No command sets an exact z (stacking commands compute one), and going back needs the old one.
    if (restoreZ) map.set('z', then.z);
    // Only a note deleted and re-created under its old id differs here; it must read as it did then.
    for (const key of provenance) map.set(key, then[key]);
  }, origin);
  return 'reverted';
}

/**
 * Makes the board's notes and links what they were in an iteration, in ONE transaction, so that an undo
 * manager tracking `origin` takes it back in one step: notes and links added since are deleted, deleted
 * ones re-created with their ids, changed ones reverted. Zones, meta and the session are left alone.
 */
export function restoreBoard(doc: Y.Doc, then: BoardSnapshot, origin: unknown): void {
  const { notes, links } = boardMaps(doc);
  const keepNotes = new Set(then.notes.map((n) => n.id));
  const linksThen = new Map(then.links.map((l) => [l.id, l]));
  doc.transact(() => {
    deleteNotes(
      doc,
      [...notes.keys()].filter((id) => !keepNotes.has(id)),
      origin,
    );
    for (const note of then.notes) restoreNote(doc, note, origin);
    const stale: string[] = [];
    links.forEach((map: unknown, id) => {
      const link = linksThen.get(id);
      if (!(map instanceof Y.Map) || !link || map.get('from') !== link.from || map.get('to') !== link.to)
        stale.push(id);
    });
    deleteLinks(doc, stale, origin);
    for (const link of then.links) {
      // A saved link whose end was already gone then cannot come back (no such note to point at).
      if (!keepNotes.has(link.from) || !keepNotes.has(link.to) || link.from === link.to) continue;
      const map = links.get(link.id);
      if (!map) linkNotes(doc, { id: link.id, from: link.from, to: link.to, label: link.label }, origin);
      else if ((map.get('label') ?? '') !== link.label) setLinkLabel(doc, link.id, link.label, origin);
    }
  }, origin);
}

/**
 * Reads a saved iteration (the Yjs update `GET /api/boards/<id>/versions/<versionId>` answers) into a
 * board snapshot, through a temporary document that is destroyed afterwards.
 */
export function snapshotFromUpdate(update: Uint8Array): BoardSnapshot {
  if (!(update instanceof Uint8Array)) throw new Error('an iteration must be a Yjs update (Uint8Array)');
  const doc = new Y.Doc();
  try {
    try {
      // A value nested deeper than any board needs would overflow Yjs's decoder: it reads as null.
      Y.applyUpdate(doc, limitValueDepth(update));
    } catch (error) {
      throw new Error('this iteration is not a readable Yjs update', { cause: error });
    }
    const board = readBoard(doc);
    if (board.meta.schema === 0) throw new Error('this iteration holds no board');
    return board;
  } finally {
    doc.destroy();
  }
}
