import {
  ACTIVITY_NAMES,
  scopeName,
  type AgendaActivity,
  type AgendaScope,
  type AgendaState,
  type CoverageMark,
  coverageMark,
} from './agendaModel';
import { consistencyReview, reviewItems, type ConsistencyReview, type ReviewItem } from './consistencyReview';
import { computeCoverage, formatCoverage } from './coverage';
import { getLayer, LAYER_IDS, LAYERS, type LayerId } from './framework';
import { mdInline, reportTime } from './markdownText';
import type { BoardSnapshot } from './schema';
import type { VoteRound } from './voteRounds';
import { roundOf, voteResults, type VoteResults } from './voting';

/**
 * The summary after the agenda's last step: where the time went against the plan, layer by layer; the
 * coverage when the run started and now; the results of the votes its steps opened; and what is still
 * open (the consistency review). Built from a board snapshot and the agenda alone, so that the report
 * the server exports and the one the app shows agree.
 */

/** One step as the summary counts it. */
export interface SummaryStep {
  stepId: string;
  scope: AgendaScope;
  activity: AgendaActivity;
  /** Its timebox when it began, or its timebox in the agenda when it never ran. */
  plannedMs: number;
  extendedMs: number;
  spentMs: number;
  visits: number;
  /** False for a step the run never reached (finished early). */
  ran: boolean;
}

/** Time on one layer's steps (or the whole board's, `layer: 'board'`). */
export interface LayerTime {
  layer: LayerId | 'board';
  plannedMs: number;
  extendedMs: number;
  spentMs: number;
  /** Steps on it, and how many of them never ran. */
  steps: number;
  skipped: number;
}

/** A vote a step of the agenda opened and the server revealed. */
export interface SummaryVote {
  stepId: string;
  round: VoteRound;
  results: VoteResults;
}

export interface AgendaSummary {
  startedAt: number;
  /** Null while the run is still going. */
  finishedAt: number | null;
  plannedMs: number;
  spentMs: number;
  /** The steps that ran, in the order they first ran, then those that never did, in agenda order. */
  steps: SummaryStep[];
  /** The five layers in framework order, then the whole board; only those with steps. */
  layers: LayerTime[];
  coverage: { then: CoverageMark; now: CoverageMark };
  votes: SummaryVote[];
  /** What is left open. */
  open: ConsistencyReview;
}

/**
 * The summary of an agenda's run on a board; null when the agenda never ran. `lastIteration` adds the
 * cells changed since it to what is left open.
 */
export function agendaSummary(
  board: BoardSnapshot,
  agenda: AgendaState,
  lastIteration?: BoardSnapshot | null,
): AgendaSummary | null {
  const run = agenda.run;
  if (!run) return null;
  const ran = new Set(run.records.map((r) => r.stepId));
  const steps: SummaryStep[] = [
    ...run.records.map((r) => ({
      stepId: r.stepId,
      scope: r.scope,
      activity: r.activity,
      plannedMs: r.plannedMs,
      extendedMs: r.extendedMs,
      spentMs: r.spentMs,
      visits: r.visits,
      ran: true,
    })),
    ...agenda.steps
      .filter((s) => !ran.has(s.id))
      .map((s) => ({
        stepId: s.id,
        scope: s.scope,
        activity: s.activity,
        plannedMs: s.timeboxMs,
        extendedMs: 0,
        spentMs: 0,
        visits: 0,
        ran: false,
      })),
  ];
  const byLayer = new Map<LayerId | 'board', LayerTime>();
  for (const step of steps) {
    const key = step.scope.kind === 'board' ? 'board' : step.scope.layer;
    let time = byLayer.get(key);
    if (!time)
      byLayer.set(
        key,
        (time = { layer: key, plannedMs: 0, extendedMs: 0, spentMs: 0, steps: 0, skipped: 0 }),
      );
    time.plannedMs += step.plannedMs;
    time.extendedMs += step.extendedMs;
    time.spentMs += step.spentMs;
    time.steps += 1;
    if (!step.ran) time.skipped += 1;
  }
  const layers = [...LAYER_IDS, 'board' as const].flatMap((key) => byLayer.get(key) ?? []);
  const votes: SummaryVote[] = [];
  for (const record of run.records) {
    for (const voteId of record.voteIds) {
      const round = roundOf(board.voteRounds, voteId);
      if (round) votes.push({ stepId: record.stepId, round, results: voteResults(board.notes, round) });
    }
  }
  votes.sort((a, b) => a.round.revealedAt - b.round.revealedAt);
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    plannedMs: steps.reduce((sum, s) => sum + s.plannedMs, 0),
    spentMs: steps.reduce((sum, s) => sum + s.spentMs, 0),
    steps,
    layers,
    coverage: { then: run.coverageAtStart, now: coverageMark(computeCoverage(board.notes, board.zones)) },
    votes,
    open: consistencyReview(board, lastIteration),
  };
}

