import { computeCoverage, type CellState } from './coverage';
import { cellPrompt, getArea, getLayer, type AreaId, type Horizon, type LayerId } from './framework';
import { compareBoards } from './iterations';
import { createProjector, type Placement } from './projection';
import { buildRoadmap } from './roadmap';
import { isBlankText, type BoardSnapshot, type Note } from './schema';

/**
 * The consistency review of the whole stack: what still stands between the board and a consistent set
 * of decisions, as the review step of the guided workshop lists it. Five kinds of item, each carrying
 * the cell and the notes to jump to:
 *
 * - `emptyCell`: a cell with no note yet (coverage's gap);
 * - `openQuestion`: a question that a decision in ANOTHER layer depends on, directly or through other
 *   notes (links run from what affects to what is affected, so the decision is reachable from the
 *   question); a same-layer one is the dependency panel's business, and is not repeated here;
 * - `contestedCell`: coverage's `contested` state, precisely: a cell holding at least one decision and,
 *   beside it, at least one open question or risk that still challenges it;
 * - `horizonConflict`: a decision planned on the roadmap before a decision in another layer that it
 *   depends on (planned later, or not at all): the roadmap's "planned too early", between layers;
 * - `changedCell`: a cell whose notes or state differ from the last saved iteration (only when one is
 *   given).
 *
 * Notes without words cover nothing (as in coverage) and take part in none of the checks.
 */

export interface ReviewCell {
  layer: LayerId;
  area: AreaId;
}

interface ReviewItemBase {
  /** Where to jump: the cell to show (null for a note outside every area). */
  cell: ReviewCell | null;
  /** The notes to select, the main one first. */
  noteIds: string[];
  /** The dependencies to highlight. */
  linkIds: string[];
  /** One line in plain words. */
  text: string;
}

export interface EmptyCellItem extends ReviewItemBase {
  kind: 'emptyCell';
  cell: ReviewCell;
  /** The cell's question, to start the talk. */
  prompt: string;
}

export interface OpenQuestionItem extends ReviewItemBase {
  kind: 'openQuestion';
  question: string;
  decision: string;
  /** 1 when the decision links straight to the question, more through other notes. */
  depth: number;
}

export interface ContestedCellItem extends ReviewItemBase {
  kind: 'contestedCell';
  cell: ReviewCell;
  decisions: string[];
  /** The open questions and risks in the cell. */
  challengers: string[];
}

export interface HorizonConflictItem extends ReviewItemBase {
  kind: 'horizonConflict';
  decision: string;
  decisionHorizon: Horizon;
  dependency: string;
  /** Null: the dependency is not planned at all. */
  dependencyHorizon: Horizon | null;
  link: string;
}

export interface ChangedCellItem extends ReviewItemBase {
  kind: 'changedCell';
  cell: ReviewCell;
  stateThen: CellState;
  stateNow: CellState;
  added: string[];
  removed: string[];
}

export type ReviewItem =
  EmptyCellItem | OpenQuestionItem | ContestedCellItem | HorizonConflictItem | ChangedCellItem;

export interface ConsistencyReview {
  /** Layer by layer, area by area. */
  emptyCells: EmptyCellItem[];
  /** Question by question in painting order, nearest decision first. */
  openQuestions: OpenQuestionItem[];
  /** Layer by layer, area by area. */
  contestedCells: ContestedCellItem[];
  /** In link order. */
  horizonConflicts: HorizonConflictItem[];
  /** Null when there is no iteration to compare with; else layer by layer, area by area. */
  changedCells: ChangedCellItem[] | null;
  /** All items together. */
  total: number;
}

/** Cap on the notes a question's dependants are searched through: bounds the review on huge boards. */
const MAX_QUESTION_REACH = 2000;

/** A note's text as the review quotes it: one line, at most 60 characters. */
function quote(note: Note | undefined): string {
  if (!note) return '(a deleted note)';
  const line = note.text.replace(/\s+/g, ' ').trim();
  return `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`;
}

function cellName(cell: ReviewCell): string {
  return `${getLayer(cell.layer).name} / ${getArea(cell.area).name}`;
}

