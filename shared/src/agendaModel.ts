import {
  AREA_IDS,
  getArea,
  getLayer,
  isAreaId,
  isLayerId,
  LAYER_IDS,
  type AreaId,
  type LayerId,
} from './framework';
import type { CellState, Coverage } from './coverage';
import type { Focus, TimerState } from './session';
import { isDotsPerPerson } from './voteRounds';

/**
 * The guided workshop's data: the agenda (the session's `agenda` value) and its run (the session's
 * `agendaRun` value), their types, limits and validated reading. Imports nothing of the document's
 * modules, so that the board snapshot (schema.ts) can read them too; the commands live in agenda.ts,
 * the runner in agendaRunner.ts.
 */

/** What a step asks the room to do. */
export const AGENDA_ACTIVITIES = [
  'silentBrainstorm',
  'discussion',
  'dotVote',
  'gapReview',
  'consistencyReview',
  'roadmap',
] as const;
export type AgendaActivity = (typeof AGENDA_ACTIVITIES)[number];

/** Each activity's name, as every view shows it ("Step 4 of 17 · Embedded software · Vote"). */
export const ACTIVITY_NAMES: Readonly<Record<AgendaActivity, string>> = {
  silentBrainstorm: 'Silent brainstorm',
  discussion: 'Discussion',
  dotVote: 'Vote',
  gapReview: 'Gap review',
  consistencyReview: 'Consistency review',
  roadmap: 'Roadmap',
};

/** What a step is about: the whole board, one layer, or one cell (a layer's area). */
export type AgendaScope =
  { kind: 'board' } | { kind: 'layer'; layer: LayerId } | { kind: 'cell'; layer: LayerId; area: AreaId };

/** One step of the agenda. */
export interface AgendaStep {
  id: string;
  scope: AgendaScope;
  activity: AgendaActivity;
  /** How long the step is planned to take, in ms (1 s to 4 h). */
  timeboxMs: number;
  /** A dot vote's allowance per person (1 to 20); null for every other activity. */
  dotsPerPerson: number | null;
  /** Whether the board saves an iteration named after the step when it ends (by Next or Finish). */
  saveIteration: boolean;
}

/** The most steps an agenda may hold: a long workshop day is about 40. */
export const MAX_AGENDA_STEPS = 60;
/** The shortest and longest step (the timer's own limits: a step's timebox is its timer). */
export const MIN_STEP_MS = 1000;
export const MAX_STEP_MS = 4 * 60 * 60 * 1000;
/** The longest agenda: a workshop day with room for overruns. */
export const MAX_AGENDA_MS = 12 * 60 * 60 * 1000;
/** The longest id a step may have (ids are random strings made on the client). */
export const MAX_STEP_ID = 64;
/** The dots a new vote step gets unless told otherwise. */
export const DEFAULT_DOTS_PER_PERSON = 3;

/** Coverage as the run remembers it: the score, each layer's score, and the cells in each state. */
export interface CoverageMark {
  score: number;
  layers: Record<LayerId, number>;
  counts: Record<CellState, number>;
}

/**
 * What the run has set in the session, so that a step undoes only that: each entry is the value the
 * agenda wrote, and it counts as the agenda's only while the session still holds exactly it (a focus or
 * timer the facilitator changed by hand is theirs, and stays).
 */
export interface AgendaApplied {
  focus: Focus | null;
  /** The `since` of the silent mode the agenda started. */
  silentSince: number | null;
  /** The vote the agenda opened: kept while it stays on the board, revealed or not. */
  voteId: string | null;
  timer: TimerState | null;
}

/** What one step took, for the summary; kept even if the step is later removed from the agenda. */
export interface StepRecord {
  stepId: string;
  scope: AgendaScope;
  activity: AgendaActivity;
  /** The timebox when the step first began. */
  plannedMs: number;
  /** Time added with Extend, over all its visits. */
  extendedMs: number;
  /** Time it ran, over all its visits, pauses left out. */
  spentMs: number;
  /** How often it began (Back makes a step run again). */
  visits: number;
  /** The votes it opened, oldest first. */
  voteIds: string[];
}

/**
 * A run of the agenda, timed on the server's clock like the timer. While `running` the step ends at
 * `endsAt`; while `paused` it has `remainingMs` left. `finished` keeps the records for the summary.
 */
