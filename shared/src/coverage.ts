import { AREA_IDS, LAYER_IDS, NOTE_KINDS, type AreaId, type LayerId, type NoteKind } from './framework';
import { createProjector, type Placement } from './projection';
import { isBlankText, type Note, type Zone } from './schema';

/**
 * Where a cell of the 5 x 6 model stands:
 * - `empty`: no note at all, a gap;
 * - `exploring`: notes, but no decision yet;
 * - `decided`: at least one decision, and no open question or risk beside it;
 * - `contested`: decisions, but open questions or risks beside them.
 */
export type CellState = 'empty' | 'exploring' | 'decided' | 'contested';
export const CELL_STATES: readonly CellState[] = ['empty', 'exploring', 'decided', 'contested'];

/**
 * What each state means, in the words every view uses to explain it (a tooltip, a legend, the export):
 * "contested" in particular is no everyday word.
 */
export const CELL_STATE_MEANING: Readonly<Record<CellState, string>> = {
  empty: 'no note yet: the question of this cell is still open',
  exploring: 'ideas or questions, but no decision yet',
  decided: 'a decision, with no open question or risk beside it',
  contested: 'a decision, but an open question or a risk in the same cell still challenges it',
};

/** What a cell's state is worth towards its layer's score (a decided cell counts fully). */
export const STATE_WEIGHT: Readonly<Record<CellState, number>> = {
  empty: 0,
  exploring: 0.5,
  contested: 0.5,
  decided: 1,
};

export interface CellCoverage {
  layer: LayerId;
  area: AreaId;
  state: CellState;
  /** The cell's note ids, in the order given. */
  noteIds: string[];
  byKind: Record<NoteKind, number>;
  /** Notes per contributing department. */
  byDepartment: Record<string, number>;
  /** Distinct authors. */
  authors: string[];
}

export interface LayerCoverage {
  layer: LayerId;
  /** Six cells, in the framework's area order. */
  cells: CellCoverage[];
  /** Notes inside the layer's canvas but in none of its areas. */
  unsortedNoteIds: string[];
  /** 0 to 100: the cells' state weights, averaged. */
  score: number;
  counts: Record<CellState, number>;
}

export interface Coverage {
  /** Five layers, in the framework's order. */
  layers: LayerCoverage[];
  /** Notes outside every layer canvas. */
  offBoardNoteIds: string[];
  /** 0 to 100: the layers' scores, averaged. */
  score: number;
  counts: Record<CellState, number>;
  /** The empty cells, layer by layer, area by area. */
  gaps: { layer: LayerId; area: AreaId }[];
}

type CoverageNote = Pick<Note, 'id' | 'x' | 'y' | 'w' | 'h' | 'text' | 'kind' | 'department' | 'author'>;

function zeroKinds(): Record<NoteKind, number> {
  return { idea: 0, question: 0, decision: 0, risk: 0 };
}

function zeroStates(): Record<CellState, number> {
  return { empty: 0, exploring: 0, decided: 0, contested: 0 };
}

/** The state of a cell holding notes of these kinds. */
export function cellState(byKind: Readonly<Record<NoteKind, number>>): CellState {
  let total = 0;
  for (const kind of NOTE_KINDS) total += byKind[kind];
  if (total === 0) return 'empty';
  if (byKind.decision === 0) return 'exploring';
  return byKind.question + byKind.risk > 0 ? 'contested' : 'decided';
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * A coverage score (0 to 100) as every view shows it: whole percent, "63%". One formatter, so that the
 * canvas, the panels, the grid, the phone, the report and the exports never disagree (63% vs 63.4%).
 */
export function formatCoverage(score: number): string {
  return `${Math.round(score)}%`;
}

/**
 * Coverage of the board as the 5 x 6 model: per cell its notes by kind, contributors and its
 * state; per layer and for the whole board a score and the count of cells in each state; and the gaps.
 * A note without words (empty, or only whitespace: one just added, or left empty) covers nothing and
 * is left out, so its cell stays a gap with its question showing. `placements` may be passed when the
 * caller has projected the notes already.
 */
export function computeCoverage(
  notes: readonly CoverageNote[],
  zones: readonly Zone[],
  placements?: ReadonlyMap<string, Placement | null>,
): Coverage {
  const cells = new Map<string, CellCoverage>();
  const layers: LayerCoverage[] = LAYER_IDS.map((layer) => {
    const layerCells = AREA_IDS.map((area) => {
      const cell: CellCoverage = {
        layer,
        area,
        state: 'empty',
        noteIds: [],
        byKind: zeroKinds(),
        byDepartment: {},
        authors: [],
      };
      cells.set(`${layer}:${area}`, cell);
      return cell;
    });
    return { layer, cells: layerCells, unsortedNoteIds: [], score: 0, counts: zeroStates() };
  });
  const byLayer = new Map(layers.map((l) => [l.layer, l]));
  const authors = new Map<CellCoverage, Set<string>>();
  // Placements are shared objects (one per zone), so the cell of each is looked up once.
  const cellOf = new Map<Placement, CellCoverage | null>();
  const offBoardNoteIds: string[] = [];

  const projector = placements ? null : createProjector(zones);
  for (const note of notes) {
    if (isBlankText(note.text)) continue;
    const placement = placements ? (placements.get(note.id) ?? null) : projector!.placeNote(note);
    if (!placement) {
      offBoardNoteIds.push(note.id);
      continue;
    }
    if (placement.area === null) {
      byLayer.get(placement.layer)?.unsortedNoteIds.push(note.id);
      continue;
    }
    let cell = cellOf.get(placement);
    if (cell === undefined) {
      cell = cells.get(`${placement.layer}:${placement.area}`) ?? null;
      cellOf.set(placement, cell);
    }
    if (!cell) continue;
    cell.noteIds.push(note.id);
    cell.byKind[note.kind] += 1;
    cell.byDepartment[note.department] = (cell.byDepartment[note.department] ?? 0) + 1;
    let cellAuthors = authors.get(cell);
    if (!cellAuthors) authors.set(cell, (cellAuthors = new Set()));
    cellAuthors.add(note.author);
  }

  const counts = zeroStates();
  const gaps: Coverage['gaps'] = [];
  for (const layer of layers) {
    let weight = 0;
    for (const cell of layer.cells) {
      cell.state = cellState(cell.byKind);
      cell.authors = [...(authors.get(cell) ?? [])].sort();
      layer.counts[cell.state] += 1;
      counts[cell.state] += 1;
      weight += STATE_WEIGHT[cell.state];
      if (cell.state === 'empty') gaps.push({ layer: cell.layer, area: cell.area });
    }
    layer.score = round1((weight / layer.cells.length) * 100);
  }
  const score = round1(layers.reduce((sum, l) => sum + l.score, 0) / layers.length);
  return { layers, offBoardNoteIds, score, counts, gaps };
}

/** The coverage of one cell. */
export function cellCoverage(coverage: Coverage, layer: LayerId, area: AreaId): CellCoverage {
  const cell = coverage.layers.find((l) => l.layer === layer)?.cells.find((c) => c.area === area);
  if (!cell) throw new Error(`no cell ${layer}:${area}`);
  return cell;
}
