import type * as Y from 'yjs';
import { addNote, deleteNotes, moveNotes, noteInputOf, topZ } from './commands';
import { keyBetween } from './fractionalIndex';
import type { Rect } from './layout';
import { freeSpotInZone } from './placement';
import { createProjector } from './projection';
import { boardMaps, readNotes, readZones, type Note } from './schema';

/**
 * Silent brainstorming keeps each person's notes in a local private document (the same notes schema,
 * written with addNote, never synced) until the facilitator reveals them.
 */

/**
 * Publishes every note of the private document onto the board in one transaction, with the same ids and
 * content, then removes them from the private document. The revealed notes go on top of the board in
 * their private order: their private `z` values were made against the private notes only.
 *
 * Each person wrote without seeing the others' private notes, so a revealed note that would land on a
 * note already on the board (or on one revealed just before it) moves to a free spot of the same cell;
 * its layer and area stay as its author chose. A note that lands on nothing keeps its place.
 *
 * Idempotent: a note the board already holds (an earlier reveal that did not finish clearing the private
 * document, or a second device of the same person) is not added twice. Returns the ids added.
 */
export function revealNotes(board: Y.Doc, privateDoc: Y.Doc, origin: unknown): string[] {
  const pending = readNotes(privateDoc);
  if (pending.length === 0) return [];
  const { notes } = boardMaps(board);
  const added: string[] = [];
  const spots = placeRevealed(
    pending.filter((n) => !notes.has(n.id)),
    readNotes(board),
    readZones(board),
  );
  board.transact(() => {
    let z = topZ(notes);
    for (const note of pending) {
      const spot = spots.get(note.id);
      if (!spot || notes.has(note.id)) continue;
      z = keyBetween(z, null);
      addNote(board, { ...noteInputOf(note), x: spot.x, y: spot.y, z }, origin);
      added.push(note.id);
    }
  }, origin);
  deleteNotes(
    privateDoc,
    pending.map((n) => n.id),
    origin,
  );
  return added;
}

function covers(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Where each revealed note goes. Notes that land on nothing keep their places first; then each of the
 * others goes to a free spot of its cell, clear of everything placed so far. A note outside every zone
 * has no cell to keep and stays where its author put it.
 */
function placeRevealed(
  revealed: readonly Note[],
  onBoard: readonly Rect[],
  zones: ReturnType<typeof readZones>,
): Map<string, { x: number; y: number }> {
  const spots = new Map<string, { x: number; y: number }>();
  const occupied: Rect[] = [...onBoard];
  const crowded: Note[] = [];
  for (const note of revealed) {
    if (occupied.some((o) => covers(note, o))) {
      crowded.push(note);
    } else {
      spots.set(note.id, { x: note.x, y: note.y });
      occupied.push(note);
    }
  }
  const projector = createProjector(zones);
  for (const note of crowded) {
    const cell = projector.placeNote(note);
    const zone = cell && zones.find((z) => z.layer === cell.layer && z.area === cell.area);
    const spot = zone ? freeSpotInZone(zone, occupied, note.w, note.h) : { x: note.x, y: note.y };
    spots.set(note.id, spot);
    occupied.push({ ...spot, w: note.w, h: note.h });
  }
  return spots;
}

/**
 * Whether two notes overlap by more than a quarter of the smaller one: then one hides the other. In a
 * crowded cell notes may touch or overlap a little; moving them for that would only shuffle the cell.
 */
function hides(a: Rect, b: Rect): boolean {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 && w * h > 0.25 * Math.min(a.w * a.h, b.w * b.h);
}

/**
 * After a reveal, the others' private notes arrive too: they were revealed at the same moment against a
 * board that did not hold this person's, so two notes can land on each other. Of two notes of which one
 * hides the other, the one with the greater id moves, by its owner: each device calls this for the notes it revealed, as
 * the others' arrive, and moves its own notes that lost to a free spot of their cell. Returns the ids
 * moved (none once everything is apart).
 */
export function settleRevealedNotes(board: Y.Doc, mine: ReadonlySet<string>, origin: unknown): string[] {
  const notes = readNotes(board);
  const losers = notes.filter(
    (note) =>
      mine.has(note.id) &&
      notes.some((other) => !mine.has(other.id) && other.id < note.id && hides(note, other)),
  );
  if (losers.length === 0) return [];
  const zones = readZones(board);
  const projector = createProjector(zones);
  const occupied: Rect[] = notes.filter((n) => !losers.includes(n));
  const positions: { id: string; x: number; y: number }[] = [];
  for (const note of losers) {
    const cell = projector.placeNote(note);
    const zone = cell && zones.find((z) => z.layer === cell.layer && z.area === cell.area);
    if (!zone) {
      occupied.push(note);
      continue;
    }
    const spot = freeSpotInZone(zone, occupied, note.w, note.h);
    positions.push({ id: note.id, ...spot });
    occupied.push({ ...spot, w: note.w, h: note.h });
  }
  moveNotes(board, positions, origin);
  return positions.map((p) => p.id);
}