function cellOf(placement: Placement | null | undefined): ReviewCell | null {
  return placement && placement.area !== null ? { layer: placement.layer, area: placement.area } : null;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Reviews the whole stack for consistency. `lastIteration` (the newest saved iteration, read with
 * `snapshotFromUpdate`) adds the cells changed since; without it `changedCells` is null.
 */
export function consistencyReview(
  board: Pick<BoardSnapshot, 'notes' | 'zones' | 'links'>,
  lastIteration?: Pick<BoardSnapshot, 'notes' | 'zones' | 'links'> | null,
): ConsistencyReview {
  const notes = board.notes.filter((n) => !isBlankText(n.text));
  const byId = new Map(notes.map((n) => [n.id, n]));
  const projector = createProjector(board.zones);
  const placements = new Map(notes.map((n) => [n.id, projector.placeNote(n)]));
  const coverage = computeCoverage(notes, board.zones, placements);

  const emptyCells: EmptyCellItem[] = coverage.gaps.map((cell) => ({
    kind: 'emptyCell',
    cell,
    noteIds: [],
    linkIds: [],
    prompt: cellPrompt(cell.layer, cell.area),
    text: `${cellName(cell)} is still empty`,
  }));

  const contestedCells: ContestedCellItem[] = [];
  for (const layer of coverage.layers) {
    for (const c of layer.cells) {
      if (c.state !== 'contested') continue;
      const cellNotes = c.noteIds.map((id) => byId.get(id)!);
      const decisions = cellNotes.filter((n) => n.kind === 'decision').map((n) => n.id);
      const challengers = cellNotes
        .filter((n) => n.kind === 'question' || n.kind === 'risk')
        .map((n) => n.id);
      const cell = { layer: c.layer, area: c.area };
      contestedCells.push({
        kind: 'contestedCell',
        cell,
        decisions,
        challengers,
        noteIds: [...decisions, ...challengers],
        linkIds: [],
        text:
          `${cellName(cell)}: ${plural(decisions.length, 'decision', 'decisions')} challenged by ` +
          [
            c.byKind.question > 0 ? plural(c.byKind.question, 'open question', 'open questions') : '',
            c.byKind.risk > 0 ? plural(c.byKind.risk, 'risk', 'risks') : '',
          ]
            .filter(Boolean)
            .join(' and '),
      });
    }
  }

  const layerOf = (id: string) => placements.get(id)?.layer ?? null;
  const openQuestions = questionsAcrossLayers(notes, board.links, byId, layerOf, (id) =>
    cellOf(placements.get(id)),
  );

  const roadmap = buildRoadmap(notes, board.zones, board.links, placements);
  const horizonConflicts: HorizonConflictItem[] = [];
  for (const w of roadmap.warnings) {
    const decision = byId.get(w.note)!;
    const dependency = byId.get(w.dependency)!;
    if (decision.kind !== 'decision' || dependency.kind !== 'decision') continue;
    const a = layerOf(decision.id);
    const b = layerOf(dependency.id);
    if (a === null || b === null || a === b) continue;
    horizonConflicts.push({
      kind: 'horizonConflict',
      decision: decision.id,
      decisionHorizon: w.noteHorizon,
      dependency: dependency.id,
      dependencyHorizon: w.dependencyHorizon,
      link: w.link,
      cell: cellOf(placements.get(decision.id)),
      noteIds: [decision.id, dependency.id],
      linkIds: [w.link],
      text:
        `${quote(decision)} (${getLayer(a).name}) is planned for ${w.noteHorizon} but depends on ` +
        `${quote(dependency)} (${getLayer(b).name}), ` +
        (w.dependencyHorizon ? `planned for ${w.dependencyHorizon}` : 'not planned'),
    });
  }

  let changedCells: ChangedCellItem[] | null = null;
  if (lastIteration) {
    const then = { ...lastIteration, notes: lastIteration.notes.filter((n) => !isBlankText(n.text)) };
    const comparison = compareBoards(
      { meta: { schema: 1, title: '', createdAt: 0 }, voteRounds: [], ...then },
      { meta: { schema: 1, title: '', createdAt: 0 }, voteRounds: [], ...board, notes },
    );
    changedCells = comparison.cells
      .filter((c) => c.changed)
      .map((c) => {
        const before = new Set(c.then.noteIds);
        const after = new Set(c.now.noteIds);
        const added = c.now.noteIds.filter((id) => !before.has(id));
        const removed = c.then.noteIds.filter((id) => !after.has(id));
        const cell = { layer: c.layer, area: c.area };
        const parts = [
          added.length > 0 ? `${added.length} added` : '',
          removed.length > 0 ? `${removed.length} removed` : '',
          c.then.state !== c.now.state ? `${c.then.state} → ${c.now.state}` : '',
        ].filter(Boolean);
        return {
          kind: 'changedCell' as const,
          cell,
          stateThen: c.then.state,
          stateNow: c.now.state,
          added,
          removed,
          noteIds: added,
          linkIds: [],
          text: `${cellName(cell)} changed since the last iteration${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`,
        };
      });
  }

  return {
    emptyCells,
    openQuestions,
    contestedCells,
    horizonConflicts,
    changedCells,
    total:
      emptyCells.length +
      openQuestions.length +
      contestedCells.length +
      horizonConflicts.length +
      (changedCells?.length ?? 0),
  };
}

/**
 * For each question, the decisions in other layers that depend on it, breadth-first along the links
 * (so the nearest first, each with the links of the shortest way to it).
 */
function questionsAcrossLayers(
  notes: readonly Note[],
  links: BoardSnapshot['links'],
  byId: ReadonlyMap<string, Note>,
  layerOf: (id: string) => LayerId | null,
  cellOfNote: (id: string) => ReviewCell | null,
): OpenQuestionItem[] {
  const next = new Map<string, { to: string; link: string }[]>();
  for (const link of links) {
    if (!byId.has(link.from) || !byId.has(link.to) || link.from === link.to) continue;
    const list = next.get(link.from);
    if (list) list.push({ to: link.to, link: link.id });
    else next.set(link.from, [{ to: link.to, link: link.id }]);
  }
  const items: OpenQuestionItem[] = [];
  for (const question of notes) {
    if (question.kind !== 'question' || !next.has(question.id)) continue;
    const from = layerOf(question.id);
    if (from === null) continue;
    const via = new Map<string, { parent: string; link: string; depth: number }>();
    let frontier = [question.id];
    for (let depth = 1; frontier.length > 0 && via.size < MAX_QUESTION_REACH; depth++) {
      const following: string[] = [];
      for (const id of frontier) {
        for (const edge of next.get(id) ?? []) {
          if (edge.to === question.id || via.has(edge.to)) continue;
          via.set(edge.to, { parent: id, link: edge.link, depth });
          following.push(edge.to);
        }
      }
      frontier = following;
    }
    for (const [id, step] of via) {
      const decision = byId.get(id)!;
      const to = layerOf(id);
      if (decision.kind !== 'decision' || to === null || to === from) continue;
      const linkIds: string[] = [];
      for (let at: string = id; at !== question.id; at = via.get(at)!.parent)
        linkIds.unshift(via.get(at)!.link);
      items.push({
        kind: 'openQuestion',
        question: question.id,
        decision: id,
        depth: step.depth,
        cell: cellOfNote(question.id),
        noteIds: [question.id, id],
        linkIds,
        text:
          `${quote(decision)} (${getLayer(to).name}) depends on the open question ${quote(question)} ` +
          `(${getLayer(from).name})${step.depth > 1 ? `, through ${plural(step.depth - 1, 'other note', 'other notes')}` : ''}`,
      });
    }
  }
  return items;
}

/** Every item of a review in one list, in the order the review step shows them. */
export function reviewItems(review: ConsistencyReview): ReviewItem[] {
  return [
    ...review.openQuestions,
    ...review.horizonConflicts,
    ...review.contestedCells,
    ...review.emptyCells,
    ...(review.changedCells ?? []),
  ];
}