/** A span of time as the summary prints it: "45 s", "12 min", "2 h 05 min". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const layerName = (layer: LayerId | 'board') => (layer === 'board' ? 'Whole stack' : getLayer(layer).name);

/** The most items of each kind the Markdown lists before saying how many more there are. */
const MAX_LISTED = 15;

function listItems(title: string, items: readonly ReviewItem[]): string[] {
  if (items.length === 0) return [];
  const out = [`${title}:`, '', ...items.slice(0, MAX_LISTED).map((item) => `- ${mdInline(item.text)}`)];
  if (items.length > MAX_LISTED) out.push(`- and ${items.length - MAX_LISTED} more`);
  out.push('');
  return out;
}

/**
 * The summary as a section of the workshop report ("## Guided workshop"): the time table, coverage then
 * and now, each vote's top notes, and what is left open.
 */
export function agendaSummaryMarkdown(summary: AgendaSummary): string {
  const out: string[] = ['## Guided workshop', ''];
  const ranCount = summary.steps.filter((s) => s.ran).length;
  out.push(
    `Started ${reportTime(summary.startedAt)}` +
      (summary.finishedAt !== null ? `, finished ${reportTime(summary.finishedAt)}` : ', still running') +
      `: ${formatDuration(summary.spentMs)} spent of ${formatDuration(summary.plannedMs)} planned; ` +
      `${ranCount} of ${plural(summary.steps.length, 'step', 'steps')} run.`,
    '',
  );
  out.push('| layer | planned | spent | extended | steps |', '|---|--:|--:|--:|--:|');
  for (const t of summary.layers) {
    const skipped = t.skipped > 0 ? ` (${t.skipped} not run)` : '';
    out.push(
      `| ${layerName(t.layer)} | ${formatDuration(t.plannedMs)} | ${formatDuration(t.spentMs)} | ` +
        `${t.extendedMs > 0 ? formatDuration(t.extendedMs) : '–'} | ${t.steps}${skipped} |`,
    );
  }
  out.push('');
  const { then, now } = summary.coverage;
  out.push(
    `Coverage: ${formatCoverage(then.score)} at the start, ${formatCoverage(now.score)} now ` +
      `(decided cells ${then.counts.decided} → ${now.counts.decided}, gaps ${then.counts.empty} → ${now.counts.empty}).`,
    '',
    '| layer | at the start | now |',
    '|---|--:|--:|',
    ...LAYERS.map(
      (l) => `| ${l.name} | ${formatCoverage(then.layers[l.id])} | ${formatCoverage(now.layers[l.id])} |`,
    ),
    '',
  );
  out.push('### Votes of the agenda', '');
  if (summary.votes.length === 0) out.push('No vote of the agenda was revealed.', '');
  for (const vote of summary.votes) {
    const step = summary.steps.find((s) => s.stepId === vote.stepId);
    const what = step ? `${scopeName(step.scope)} · ${ACTIVITY_NAMES[step.activity]}` : 'A removed step';
    const top = vote.results.notes
      .slice(0, 3)
      .map((v) => `${v.rank}. ${mdInline(v.note.text) || '(empty note)'} (${plural(v.dots, 'dot', 'dots')})`);
    out.push(
      `- ${what}: ${plural(vote.results.voters, 'person', 'people')} voted` +
        (top.length > 0 ? `; ${top.join('; ')}` : '; no dot was placed'),
    );
  }
  if (summary.votes.length > 0) out.push('');
  out.push('### Left open', '');
  const open = summary.open;
  if (reviewItems(open).length === 0) out.push('Nothing: the stack is consistent.', '');
  out.push(
    ...listItems('Open questions that decisions in other layers depend on', open.openQuestions),
    ...listItems('Decisions planned before what they depend on', open.horizonConflicts),
    ...listItems('Contested cells', open.contestedCells),
    ...listItems('Empty cells', open.emptyCells),
    ...listItems('Changed since the last iteration', open.changedCells ?? []),
  );
  return `${out.join('\n').trimEnd()}\n`;
}
