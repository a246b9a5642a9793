import * as Y from 'yjs';
import { HORIZONS, isNoteColor, NOTE_KINDS, type Horizon, type NoteColor, type NoteKind } from './framework';
import { isFractionalIndex, keyBetween } from './fractionalIndex';
import { DEFAULT_TITLE, MAX_TITLE_LENGTH, normalizeTitle, titleProblem } from './boardTitle';
import { randomId } from './ids';
import { NOTE_HEIGHT, NOTE_MAX_SIZE, NOTE_MIN_SIZE, NOTE_WIDTH, templateZones } from './layout';
import { boardMaps, isBlankText, SCHEMA_VERSION, type Note } from './schema';

/**
 * Every change to a board goes through one of these commands. Each runs in a single transaction with
 * the caller's origin, so remote peers see it as one update and the undo manager as one step.
 */

export class CommandError extends Error {
  override name = 'CommandError';
}

function finite(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new CommandError(`${what} must be a finite number`);
  return value;
}

function clampSize(value: number, what: string): number {
  return Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, finite(value, what)));
}

export interface CreateBoardInput {
  title: string;
  createdAt?: number;
}

/**
 * Writes a new board: its meta and the template's zones (five layer canvases of six areas each).
 * Runs on the server when a board is created, so clients never race to lay out the same board.
 * Throws when the document already holds a board.
 */
export function createBoard(doc: Y.Doc, input: CreateBoardInput, origin: unknown): void {
  const { meta, zones } = boardMaps(doc);
  if (meta.has('schema')) throw new CommandError('this document already holds a board');
  const title = normalizeTitle(input.title).slice(0, MAX_TITLE_LENGTH) || DEFAULT_TITLE;
  doc.transact(() => {
    meta.set('schema', SCHEMA_VERSION);
    meta.set('title', title);
    meta.set('createdAt', input.createdAt ?? Date.now());
    for (const zone of templateZones()) {
      const map = new Y.Map<unknown>();
      map.set('layer', zone.layer);
      map.set('area', zone.area);
      map.set('x', zone.x);
      map.set('y', zone.y);
      map.set('w', zone.w);
      map.set('h', zone.h);
      zones.set(zone.id, map);
    }
  }, origin);
}

/**
 * Renames the workshop (`meta.title`), stored as normalizeTitle makes it: on one line, trimmed. Throws a
 * CommandError, changing nothing, for an empty name or one longer than MAX_TITLE_LENGTH. Returns the
 * stored name; writes nothing when it is the name already.
 */
export function renameBoard(doc: Y.Doc, title: string, origin: unknown): string {
  if (typeof title !== 'string') throw new CommandError('a name must be text');
  const problem = titleProblem(title);
  if (problem) throw new CommandError(problem);
  const name = normalizeTitle(title);
  const { meta } = boardMaps(doc);
  if (meta.get('title') !== name) doc.transact(() => meta.set('title', name), origin);
  return name;
}

export interface AddNoteInput {
  id?: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
  text?: string;
  color?: NoteColor;
  kind?: NoteKind;
  horizon?: Horizon;
  /** Stacking order; by default the note goes on top of all others. */
  z?: string;
  author: string;
  department: string;
  createdAt?: number;
}

/**
 * The addNote input that brings `note` back as it reads: the same id, place, size, text, colour, kind,
 * horizon, author, department and creation time. Without its stacking (`z`), which each caller decides
 * (on top, or the old one where it is still valid), and without its dots, which belong to the vote.
 */
export function noteInputOf(note: Note): AddNoteInput {
  return {
    id: note.id,
    x: note.x,
    y: note.y,
    w: note.w,
    h: note.h,
    text: note.text,
    color: note.color,
    kind: note.kind,
    ...(note.horizon ? { horizon: note.horizon } : {}),
    author: note.author,
    department: note.department,
    createdAt: note.createdAt,
  };
}

