import type * as Y from 'yjs';
import { cellGrid } from './cellGrid';
import { addNote, createBoard, linkNotes, noteInputOf, type AddNoteInput } from './commands';
import { guessCsvDelimiter, readCsv } from './csvReader';
import { parseBoardExport, type BoardExport } from './exports';
import { keyBetween } from './fractionalIndex';
import { jsonErrorAt } from './jsonErrorAt';
import {
  AREAS,
  DEPARTMENTS,
  departmentColor,
  HORIZONS,
  LAYERS,
  NOTE_KINDS,
  type AreaId,
  type Horizon,
  type LayerId,
  type NoteKind,
} from './framework';
import {
  MAX_IMPORT_NAME,
  MAX_IMPORT_NOTES,
  MAX_IMPORT_TEXT,
  MAX_IMPORT_TITLE,
  orList,
  ProblemList,
  quoteValue,
} from './importProblems';
import { zoneKey, type Rect } from './layout';
import { boardMaps, readZones } from './schema';
import { parseVoteRound, type VoteRound } from './voteRounds';

/**
 * Importing a file as a new board, on the server, all or nothing: the app's JSON export, or a CSV list
 * of notes with their layer, area, kind and text, which are laid out in their cells. Parsing lists every
 * problem in plain words, naming the line and column (CSV) or the note (JSON).
 */

/** A note of a CSV list: where it goes and what it says; its place in the cell is worked out. */
export interface CellNote {
  layer: LayerId;
  area: AreaId;
  kind: NoteKind;
  text: string;
  author: string;
  department: string;
  horizon: Horizon | null;
}

/** What a file brings, once checked. */
export type BoardImport = { format: 'json'; board: BoardExport } | { format: 'csv'; notes: CellNote[] };

export type ParsedImport = { ok: true; imported: BoardImport } | { ok: false; problems: string[] };

export type ImportFormat = 'json' | 'csv';

/** The columns a CSV list must have, and those it may have; others (an export's id, x, y...) are ignored. */
export const CSV_IMPORT_REQUIRED = ['layer', 'area', 'kind', 'text'] as const;
export const CSV_IMPORT_OPTIONAL = ['department', 'author', 'horizon'] as const;
type CsvImportColumn = (typeof CSV_IMPORT_REQUIRED)[number] | (typeof CSV_IMPORT_OPTIONAL)[number];
const CSV_IMPORT_COLUMNS: readonly CsvImportColumn[] = [...CSV_IMPORT_REQUIRED, ...CSV_IMPORT_OPTIONAL];

const JSON_TYPES = /^application\/(?:[\w.+-]*\+)?json\b/i;
// Windows reports a .csv file as Excel's type when Excel is installed.
const CSV_TYPES =
  /^(?:text\/csv|application\/csv|text\/comma-separated-values|application\/vnd\.ms-excel)\b/i;

/**
 * The format of an upload: from its Content-Type when that names JSON or CSV, else from its first
 * character (`{` or `[` is JSON, anything else CSV).
 */
export function importFormatOf(contentType: string | undefined, text: string): ImportFormat {
  const type = (contentType ?? '').trim();
  if (JSON_TYPES.test(type)) return 'json';
  if (CSV_TYPES.test(type)) return 'csv';
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

/** The line and column (both from 1) of a character of `text`. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: position - start + 1 };
}

/**
 * Parses and checks a JSON export. Objects and arrays nested past the relay's limit must be refused
 * before this (the server checks the text first): what JSON.parse accepts, a recursive walk may not.
 */
export function parseJsonImport(text: string): ParsedImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const error = jsonErrorAt(text);
    if (error) {
      const { line, column } = lineAndColumn(text, error.position);
      return {
        ok: false,
        problems: [`line ${line}, column ${column}: the file is not valid JSON: ${error.problem}`],
      };
    }
    return { ok: false, problems: [`the file is not valid JSON (${(e as Error).message})`] };
  }
  const parsed = parseBoardExport(value);
  return parsed.ok
    ? { ok: true, imported: { format: 'json', board: parsed.board } }
    : { ok: false, problems: parsed.problems };
}

/** Lower case, single spaces, `&` as `and`, no spaces around `/`: how names are compared. */
function normalName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?& ?/g, ' and ')
    .replace(/ ?\/ ?/g, '/');
}

/** Each id under its own name, its display name and the parts of that name ("Devices", "Hardware"). */
function namesOf<T extends string>(items: readonly { id: T; name: string }[]): Map<string, T> {
  const names = new Map<string, T>();
  for (const { id, name } of items) {
    const full = normalName(name);
    for (const alias of [id, full, ...full.split(/\/| and /)]) {
      if (!names.has(normalName(alias))) names.set(normalName(alias), id);
    }
  }
  return names;
}

