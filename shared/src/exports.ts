import * as Y from 'yjs';
import { addNote, linkNotes, noteInputOf } from './commands';
import {
  HORIZONS,
  isNoteColor,
  NOTE_KINDS,
  type AreaId,
  type Horizon,
  type LayerId,
  type NoteKind,
} from './framework';
import { isFractionalIndex } from './fractionalIndex';
import { NOTE_MAX_SIZE, NOTE_MIN_SIZE } from './layout';
import { createProjector } from './projection';
import { reportTime } from './reportMarkdown';
import { boardMaps, type BoardSnapshot, type Link, type Note } from './schema';
import {
  MAX_IMPORT_COORDINATE,
  MAX_IMPORT_NAME,
  MAX_IMPORT_NOTES,
  MAX_IMPORT_TEXT,
  MAX_IMPORT_TITLE,
  NOT_AN_EXPORT,
  orList,
  ProblemList,
  quoteValue,
} from './importProblems';
import { limitValueDepth } from './valueDepth';
import { MAX_VOTE_ROUNDS, parseVoteRound, voteScopeName, type VoteRound } from './voteRounds';

/** The `format` field of a board's JSON export. */
export const EXPORT_FORMAT = 'iot-decision-board';
export const EXPORT_VERSION = 1;

/** A note as exported: the stored fields plus the cell it lies in (derived, ignored on import). */
export interface ExportedNote extends Note {
  layer: LayerId | null;
  area: AreaId | null;
}

/** The whole board as JSON: everything needed to rebuild it in a new board. */
export interface BoardExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  title: string;
  createdAt: number;
  notes: ExportedNote[];
  links: Link[];
  /**
   * The revealed dot votes, oldest first: totals only, as the document holds them. Absent from files
   * made before votes were sealed, whose notes may carry each person's dots in `votes` (never imported).
   */
  voteRounds?: VoteRound[];
}

export function exportBoard(board: BoardSnapshot): BoardExport {
  const projector = createProjector(board.zones);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    title: board.meta.title,
    createdAt: board.meta.createdAt,
    notes: board.notes.map((note) => {
      const placement = projector.placeNote(note);
      return { ...note, layer: placement?.layer ?? null, area: placement?.area ?? null };
    }),
    links: board.links,
    voteRounds: [...board.voteRounds],
  };
}

/** The JSON export as text, for a download or the server's export.json. */
export function boardJson(board: BoardSnapshot): string {
  return `${JSON.stringify(exportBoard(board), null, 2)}\n`;
}

export type ParsedExport = { ok: true; board: BoardExport } | { ok: false; problems: string[] };

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a parsed JSON value against the export format and lists every problem (up to 50, then how
 * many more), each in plain words saying where it is (`note 3 ("id"): …`, `dependency 2: …`); nothing
 * is imported unless there is none. A value that is not an export at all gets one problem saying what
 * to import instead. Sizes are bounded (notes, links, text, names, coordinates), so that what passes
 * builds a board of the usual size.
 */