/** The largest `z` on the board, or null when there are no notes. */
export function topZ(notes: Y.Map<Y.Map<unknown>>): string | null {
  let top: string | null = null;
  notes.forEach((map: unknown) => {
    // A value that is no note (from a faulty or hostile client) must not stop anyone adding notes either.
    if (!(map instanceof Y.Map)) return;
    const z = map.get('z');
    // A malformed z (from a faulty client) must not stop everyone from adding notes.
    if (isFractionalIndex(z) && (top === null || z > top)) top = z;
  });
  return top;
}

/** Adds a sticky note on top of all others and returns its id. */
export function addNote(doc: Y.Doc, input: AddNoteInput, origin: unknown): string {
  const { notes } = boardMaps(doc);
  const id = input.id ?? randomId();
  if (notes.has(id)) throw new CommandError(`a note with id ${id} exists already`);
  const color = input.color ?? 'yellow';
  if (!isNoteColor(color)) throw new CommandError(`unknown colour: ${String(color)}`);
  const kind = input.kind ?? 'idea';
  if (!NOTE_KINDS.includes(kind)) throw new CommandError(`unknown kind: ${String(kind)}`);
  if (input.z !== undefined && !isFractionalIndex(input.z)) throw new CommandError(`invalid z: ${input.z}`);
  if (input.horizon !== undefined && !HORIZONS.includes(input.horizon)) {
    throw new CommandError(`unknown horizon: ${String(input.horizon)}`);
  }
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('x', finite(input.x, 'x'));
    map.set('y', finite(input.y, 'y'));
    map.set('w', clampSize(input.w ?? NOTE_WIDTH, 'w'));
    map.set('h', clampSize(input.h ?? NOTE_HEIGHT, 'h'));
    map.set('text', new Y.Text(input.text ?? ''));
    map.set('color', color);
    map.set('kind', kind);
    map.set('author', input.author.slice(0, 80));
    map.set('department', input.department.slice(0, 80));
    map.set('createdAt', input.createdAt ?? Date.now());
    map.set('z', input.z ?? keyBetween(topZ(notes), null));
    if (input.horizon) map.set('horizon', input.horizon);
    notes.set(id, map);
  }, origin);
  return id;
}

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const map = boardMaps(doc).notes.get(id);
  return map instanceof Y.Map ? map : undefined;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Makes a note's text equal to `next` by deleting and inserting only the differing middle, so that two
 * people typing in one note merge character by character. Returns false when the note is gone.
 */
export function editNoteText(doc: Y.Doc, id: string, next: string, origin: unknown): boolean {
  const text = noteMap(doc, id)?.get('text');
  if (!(text instanceof Y.Text)) return false;
  const current = text.toString();
  if (current === next) return true;
  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current[start] === next[start]) start++;
  // Never cut between the halves of a surrogate pair (an emoji): Yjs replaces a split pair with U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
    endCurrent--;
    endNext--;
  }
  if (endCurrent < current.length && isLowSurrogate(current.charCodeAt(endCurrent))) {
    endCurrent++;
    endNext++;
  }
  doc.transact(() => {
    if (endCurrent > start) text.delete(start, endCurrent - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  }, origin);
  return true;
}

export interface NotePosition {
  id: string;
  x: number;
  y: number;
}

/** Moves notes to new positions in one step; notes deleted meanwhile are skipped. */
export function moveNotes(doc: Y.Doc, positions: readonly NotePosition[], origin: unknown): void {
  for (const p of positions) {
    finite(p.x, 'x');
    finite(p.y, 'y');
  }
  doc.transact(() => {
    for (const p of positions) {
      const map = noteMap(doc, p.id);
      if (!map) continue;
      if (map.get('x') !== p.x) map.set('x', p.x);
      if (map.get('y') !== p.y) map.set('y', p.y);
    }
  }, origin);
}

/** Resizes a note; sizes are clamped to what stays readable and grabbable. */
export function resizeNote(doc: Y.Doc, id: string, size: { w: number; h: number }, origin: unknown): void {
  const w = clampSize(size.w, 'w');
  const h = clampSize(size.h, 'h');
  const map = noteMap(doc, id);
  if (!map) return;
  doc.transact(() => {
    map.set('w', w);
    map.set('h', h);
  }, origin);
}