const LAYER_NAMES = namesOf(LAYERS);
const AREA_NAMES = namesOf(AREAS);
const DEPARTMENT_NAMES = namesOf(DEPARTMENTS);
const KIND_NAMES = new Map<string, NoteKind>(
  NOTE_KINDS.flatMap((k) => [[k, k] as const, [`${k}s`, k] as const]),
);
const HORIZON_NAMES = new Map<string, Horizon>(HORIZONS.map((h) => [h, h]));

const LAYER_HINT = `use ${orList(LAYERS.map((l) => l.id))}, or a layer's name such as "${LAYERS[3]!.name}"`;
const AREA_HINT = `use ${orList(AREAS.map((a) => a.id))}, or an area's name such as "${AREAS[5]!.name}"`;
const KIND_HINT = `use ${orList(NOTE_KINDS)}`;
const HORIZON_HINT = `use ${orList(HORIZONS)}, or leave it empty`;
const HEADER_HINT =
  `the first line must name the columns, at least ${orList(CSV_IMPORT_REQUIRED, 'and')} ` +
  `(${orList(CSV_IMPORT_OPTIONAL, 'and')} may follow, in any order), separated by commas`;

/** What the app's CSV export put before a text that a spreadsheet would run as a formula. */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/**
 * Parses and checks a CSV list of notes (without a byte-order mark). The first line names the columns
 * (see CSV_IMPORT_REQUIRED and CSV_IMPORT_OPTIONAL; case and spaces do not matter, unknown ones are
 * ignored); each further line is a note. Layer, area, kind and department may be given by id or name,
 * in any case; an empty kind is an idea. The delimiter (comma, semicolon or tab) is read off the header.
 */
export function parseCsvImport(text: string): ParsedImport {
  const fail = (problem: string): ParsedImport => ({ ok: false, problems: [problem] });
  const read = readCsv(text, guessCsvDelimiter(text, CSV_IMPORT_COLUMNS));
  if (!read.ok) return fail(`line ${read.line}: ${read.problem}`);
  const [header, ...rows] = read.records;
  if (!header) return fail('the file is empty');

  const columns = new Map<CsvImportColumn, number>();
  const problems = new ProblemList();
  header.fields.forEach((field, index) => {
    const name = normalName(field) as CsvImportColumn;
    if (!CSV_IMPORT_COLUMNS.includes(name)) return;
    if (columns.has(name)) problems.add(`line ${header.line}: the column "${name}" appears twice`);
    else columns.set(name, index);
  });
  if (columns.size === 0) return fail(`line ${header.line} is not a header row: ${HEADER_HINT}`);
  const missing = CSV_IMPORT_REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    const names = orList(
      missing.map((c) => `"${c}"`),
      'and',
    );
    const noun = missing.length === 1 ? 'column' : 'columns';
    problems.add(`line ${header.line}: the header row has no ${noun} ${names}; ${HEADER_HINT}`);
  }
  if (!problems.empty) return { ok: false, problems: problems.list() };
  if (rows.length === 0) return fail(`the file has a header row but no notes after it`);
  if (rows.length > MAX_IMPORT_NOTES) {
    return fail(`the file lists ${rows.length} notes; an import may hold at most ${MAX_IMPORT_NOTES}`);
  }

  const width = header.fields.length;
  const notes: CellNote[] = [];
  for (const { line, fields } of rows) {
    if (fields.slice(width).some((f) => f.trim() !== '')) {
      problems.add(
        `line ${line}: ${fields.length} fields, but the header names ${width} columns ` +
          `(a text holding a comma must be in double quotes)`,
      );
      continue;
    }
    const cell = (column: CsvImportColumn) => {
      const index = columns.get(column);
      return index === undefined ? '' : (fields[index] ?? '').trim().replace(FORMULA_GUARD, '');
    };
    const at = (column: CsvImportColumn) => `line ${line}, column ${column}`;
    const lookUp = <T>(column: CsvImportColumn, names: Map<string, T>, noun: string, hint: string) => {
      const value = cell(column);
      const found = names.get(normalName(value));
      if (found !== undefined) return found;
      problems.add(
        value === ''
          ? `${at(column)}: empty; every note needs ${noun}: ${hint}`
          : `${at(column)}: ${quoteValue(value)} is not ${noun}; ${hint}`,
      );
      return null;
    };
    const layer = lookUp('layer', LAYER_NAMES, 'a layer', LAYER_HINT);
    const area = lookUp('area', AREA_NAMES, 'an area', AREA_HINT);
    const kind = cell('kind') === '' ? 'idea' : lookUp('kind', KIND_NAMES, 'a kind', KIND_HINT);
    const horizon =
      cell('horizon') === '' ? null : lookUp('horizon', HORIZON_NAMES, 'a horizon', HORIZON_HINT);
    const text = cell('text');
    if (text.length > MAX_IMPORT_TEXT) {
      problems.add(`${at('text')}: ${text.length} characters; a note holds at most ${MAX_IMPORT_TEXT}`);
    }
    const names = { author: cell('author'), department: cell('department') };
    for (const column of ['author', 'department'] as const) {
      if (names[column].length > MAX_IMPORT_NAME) {
        problems.add(`${at(column)}: ${names[column].length} characters; at most ${MAX_IMPORT_NAME}`);
      }
    }
    if (layer === null || area === null || kind === null || (horizon === null && cell('horizon') !== '')) {
      continue;
    }
    notes.push({
      layer,
      area,
      kind,
      text,
      author: names.author,
      department: DEPARTMENT_NAMES.get(normalName(names.department)) ?? names.department,
      horizon,
    });
  }
  if (!problems.empty) return { ok: false, problems: problems.list() };
  return { ok: true, imported: { format: 'csv', notes } };
}