export function parseBoardExport(value: unknown): ParsedExport {
  const problems = new ProblemList();
  const problem = (text: string) => problems.add(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [NOT_AN_EXPORT] };
  }
  const v = value as Record<string, unknown>;
  if (v.format !== EXPORT_FORMAT) return { ok: false, problems: [NOT_AN_EXPORT] };
  if (v.version !== EXPORT_VERSION) {
    return {
      ok: false,
      problems: [
        `this export is of version ${quoteValue(v.version)}, which this server cannot read (it reads version ${EXPORT_VERSION})`,
      ],
    };
  }
  if (typeof v.title !== 'string') problem('the board\'s "title" must be text');
  else if (v.title.length > MAX_IMPORT_TITLE)
    problem(`the board's title has ${v.title.length} characters; at most ${MAX_IMPORT_TITLE}`);
  if (!isFiniteNumber(v.createdAt)) problem('the board\'s "createdAt" must be a number (a time)');
  const notes = Array.isArray(v.notes) ? v.notes : (problem('"notes" must be a list of notes'), []);
  const links = Array.isArray(v.links) ? v.links : (problem('"links" must be a list of dependencies'), []);
  if (notes.length > MAX_IMPORT_NOTES) {
    problem(`the file holds ${notes.length} notes; an import may hold at most ${MAX_IMPORT_NOTES}`);
    return { ok: false, problems: problems.list() };
  }
  if (links.length > 4 * MAX_IMPORT_NOTES) {
    problem(
      `the file holds ${links.length} dependencies; an import may hold at most ${4 * MAX_IMPORT_NOTES}`,
    );
    return { ok: false, problems: problems.list() };
  }

  const ids = new Set<string>();
  notes.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problem(`note ${i + 1}: must be an object with the note's fields`);
      return;
    }
    const n = raw as Record<string, unknown>;
    const named = typeof n.id === 'string' && n.id !== '' && n.id.length <= 64;
    const at = named ? `note ${i + 1} (${quoteValue(n.id)})` : `note ${i + 1}`;
    if (!named) problem(`${at}: "id" must be text of 1 to 64 characters`);
    else if (ids.has(n.id as string)) problem(`${at}: another note has the same id`);
    else ids.add(n.id as string);
    for (const key of ['x', 'y'] as const) {
      if (!isFiniteNumber(n[key]) || Math.abs(n[key]) > MAX_IMPORT_COORDINATE) {
        problem(
          `${at}: "${key}" must be a number from ${-MAX_IMPORT_COORDINATE} to ${MAX_IMPORT_COORDINATE}, not ${quoteValue(n[key])}`,
        );
      }
    }
    for (const key of ['w', 'h'] as const) {
      const size = n[key];
      if (typeof size !== 'number' || !(size >= NOTE_MIN_SIZE && size <= NOTE_MAX_SIZE)) {
        problem(
          `${at}: "${key}" must be a number from ${NOTE_MIN_SIZE} to ${NOTE_MAX_SIZE}, not ${quoteValue(size)}`,
        );
      }
    }
    if (typeof n.text !== 'string') problem(`${at}: "text" must be text`);
    else if (n.text.length > MAX_IMPORT_TEXT)
      problem(`${at}: the text has ${n.text.length} characters; at most ${MAX_IMPORT_TEXT}`);
    if (!isNoteColor(n.color)) problem(`${at}: ${quoteValue(n.color)} is not a note colour`);
    if (!NOTE_KINDS.includes(n.kind as NoteKind))
      problem(`${at}: ${quoteValue(n.kind)} is not a kind; use ${orList(NOTE_KINDS)}`);
    for (const key of ['author', 'department'] as const) {
      if (typeof n[key] !== 'string') problem(`${at}: "${key}" must be text`);
      else if (n[key].length > MAX_IMPORT_NAME)
        problem(`${at}: "${key}" has ${n[key].length} characters; at most ${MAX_IMPORT_NAME}`);
    }
    if (!isFiniteNumber(n.createdAt)) problem(`${at}: "createdAt" must be a number (a time)`);
    if (typeof n.z !== 'string' || !isFractionalIndex(n.z))
      problem(`${at}: "z" must be a stacking key, as the app writes it`);
    if (n.horizon !== null && n.horizon !== undefined && !HORIZONS.includes(n.horizon as Horizon)) {
      problem(`${at}: ${quoteValue(n.horizon)} is not a horizon; use ${orList(HORIZONS)}, or leave it out`);
    }
  });

  const linkIds = new Set<string>();
  links.forEach((raw: unknown, i) => {
    const at = `dependency ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problem(`${at}: must be an object with "id", "from" and "to"`);
      return;
    }
    const l = raw as Record<string, unknown>;
    if (typeof l.id !== 'string' || l.id === '' || l.id.length > 64)
      problem(`${at}: "id" must be text of 1 to 64 characters`);
    else if (linkIds.has(l.id)) problem(`${at}: another dependency has the same id ${quoteValue(l.id)}`);
    else linkIds.add(l.id);
    for (const end of ['from', 'to'] as const) {
      if (typeof l[end] !== 'string') problem(`${at}: "${end}" must be the id of a note`);
      else if (!ids.has(l[end] as string))
        problem(`${at}: "${end}" names the note ${quoteValue(l[end])}, which is not in the file`);
    }
    if (l.from === l.to && typeof l.from === 'string') problem(`${at}: a note cannot depend on itself`);
    if (l.label !== undefined && typeof l.label !== 'string') problem(`${at}: "label" must be text`);
    else if (typeof l.label === 'string' && l.label.length > MAX_IMPORT_TITLE)
      problem(`${at}: the label has ${l.label.length} characters; at most ${MAX_IMPORT_TITLE}`);
  });

  if (v.voteRounds !== undefined) {
    if (!Array.isArray(v.voteRounds) || v.voteRounds.length > MAX_VOTE_ROUNDS) {
      problem(`"voteRounds" must be a list of at most ${MAX_VOTE_ROUNDS} revealed votes`);
    } else {
      v.voteRounds.forEach((round: unknown, i) => {
        if (!parseVoteRound(round)) problem(`revealed vote ${i + 1}: not a vote result as the app saves it`);
      });
    }
  }

  if (!problems.empty) return { ok: false, problems: problems.list() };
  return { ok: true, board: value as BoardExport };
}

/**
 * Adds an export's notes, links and revealed vote rounds to a board (normally a new, empty one) in one
 * transaction: all of it or, if anything fails, none of it. Throws when the board already holds a note
 * or link of the same id. Per-person dots that files from before sealed voting carry are left out.
 */
export function importBoard(doc: Y.Doc, board: BoardExport, origin: unknown): void {
  const { notes, links } = boardMaps(doc);
  for (const note of board.notes) {
    if (notes.has(note.id)) throw new Error(`the board already holds a note "${note.id}"`);
  }
  for (const link of board.links) {
    if (links.has(link.id)) throw new Error(`the board already holds a link "${link.id}"`);
  }
  // Built in a scratch document first, so that a failure midway leaves the board untouched; the
  // result reaches the board as one update, applied in one transaction with the caller's origin.
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, limitValueDepth(Y.encodeStateAsUpdate(doc)));
  const before = Y.encodeStateVector(scratch);
  scratch.transact(() => {
    for (const note of board.notes) {
      addNote(scratch, { ...noteInputOf(note), z: note.z }, origin);
    }
    for (const link of board.links) {
      linkNotes(scratch, { id: link.id, from: link.from, to: link.to, label: link.label ?? '' }, origin);
    }
    if (board.title) boardMaps(scratch).meta.set('title', board.title);
    const rounds = (board.voteRounds ?? []).map(parseVoteRound).filter((r): r is VoteRound => r !== null);
    if (rounds.length > 0) boardMaps(scratch).session.set('voteRounds', rounds);
  }, origin);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch, before), origin);
  scratch.destroy();
}

// ---------------------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = [
  'id',
  'layer',
  'area',
  'kind',
  'text',
  'author',
  'department',
  'horizon',
  'votes',
  'color',
  'x',
  'y',
  'createdAt',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with
 * an apostrophe, so that opening the file never executes note text.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The header of a round's column in the CSV: its number, what it was about and when it was revealed,
 * e.g. `vote 2: Communications, 2026-03-12 14:05 UTC`.
 */
export function voteColumnName(round: VoteRound, number: number): string {
  return `vote ${number}: ${voteScopeName(round.scope)}, ${reportTime(round.revealedAt)}`;
}

/**
 * Every note, one row each, with its layer and area; `votes` holds its dots in the last revealed round,
 * and one column per revealed round (oldest first, see voteColumnName) its dots in that round: empty
 * where the note lies outside a round's layer and got none. CRLF line ends, as RFC 4180 asks.
 */
export function boardCsv(board: BoardSnapshot): string {
  const rounds = board.voteRounds;
  const rows = [
    [...CSV_COLUMNS, ...rounds.map((round, i) => voteColumnName(round, i + 1))].map(csvField).join(','),
  ];
  const totals = rounds[rounds.length - 1]?.totals ?? {};
  for (const note of exportBoard(board).notes) {
    const votes = totals[note.id]?.dots ?? 0;
    const perRound = rounds.map((round) => {
      const dots = round.totals[note.id]?.dots;
      if (dots !== undefined) return dots;
      return round.scope === 'board' || round.scope === note.layer ? 0 : null;
    });
    rows.push(
      [
        note.id,
        note.layer,
        note.area,
        note.kind,
        note.text,
        note.author,
        note.department,
        note.horizon,
        votes,
        note.color,
        note.x,
        note.y,
        new Date(note.createdAt).toISOString(),
        ...perRound,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