/** Changes the colour of one or several notes. */
export function recolorNote(
  doc: Y.Doc,
  ids: string | readonly string[],
  color: NoteColor,
  origin: unknown,
): void {
  if (!isNoteColor(color)) throw new CommandError(`unknown colour: ${String(color)}`);
  doc.transact(() => {
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      const map = noteMap(doc, id);
      if (map && map.get('color') !== color) map.set('color', color);
    }
  }, origin);
}

/**
 * Deletes a note (and its links) if its text has no words, as its editor does when it closes on a note
 * left empty; returns whether it did. Only the editor's own close calls it: a note that is empty for a
 * moment while someone types into it is never removed by anyone else.
 */
export function removeNoteIfBlank(doc: Y.Doc, id: string, origin: unknown): boolean {
  const text = noteMap(doc, id)?.get('text');
  if (!(text instanceof Y.Text) || !isBlankText(text.toString())) return false;
  deleteNotes(doc, [id], origin);
  return true;
}

/** Deletes notes and every link that starts or ends at one of them. */
export function deleteNotes(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  const { notes, links } = boardMaps(doc);
  const gone = new Set(ids);
  doc.transact(() => {
    for (const id of gone) notes.delete(id);
    links.forEach((link: unknown, linkId) => {
      if (!(link instanceof Y.Map)) return;
      if (gone.has(String(link.get('from'))) || gone.has(String(link.get('to')))) links.delete(linkId);
    });
  }, origin);
}

export interface LinkInput {
  id?: string;
  from: string;
  to: string;
  label?: string;
}

/** Records that the decision in `from` affects the one in `to`; returns the link's id. */
export function linkNotes(doc: Y.Doc, input: LinkInput, origin: unknown): string {
  const { notes, links } = boardMaps(doc);
  if (input.from === input.to) throw new CommandError('a note cannot depend on itself');
  if (!notes.has(input.from) || !notes.has(input.to))
    throw new CommandError('both ends of a link must be notes');
  const id = input.id ?? randomId();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('from', input.from);
    map.set('to', input.to);
    if (input.label) map.set('label', input.label.slice(0, 200));
    links.set(id, map);
  }, origin);
  return id;
}

/** Sets the kind (idea, question, decision, risk) of one or several notes. */
export function setNoteKind(doc: Y.Doc, ids: readonly string[], kind: NoteKind, origin: unknown): void {
  if (!NOTE_KINDS.includes(kind)) throw new CommandError(`unknown kind: ${String(kind)}`);
  doc.transact(() => {
    for (const id of ids) {
      const map = noteMap(doc, id);
      if (map && map.get('kind') !== kind) map.set('kind', kind);
    }
  }, origin);
}

/** Plans one or several notes for a horizon (now, next, later), or takes them off the roadmap (null). */
export function setNoteHorizon(
  doc: Y.Doc,
  ids: readonly string[],
  horizon: Horizon | null,
  origin: unknown,
): void {
  if (horizon !== null && !HORIZONS.includes(horizon)) {
    throw new CommandError(`unknown horizon: ${String(horizon)}`);
  }
  doc.transact(() => {
    for (const id of ids) {
      const map = noteMap(doc, id);
      if (!map || (map.get('horizon') ?? null) === horizon) continue;
      if (horizon === null) map.delete('horizon');
      else map.set('horizon', horizon);
    }
  }, origin);
}

/** Deletes links by id. */
export function deleteLinks(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  const { links } = boardMaps(doc);
  doc.transact(() => {
    for (const id of ids) links.delete(id);
  }, origin);
}

/** Sets or clears (empty string) the label of a link. */
export function setLinkLabel(doc: Y.Doc, id: string, label: string, origin: unknown): void {
  const link = boardMaps(doc).links.get(id);
  if (!(link instanceof Y.Map)) return;
  const text = label.trim().slice(0, 200);
  doc.transact(() => {
    if (text) link.set('label', text);
    else link.delete('label');
  }, origin);
}