export interface AgendaRun {
  status: 'running' | 'paused' | 'finished';
  /** The facilitator who started it. */
  by: string;
  startedAt: number;
  finishedAt: number | null;
  /** The running step; null once finished. */
  stepId: string | null;
  /** Where that step stood when it began: where the run goes on if someone deletes it meanwhile. */
  index: number;
  /** When the running step (this visit of it) began. */
  stepStartedAt: number;
  /** When the step's current stretch began (its start, or its last resume). */
  stretchStartedAt: number;
  /** The step's planned end (running). */
  endsAt: number;
  /** Time left when paused. */
  remainingMs: number;
  /** In order of first visit. */
  records: StepRecord[];
  coverageAtStart: CoverageMark;
  applied: AgendaApplied;
}

/** The agenda and its run, as plain validated values. */
export interface AgendaState {
  steps: readonly AgendaStep[];
  run: AgendaRun | null;
}

/** The board's coverage as the run keeps it (at Start, for the summary's "then and now"). */
export function coverageMark(coverage: Coverage): CoverageMark {
  const layers = {} as Record<LayerId, number>;
  for (const layer of LAYER_IDS) layers[layer] = coverage.layers.find((l) => l.layer === layer)?.score ?? 0;
  return { score: coverage.score, layers, counts: { ...coverage.counts } };
}

// ---- reading untrusted values ----

type Fields = Record<string, unknown>;

function record(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isSpan = (value: unknown, max: number): value is number => isTime(value) && value >= 0 && value <= max;
const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1e6;
const isText = (value: unknown): value is string => typeof value === 'string';

/** Whether a value is a usable step id: 1 to 64 characters. */
export function isStepId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_STEP_ID;
}

/** Whether a value names an activity. */
export function isAgendaActivity(value: unknown): value is AgendaActivity {
  return AGENDA_ACTIVITIES.includes(value as AgendaActivity);
}

/** Reads a scope; null when it is none. */
export function parseAgendaScope(value: unknown): AgendaScope | null {
  const v = record(value);
  if (!v) return null;
  if (v.kind === 'board') return { kind: 'board' };
  if (v.kind === 'layer' && isLayerId(v.layer)) return { kind: 'layer', layer: v.layer };
  if (v.kind === 'cell' && isLayerId(v.layer) && isAreaId(v.area))
    return { kind: 'cell', layer: v.layer, area: v.area };
  return null;
}

/** Whether a value is a timebox a step may have. */
export function isStepTimebox(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_STEP_MS && (value as number) <= MAX_STEP_MS;
}

/** Reads one step; null when any part of it is malformed (a step is trusted whole or not at all). */
export function parseAgendaStep(value: unknown): AgendaStep | null {
  const v = record(value);
  if (!v || !isStepId(v.id) || !isAgendaActivity(v.activity) || !isStepTimebox(v.timeboxMs)) return null;
  const scope = parseAgendaScope(v.scope);
  if (!scope || typeof v.saveIteration !== 'boolean') return null;
  const isVote = v.activity === 'dotVote';
  if (isVote ? !isDotsPerPerson(v.dotsPerPerson) : v.dotsPerPerson !== null) return null;
  return {
    id: v.id,
    scope,
    activity: v.activity,
    timeboxMs: v.timeboxMs,
    dotsPerPerson: isVote ? (v.dotsPerPerson as number) : null,
    saveIteration: v.saveIteration,
  };
}

const NO_STEPS: readonly AgendaStep[] = Object.freeze([]);

/**
 * Reads the session's `agenda` value: its valid steps in order, the first of any repeated id only, at
 * most MAX_AGENDA_STEPS; never throws.
 */
export function parseAgendaSteps(value: unknown): readonly AgendaStep[] {
  const v = record(value);
  if (!v || !Array.isArray(v.steps) || v.steps.length === 0) return NO_STEPS;
  const steps: AgendaStep[] = [];
  const ids = new Set<string>();
  for (const raw of v.steps) {
    const step = parseAgendaStep(raw);
    if (!step || ids.has(step.id)) continue;
    ids.add(step.id);
    steps.push(step);
    if (steps.length === MAX_AGENDA_STEPS) break;
  }
  return steps;
}

function parseCoverageMark(value: unknown): CoverageMark | null {
  const v = record(value);
  const layers = record(v?.layers);
  const counts = record(v?.counts);
  if (!v || !layers || !counts || !isSpan(v.score, 100)) return null;
  const mark: CoverageMark = {
    score: v.score,
    layers: {} as Record<LayerId, number>,
    counts: { empty: 0, exploring: 0, decided: 0, contested: 0 },
  };
  for (const layer of LAYER_IDS) {
    if (!isSpan(layers[layer], 100)) return null;
    mark.layers[layer] = layers[layer];
  }
  for (const state of ['empty', 'exploring', 'decided', 'contested'] as const) {
    const count = counts[state];
    if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > AREA_IDS.length * 5)
      return null;
    mark.counts[state] = count as number;
  }
  return mark;
}

