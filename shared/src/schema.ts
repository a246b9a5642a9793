import * as Y from 'yjs';
import {
  isAreaId,
  isLayerId,
  isNoteColor,
  HORIZONS,
  NOTE_KINDS,
  type AreaId,
  type Horizon,
  type LayerId,
  type NoteColor,
  type NoteKind,
} from './framework';
import { readTitle } from './boardTitle';
import { NOTE_HEIGHT, NOTE_WIDTH } from './layout';
import { parseAgendaRun, parseAgendaSteps, type AgendaState } from './agendaModel';
import { parseVoteRounds, type VoteRound } from './voteRounds';

/** The schema version written into `meta.schema` by this code. */
export const SCHEMA_VERSION = 1;

export interface BoardMeta {
  schema: number;
  title: string;
  createdAt: number;
}

export interface Zone {
  id: string;
  layer: LayerId;
  /** Null for a layer's outer frame. */
  area: AreaId | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Note {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  color: NoteColor;
  kind: NoteKind;
  author: string;
  department: string;
  createdAt: number;
  /** Fractional index: notes paint in ascending order of `z`, ties broken by id. */
  z: string;
  horizon: Horizon | null;
}

/**
 * Whether a note's text has no words: empty or only whitespace. Such a note decides nothing, so it
 * covers no cell, and its editor removes it when it closes.
 */
export function isBlankText(text: string): boolean {
  return !/\S/.test(text);
}

export interface Link {
  id: string;
  from: string;
  to: string;
  label: string;
}

export interface BoardSnapshot {
  meta: BoardMeta;
  zones: Zone[];
  notes: Note[];
  links: Link[];
  /** The totals of every revealed dot vote, oldest first: never anyone's own dots (votes are sealed). */
  voteRounds: readonly VoteRound[];
  /**
   * The guided workshop's agenda and its run, when the board has one (the report adds the agenda's
   * summary once it has run).
   */
  agenda?: AgendaState;
}

/** The top-level shared types of a board document. */
export interface BoardMaps {
  meta: Y.Map<unknown>;
  zones: Y.Map<Y.Map<unknown>>;
  notes: Y.Map<Y.Map<unknown>>;
  links: Y.Map<Y.Map<unknown>>;
  session: Y.Map<unknown>;
}

/** The board's top-level types; Yjs creates them on first access, so this is safe on an empty doc. */
export function boardMaps(doc: Y.Doc): BoardMaps {
  return {
    meta: doc.getMap('meta'),
    zones: doc.getMap('zones'),
    notes: doc.getMap('notes'),
    links: doc.getMap('links'),
    session: doc.getMap('session'),
  };
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * Reads `meta`; a board whose template has not arrived yet reads as schema 0. The title reads as
 * readTitle makes it (one line, bounded), whatever a faulty or hostile client wrote.
 */
export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = boardMaps(doc).meta;
  return {
    schema: num(meta.get('schema'), 0),
    title: readTitle(meta.get('title')),
    createdAt: num(meta.get('createdAt'), 0),
  };
}

/** Reads one zone; null when its data is not a valid zone (such zones are ignored, never guessed). */
export function readZone(id: string, map: Y.Map<unknown>): Zone | null {
  const layer = map.get('layer');
  const area = map.get('area') ?? null;
  if (!isLayerId(layer) || (area !== null && !isAreaId(area))) return null;
  const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((k) => num(map.get(k), NaN));
  if (![x, y, w, h].every(Number.isFinite) || w! <= 0 || h! <= 0) return null;
  return { id, layer, area, x: x!, y: y!, w: w!, h: h! };
}

/** Every valid zone of the board, in a stable order (by id). */
export function readZones(doc: Y.Doc): Zone[] {
  const zones: Zone[] = [];
  boardMaps(doc).zones.forEach((map, id) => {
    const zone = map instanceof Y.Map ? readZone(id, map) : null;
    if (zone) zones.push(zone);
  });
  return zones.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Reads one note into a plain snapshot. Fields written by a newer or faulty client fall back to safe
 * defaults, so one odd note never breaks the board for everyone. A `votes` map that boards from before
 * sealed voting hold on their notes (each person's dots) is never read.
 */
export function readNote(id: string, map: Y.Map<unknown>): Note {
  const text = map.get('text');
  const kind = map.get('kind');
  const horizon = map.get('horizon');
  const color = map.get('color');
  return {
    id,
    x: num(map.get('x'), 0),
    y: num(map.get('y'), 0),
    w: num(map.get('w'), NOTE_WIDTH),
    h: num(map.get('h'), NOTE_HEIGHT),
    text: text instanceof Y.Text ? text.toString() : str(text, ''),
    color: isNoteColor(color) ? color : 'yellow',
    kind: NOTE_KINDS.includes(kind as NoteKind) ? (kind as NoteKind) : 'idea',
    author: str(map.get('author'), ''),
    department: str(map.get('department'), ''),
    createdAt: num(map.get('createdAt'), 0),
    z: str(map.get('z'), ''),
    horizon: HORIZONS.includes(horizon as Horizon) ? (horizon as Horizon) : null,
  };
}

/** Orders notes for painting: ascending `z`, ties broken by id so every replica agrees. */
export function compareNotesByZ(a: Pick<Note, 'z' | 'id'>, b: Pick<Note, 'z' | 'id'>): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every note of the board, in painting order. */
export function readNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  boardMaps(doc).notes.forEach((map, id) => {
    if (map instanceof Y.Map) notes.push(readNote(id, map));
  });
  return notes.sort(compareNotesByZ);
}

/**
 * Every link whose ends are strings, by id (map order differs between replicas); whether the ends still
 * exist is for the checks to say.
 */
export function readLinks(doc: Y.Doc): Link[] {
  const links: Link[] = [];
  boardMaps(doc).links.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const from = map.get('from');
    const to = map.get('to');
    if (typeof from !== 'string' || typeof to !== 'string') return;
    links.push({ id, from, to, label: str(map.get('label'), '') });
  });
  return links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A plain snapshot of the whole board, the input of every derived view. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const { session } = boardMaps(doc);
  const steps = parseAgendaSteps(session.get('agenda'));
  const run = parseAgendaRun(session.get('agendaRun'));
  return {
    meta: readMeta(doc),
    zones: readZones(doc),
    notes: readNotes(doc),
    links: readLinks(doc),
    voteRounds: parseVoteRounds(session.get('voteRounds')),
    ...(steps.length > 0 || run ? { agenda: { steps, run } } : {}),
  };
}
