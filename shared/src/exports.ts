import * as Y from 'yjs';
import { addNote, linkNotes, noteInputOf } from './commands';
import { CELL_STATE_MEANING, computeCoverage, formatCoverage, type CellState } from './coverage';
import { dependencyIssues } from './dependencies';
import {
  AREAS,
  cellPrompt,
  getArea,
  getLayer,
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
import { buildRoadmap } from './roadmap';
import { boardMaps, type BoardSnapshot, type Link, type Note } from './schema';
import { limitValueDepth } from './valueDepth';
import { MAX_VOTE_ROUNDS, parseVoteRound, type VoteRound } from './voteRounds';

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

const MAX_PROBLEMS = 50;
const MAX_TEXT = 10_000;

/**
 * Checks a parsed JSON value against the export format and lists every problem (up to 50), each with
 * where it is; nothing is imported unless there is none.
 */
export function parseBoardExport(value: unknown): ParsedExport {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: ['the file is not a JSON object'] };
  }
  const v = value as Record<string, unknown>;
  if (v.format !== EXPORT_FORMAT)
    problem(`format: expected "${EXPORT_FORMAT}", got ${JSON.stringify(v.format)}`);
  if (v.version !== EXPORT_VERSION)
    problem(`version: expected ${EXPORT_VERSION}, got ${JSON.stringify(v.version)}`);
  if (typeof v.title !== 'string') problem('title: expected a string');
  if (typeof v.createdAt !== 'number' || !Number.isFinite(v.createdAt))
    problem('createdAt: expected a number');
  const notes = Array.isArray(v.notes) ? v.notes : (problem('notes: expected an array'), []);
  const links = Array.isArray(v.links) ? v.links : (problem('links: expected an array'), []);

  const ids = new Set<string>();
  notes.forEach((raw: unknown, i) => {
    const at = `notes[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      problem(`${at}: expected an object`);
      return;
    }
    const n = raw as Record<string, unknown>;
    if (typeof n.id !== 'string' || n.id === '' || n.id.length > 64)
      problem(`${at}.id: expected an id string`);
    else if (ids.has(n.id)) problem(`${at}.id: "${n.id}" appears twice`);
    else ids.add(n.id);
    for (const key of ['x', 'y'] as const) {
      if (typeof n[key] !== 'number' || !Number.isFinite(n[key])) problem(`${at}.${key}: expected a number`);
    }
    for (const key of ['w', 'h'] as const) {
      const size = n[key];
      if (typeof size !== 'number' || !(size >= NOTE_MIN_SIZE && size <= NOTE_MAX_SIZE)) {
        problem(`${at}.${key}: expected a number from ${NOTE_MIN_SIZE} to ${NOTE_MAX_SIZE}`);
      }
    }
    if (typeof n.text !== 'string' || n.text.length > MAX_TEXT) problem(`${at}.text: expected a string`);
    if (!isNoteColor(n.color)) problem(`${at}.color: unknown colour ${JSON.stringify(n.color)}`);
    if (!NOTE_KINDS.includes(n.kind as NoteKind))
      problem(`${at}.kind: unknown kind ${JSON.stringify(n.kind)}`);
    for (const key of ['author', 'department'] as const) {
      if (typeof n[key] !== 'string') problem(`${at}.${key}: expected a string`);
    }
    if (typeof n.createdAt !== 'number' || !Number.isFinite(n.createdAt))
      problem(`${at}.createdAt: expected a number`);
    if (typeof n.z !== 'string' || !isFractionalIndex(n.z)) problem(`${at}.z: expected a stacking key`);
    if (n.horizon !== null && n.horizon !== undefined && !HORIZONS.includes(n.horizon as Horizon)) {
      problem(`${at}.horizon: unknown horizon ${JSON.stringify(n.horizon)}`);
    }
  });

  const linkIds = new Set<string>();
  links.forEach((raw: unknown, i) => {
    const at = `links[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      problem(`${at}: expected an object`);
      return;
    }
    const l = raw as Record<string, unknown>;
    if (typeof l.id !== 'string' || l.id === '' || l.id.length > 64)
      problem(`${at}.id: expected an id string`);
    else if (linkIds.has(l.id)) problem(`${at}.id: "${l.id}" appears twice`);
    else linkIds.add(l.id);
    for (const end of ['from', 'to'] as const) {
      if (typeof l[end] !== 'string') problem(`${at}.${end}: expected a note id`);
      else if (!ids.has(l[end] as string)) problem(`${at}.${end}: no note "${String(l[end])}" in the file`);
    }
    if (l.from === l.to && typeof l.from === 'string') problem(`${at}: a note cannot depend on itself`);
    if (l.label !== undefined && typeof l.label !== 'string') problem(`${at}.label: expected a string`);
  });

  if (v.voteRounds !== undefined) {
    if (!Array.isArray(v.voteRounds) || v.voteRounds.length > MAX_VOTE_ROUNDS) {
      problem(`voteRounds: expected an array of at most ${MAX_VOTE_ROUNDS} rounds`);
    } else {
      v.voteRounds.forEach((round: unknown, i) => {
        if (!parseVoteRound(round)) problem(`voteRounds[${i}]: expected a revealed vote round`);
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
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
 * Every note, one row each, with its layer and area and its dots in the last revealed vote (`votes`);
 * CRLF line ends, as RFC 4180 asks.
 */
export function boardCsv(board: BoardSnapshot): string {
  const rows = [CSV_COLUMNS.join(',')];
  const totals = board.voteRounds[board.voteRounds.length - 1]?.totals ?? {};
  for (const note of exportBoard(board).notes) {
    const votes = totals[note.id]?.dots ?? 0;
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
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------
// Markdown

const STATE_LABEL: Readonly<Record<CellState, string>> = {
  empty: 'gap',
  exploring: 'exploring',
  decided: 'decided',
  contested: 'contested',
};

/** Text on one line, with Markdown's active characters escaped. */
function mdInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function noteLine(note: Note): string {
  const who = [note.author, note.department].filter(Boolean).join(', ');
  return `${mdInline(note.text) || '(empty note)'}${who ? ` (${mdInline(who)})` : ''}`;
}

/**
 * The workshop report: coverage, then per layer and area the decisions, open questions, risks and
 * gaps, then dependencies and their problems, then the roadmap.
 */
export function boardMarkdown(board: BoardSnapshot): string {
  const projector = createProjector(board.zones);
  const placements = new Map(board.notes.map((n) => [n.id, projector.placeNote(n)]));
  const coverage = computeCoverage(board.notes, board.zones, placements);
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const label = (id: string) => {
    const note = byId.get(id);
    if (!note) return `(missing note ${mdInline(id)})`;
    const where = placements.get(id);
    const cell = where
      ? `${getLayer(where.layer).name}${where.area ? ` / ${getArea(where.area).name}` : ''}`
      : 'off the board';
    return `${mdInline(note.text) || '(empty note)'} [${cell}]`;
  };

  const out: string[] = [];
  out.push(`# ${mdInline(board.meta.title) || 'Untitled board'}`, '');
  out.push(
    `Coverage: ${formatCoverage(coverage.score)} (${coverage.counts.decided} decided, ${coverage.counts.contested} contested, ` +
      `${coverage.counts.exploring} exploring, ${coverage.counts.empty} gaps of 30 cells); ` +
      `${board.notes.length} notes, ${board.links.length} dependencies.`,
    '',
  );
  // The states are explained where they are first used: "contested" is no everyday word.
  out.push(
    'Cell states: ' +
      (['decided', 'contested', 'exploring', 'empty'] as const)
        .map((state) => `${STATE_LABEL[state]}: ${CELL_STATE_MEANING[state]}`)
        .join('; ') +
      '.',
    '',
  );
  out.push('| layer | score | ' + AREAS.map((a) => a.name).join(' | ') + ' |');
  out.push('|---|--:|' + AREAS.map(() => '---').join('|') + '|');
  for (const layer of coverage.layers) {
    out.push(
      `| ${getLayer(layer.layer).name} | ${formatCoverage(layer.score)} | ` +
        layer.cells.map((c) => STATE_LABEL[c.state]).join(' | ') +
        ' |',
    );
  }
  out.push('');

  for (const layer of coverage.layers) {
    out.push(`## ${getLayer(layer.layer).name}`, '');
    for (const cell of layer.cells) {
      out.push(`### ${getArea(cell.area).name} (${STATE_LABEL[cell.state]})`, '');
      if (cell.state === 'empty') {
        out.push(`Gap: ${mdInline(cellPrompt(cell.layer, cell.area))}`, '');
        continue;
      }
      const notes = cell.noteIds.map((id) => byId.get(id)!);
      const section = (title: string, kind: NoteKind) => {
        const items = notes.filter((n) => n.kind === kind);
        if (items.length === 0) return;
        out.push(`${title}:`, '', ...items.map((n) => `- ${noteLine(n)}`), '');
      };
      section('Decisions', 'decision');
      section('Open questions', 'question');
      section('Risks', 'risk');
      section('Ideas', 'idea');
    }
    if (layer.unsortedNoteIds.length > 0) {
      out.push(
        'Not in an area yet:',
        '',
        ...layer.unsortedNoteIds.map((id) => `- ${noteLine(byId.get(id)!)}`),
        '',
      );
    }
  }

  out.push('## Dependencies', '');
  if (board.links.length === 0) out.push('None recorded.', '');
  else {
    for (const link of board.links) {
      const because = link.label ? `: ${mdInline(link.label)}` : '';
      out.push(`- ${label(link.from)} affects ${label(link.to)}${because}`);
    }
    out.push('');
  }
  const issues = dependencyIssues(board.notes, board.links);
  if (issues.length > 0) {
    out.push('Problems:', '');
    for (const issue of issues) {
      if (issue.kind === 'openQuestion') {
        out.push(
          `- The decision ${label(issue.decision)} depends on an open question: ${label(issue.question)}`,
        );
      } else if (issue.kind === 'danglingLink') {
        out.push(`- A dependency (${mdInline(issue.link)}) has lost its ${issue.missing.join(' and ')} note`);
      } else {
        out.push(`- A cycle: ${issue.notes.map(label).join(' → ')} → back to the first`);
      }
    }
    out.push('');
  }

  out.push('## Roadmap', '');
  const roadmap = buildRoadmap(board.notes, board.zones, board.links, placements);
  out.push('| layer | ' + HORIZONS.join(' | ') + ' | not planned |');
  out.push('|---|' + HORIZONS.map(() => '---').join('|') + '|---|');
  for (const lane of roadmap.lanes) {
    const cell = (ids: string[]) => ids.map((id) => mdInline(byId.get(id)!.text)).join('<br>') || '–';
    out.push(
      `| ${getLayer(lane.layer).name} | ` +
        HORIZONS.map((h) => cell(lane.byHorizon[h])).join(' | ') +
        ` | ${cell(lane.unplanned)} |`,
    );
  }
  out.push('');
  if (roadmap.warnings.length > 0) {
    out.push('Planned too early:', '');
    for (const w of roadmap.warnings) {
      out.push(
        `- ${label(w.note)} is planned for ${w.noteHorizon} but depends on ${label(w.dependency)}, ` +
          (w.dependencyHorizon ? `planned for ${w.dependencyHorizon}` : 'not planned'),
      );
    }
    out.push('');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