/** Parses an upload as JSON or CSV (see importFormatOf); a byte-order mark at its start is skipped. */
export function parseImport(contentType: string | undefined, text: string): ParsedImport {
  const body = text.replace(/^\uFEFF/, '');
  return importFormatOf(contentType, body) === 'json' ? parseJsonImport(body) : parseCsvImport(body);
}

/** The title a new board gets: the one asked for, else the export's, else the default. */
export function importTitle(imported: BoardImport, asked: string): string {
  const title = asked.trim() || (imported.format === 'json' ? imported.board.title.trim() : '');
  return title.slice(0, MAX_IMPORT_TITLE);
}

/** Notes (or links) written per step of buildImportedBoardSteps: a few milliseconds of work. */
export const IMPORT_STEP = 250;

/**
 * Lays out a new board (its template, then what the file brings) in `doc`, which must be empty, in
 * steps of IMPORT_STEP notes or links: a generator, so that a server can let other work run between
 * steps (10,000 notes take about a second of Yjs work). Nobody sees the document before it is whole,
 * so the steps need not be one transaction. A JSON export keeps its notes (ids, places, stacking),
 * links and revealed votes; a CSV list's notes are laid out in their cells in file order (cellGrid),
 * each later one on top, coloured by department.
 */
export function* buildImportedBoardSteps(
  doc: Y.Doc,
  imported: BoardImport,
  title: string,
  origin: unknown,
  now = Date.now(),
): Generator<void, void, void> {
  createBoard(doc, { title, createdAt: now }, origin);
  const notes =
    imported.format === 'json'
      ? exportedNoteInputs(imported.board)
      : cellNoteInputs(doc, imported.notes, now);
  for (let i = 0; i < notes.length; i += IMPORT_STEP) {
    doc.transact(() => {
      for (const note of notes.slice(i, i + IMPORT_STEP)) addNote(doc, note, origin);
    }, origin);
    yield;
  }
  if (imported.format === 'csv') return;
  const { links, voteRounds } = imported.board;
  for (let i = 0; i < links.length; i += IMPORT_STEP) {
    doc.transact(() => {
      for (const link of links.slice(i, i + IMPORT_STEP)) {
        linkNotes(doc, { id: link.id, from: link.from, to: link.to, label: link.label ?? '' }, origin);
      }
    }, origin);
    yield;
  }
  const rounds = (voteRounds ?? []).map(parseVoteRound).filter((r): r is VoteRound => r !== null);
  if (rounds.length > 0) boardMaps(doc).session.set('voteRounds', rounds);
}

/** buildImportedBoardSteps in one go. */
export function buildImportedBoard(
  doc: Y.Doc,
  imported: BoardImport,
  title: string,
  origin: unknown,
  now = Date.now(),
): void {
  for (const step of buildImportedBoardSteps(doc, imported, title, origin, now)) void step;
}

/** An export's notes as they were, less per-person dots (from before votes were sealed). */
function exportedNoteInputs(board: BoardExport): AddNoteInput[] {
  return board.notes.map((note) => ({ ...noteInputOf(note), z: note.z }));
}

/** A CSV list's notes in the grid of their cells, stacked in file order. */
function cellNoteInputs(doc: Y.Doc, notes: readonly CellNote[], now: number): AddNoteInput[] {
  const zones = new Map(readZones(doc).map((zone) => [zone.id, zone]));
  const byCell = new Map<string, CellNote[]>();
  for (const note of notes) {
    const key = zoneKey(note.layer, note.area);
    const cell = byCell.get(key);
    if (cell) cell.push(note);
    else byCell.set(key, [note]);
  }
  const places = new Map<CellNote, Rect>();
  for (const [key, cellNotes] of byCell) {
    const grid = cellGrid(zones.get(key)!, cellNotes.length);
    cellNotes.forEach((note, i) => places.set(note, grid[i]!));
  }
  // z given here: addNote's own would scan every note for the top each time.
  let z: string | null = null;
  return notes.map((note) => {
    z = keyBetween(z, null);
    return {
      ...places.get(note)!,
      text: note.text,
      kind: note.kind,
      color: departmentColor(note.department),
      author: note.author,
      department: note.department,
      createdAt: now,
      z,
      ...(note.horizon ? { horizon: note.horizon } : {}),
    };
  });
}