function parseFocusValue(value: unknown): Focus | null {
  const v = record(value);
  const area = v?.area ?? null;
  if (!v || !isLayerId(v.layer) || (area !== null && !isAreaId(area)) || !isTime(v.since)) return null;
  return { layer: v.layer, area, since: v.since };
}

function parseTimerValue(value: unknown): TimerState | null {
  const v = record(value);
  if (!v || !isTime(v.durationMs) || v.durationMs <= 0 || !isText(v.startedBy)) return null;
  const { durationMs, startedBy } = v;
  if (v.status === 'running' && isTime(v.endsAt))
    return { status: 'running', durationMs, endsAt: v.endsAt, startedBy };
  if (v.status === 'paused' && isSpan(v.remainingMs, MAX_STEP_MS))
    return { status: 'paused', durationMs, remainingMs: v.remainingMs, startedBy };
  return null;
}

function parseApplied(value: unknown): AgendaApplied {
  const v = record(value) ?? {};
  return {
    focus: parseFocusValue(v.focus),
    silentSince: isTime(v.silentSince) ? v.silentSince : null,
    voteId: isStepId(v.voteId) ? v.voteId : null,
    timer: parseTimerValue(v.timer),
  };
}

function parseStepRecord(value: unknown): StepRecord | null {
  const v = record(value);
  if (!v || !isStepId(v.stepId) || !isAgendaActivity(v.activity) || !isStepTimebox(v.plannedMs)) return null;
  const scope = parseAgendaScope(v.scope);
  if (!scope || !isSpan(v.extendedMs, MAX_AGENDA_MS) || !isSpan(v.spentMs, 30 * MAX_AGENDA_MS)) return null;
  if (!isCount(v.visits) || !Array.isArray(v.voteIds) || v.voteIds.length > 100) return null;
  if (!v.voteIds.every(isStepId)) return null;
  return {
    stepId: v.stepId,
    scope,
    activity: v.activity,
    plannedMs: v.plannedMs,
    extendedMs: v.extendedMs,
    spentMs: v.spentMs,
    visits: v.visits,
    voteIds: [...(v.voteIds as string[])],
  };
}

/** Reads the session's `agendaRun` value; null when absent or malformed in any part that matters. */
export function parseAgendaRun(value: unknown): AgendaRun | null {
  const v = record(value);
  if (!v || (v.status !== 'running' && v.status !== 'paused' && v.status !== 'finished')) return null;
  if (!isText(v.by) || v.by === '' || !isTime(v.startedAt) || !isTime(v.stretchStartedAt)) return null;
  if (!isTime(v.stepStartedAt)) return null;
  if (!isTime(v.endsAt) || !isSpan(v.remainingMs, MAX_STEP_MS) || !isCount(v.index)) return null;
  const finished = v.status === 'finished';
  if (finished ? v.stepId !== null || !isTime(v.finishedAt) : !isStepId(v.stepId) || v.finishedAt !== null)
    return null;
  if (!Array.isArray(v.records) || v.records.length > MAX_AGENDA_STEPS * 2) return null;
  const records: StepRecord[] = [];
  for (const raw of v.records) {
    const parsed = parseStepRecord(raw);
    if (!parsed) return null;
    records.push(parsed);
  }
  const coverageAtStart = parseCoverageMark(v.coverageAtStart);
  if (!coverageAtStart) return null;
  return {
    status: v.status,
    by: v.by,
    startedAt: v.startedAt,
    finishedAt: finished ? (v.finishedAt as number) : null,
    stepId: finished ? null : (v.stepId as string),
    index: v.index,
    stepStartedAt: v.stepStartedAt,
    stretchStartedAt: v.stretchStartedAt,
    endsAt: v.endsAt,
    remainingMs: v.remainingMs,
    records,
    coverageAtStart,
    applied: parseApplied(v.applied),
  };
}

// ---- words ----

/** A scope in the product's words: "Whole stack", "Embedded software", "Cloud platform / Security". */
export function scopeName(scope: AgendaScope): string {
  if (scope.kind === 'board') return 'Whole stack';
  const layer = getLayer(scope.layer).name;
  return scope.kind === 'layer' ? layer : `${layer} / ${getArea(scope.area).name}`;
}

/** Where a scope points, as a focus target: null for the whole board. */
export function scopeFocus(scope: AgendaScope): { layer: LayerId; area: AreaId | null } | null {
  if (scope.kind === 'board') return null;
  return { layer: scope.layer, area: scope.kind === 'cell' ? scope.area : null };
}
