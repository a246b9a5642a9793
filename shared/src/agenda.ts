import type * as Y from 'yjs';
import {
  DEFAULT_DOTS_PER_PERSON,
  isAgendaActivity,
  isStepId,
  isStepTimebox,
  MAX_AGENDA_MS,
  MAX_AGENDA_STEPS,
  parseAgendaRun,
  parseAgendaScope,
  parseAgendaSteps,
  type AgendaActivity,
  type AgendaScope,
  type AgendaState,
  type AgendaStep,
} from './agendaModel';
import { CommandError } from './commands';
import { LAYER_IDS } from './framework';
import { randomId } from './ids';
import { boardMaps } from './schema';
import { readSession } from './session';
import { checkPersonId, writeSessionKey } from './sessionWrite';
import { isDotsPerPerson, MAX_DOTS_PER_PERSON } from './voteRounds';

/**
 * The agenda of a guided workshop: an ordered list of steps kept in the session's `agenda` value, which
 * only the current facilitator changes. The whole list is one value replaced whole, like every session
 * concern: two facilitator devices editing at once converge to one device's list, never to a mix that
 * neither made. Reading is in agendaModel.ts; running it is agendaRunner.ts and agendaTransition.ts.
 */

const cache = new WeakMap<Y.Map<unknown>, { raw: [unknown, unknown]; state: AgendaState }>();

/**
 * The agenda and its run as a typed snapshot; never throws (what a faulty client wrote reads as no
 * step, or no run). The very same object until one of the two values changes, so it is a stable
 * snapshot for `useSyncExternalStore` with the session map's `observe` as the subscription.
 */
export function readAgenda(doc: Y.Doc): AgendaState {
  const { session } = boardMaps(doc);
  const raw: [unknown, unknown] = [session.get('agenda'), session.get('agendaRun')];
  const cached = cache.get(session);
  if (cached && cached.raw[0] === raw[0] && cached.raw[1] === raw[1]) return cached.state;
  const state: AgendaState = Object.freeze({ steps: parseAgendaSteps(raw[0]), run: parseAgendaRun(raw[1]) });
  cache.set(session, { raw, state });
  return state;
}

/** What a facilitator gives to make a step; the id is made when absent. */
export interface AgendaStepInput {
  id?: string;
  scope: AgendaScope;
  activity: AgendaActivity;
  timeboxMs: number;
  /** Only for a dot vote (1 to 20); a vote without it gets DEFAULT_DOTS_PER_PERSON. */
  dotsPerPerson?: number | null;
  saveIteration?: boolean;
}

/** The changes `updateAgendaStep` takes: any of a step's fields but its id. */
export type AgendaStepChanges = Partial<Omit<AgendaStepInput, 'id'>>;

/** Throws a CommandError unless `by` is the current facilitator. */
function checkFacilitator(doc: Y.Doc, by: string, what: string): string {
  const who = checkPersonId(by, 'by');
  if (readSession(doc).facilitator?.id !== who) throw new CommandError(`only the facilitator can ${what}`);
  return who;
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} minutes`;
}

/** A checked step from an input, or a CommandError naming what is wrong. */
export function makeAgendaStep(input: AgendaStepInput): AgendaStep {
  if (typeof input !== 'object' || input === null) throw new CommandError('a step must be an object');
  const id = input.id ?? randomId();
  if (!isStepId(id)) throw new CommandError('a step id must be a string of 1 to 64 characters');
  const scope = parseAgendaScope(input.scope);
  if (!scope) {
    throw new CommandError(
      'scope must be { kind: "board" }, { kind: "layer", layer } or { kind: "cell", layer, area } with a known layer and area',
    );
  }
  if (!isAgendaActivity(input.activity))
    throw new CommandError(`unknown activity: ${String(input.activity)}`);
  const timebox = input.timeboxMs;
  if (typeof timebox !== 'number' || !Number.isFinite(timebox))
    throw new CommandError('timeboxMs must be a finite number of ms');
  const timeboxMs = Math.round(timebox);
  if (!isStepTimebox(timeboxMs)) throw new CommandError('a step takes from 1 second to 4 hours');
  const isVote = input.activity === 'dotVote';
  const dots = input.dotsPerPerson ?? null;
  if (!isVote && dots !== null) throw new CommandError('only a vote step has dots per person');
  if (isVote && dots !== null && !isDotsPerPerson(dots))
    throw new CommandError(`dotsPerPerson must be a whole number from 1 to ${MAX_DOTS_PER_PERSON}`);
  const saveIteration = input.saveIteration ?? false;
  if (typeof saveIteration !== 'boolean') throw new CommandError('saveIteration must be true or false');
  return {
    id,
    scope,
    activity: input.activity,
    timeboxMs,
    dotsPerPerson: isVote ? (dots ?? DEFAULT_DOTS_PER_PERSON) : null,
    saveIteration,
  };
}

/** Throws a CommandError when a list of steps breaks the agenda's limits. */
function checkLimits(steps: readonly AgendaStep[]): void {
  if (steps.length > MAX_AGENDA_STEPS)
    throw new CommandError(`an agenda holds at most ${MAX_AGENDA_STEPS} steps`);
  const ids = new Set(steps.map((s) => s.id));
  if (ids.size !== steps.length) throw new CommandError('two steps of the agenda have the same id');
  const total = steps.reduce((sum, s) => sum + s.timeboxMs, 0);
  if (total > MAX_AGENDA_MS)
    throw new CommandError(`an agenda takes at most 12 hours; this one would take ${minutes(total)}`);
}

function writeSteps(doc: Y.Doc, steps: readonly AgendaStep[], origin: unknown): void {
  checkLimits(steps);
  writeSessionKey(doc, 'agenda', { steps }, origin);
}

function isRunGoing(doc: Y.Doc): boolean {
  const run = readAgenda(doc).run;
  return run !== null && run.status !== 'finished';
}

/**
 * Replaces the whole agenda (the framework's plan in one click, or an empty list to clear it). Refused
 * while a run is going: its running step would vanish under everyone.
 */
export function setAgenda(
  doc: Y.Doc,
  inputs: readonly AgendaStepInput[],
  by: string,
  origin: unknown,
): readonly AgendaStep[] {
  checkFacilitator(doc, by, 'change the agenda');
  if (!Array.isArray(inputs)) throw new CommandError('the agenda must be a list of steps');
  if (isRunGoing(doc)) throw new CommandError('finish the running agenda before replacing it');
  if (inputs.length > MAX_AGENDA_STEPS)
    throw new CommandError(`an agenda holds at most ${MAX_AGENDA_STEPS} steps`);
  const steps = inputs.map(makeAgendaStep);
  writeSteps(doc, steps, origin);
  return steps;
}

/** Adds a step at `index` (the end when omitted); allowed during a run. Returns the step. */
export function addAgendaStep(
  doc: Y.Doc,
  input: AgendaStepInput,
  by: string,
  origin: unknown,
  index?: number,
): AgendaStep {
  checkFacilitator(doc, by, 'change the agenda');
  const steps = [...readAgenda(doc).steps];
  const at = index ?? steps.length;
  if (!Number.isInteger(at) || at < 0 || at > steps.length)
    throw new CommandError(`index must be a whole number from 0 to ${steps.length}`);
  const step = makeAgendaStep(input);
  if (steps.some((s) => s.id === step.id)) throw new CommandError(`the agenda already has a step ${step.id}`);
  steps.splice(at, 0, step);
  writeSteps(doc, steps, origin);
  return step;
}

function indexOfStep(steps: readonly AgendaStep[], stepId: string): number {
  const index = steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new CommandError(`the agenda has no step ${String(stepId)}`);
  return index;
}

/** Removes a step; the running one cannot be (move on first). */
export function removeAgendaStep(doc: Y.Doc, stepId: string, by: string, origin: unknown): void {
  checkFacilitator(doc, by, 'change the agenda');
  const { steps, run } = readAgenda(doc);
  const index = indexOfStep(steps, stepId);
  if (run && run.status !== 'finished' && run.stepId === stepId)
    throw new CommandError('the running step cannot be removed: move to another step first');
  writeSteps(
    doc,
    steps.filter((_, i) => i !== index),
    origin,
  );
}

/**
 * Moves a step to `toIndex` (its place in the list once moved), for drag and drop and the keyboard's
 * move up / down. Allowed during a run: the run follows its step by id, wherever it goes.
 */
export function moveAgendaStep(
  doc: Y.Doc,
  stepId: string,
  toIndex: number,
  by: string,
  origin: unknown,
): void {
  checkFacilitator(doc, by, 'change the agenda');
  const steps = [...readAgenda(doc).steps];
  const from = indexOfStep(steps, stepId);
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= steps.length)
    throw new CommandError(`toIndex must be a whole number from 0 to ${steps.length - 1}`);
  if (from === toIndex) return;
  const [step] = steps.splice(from, 1);
  steps.splice(toIndex, 0, step!);
  writeSteps(doc, steps, origin);
}

/**
 * Changes a step's scope, activity, timebox or options. Turning a step into a vote gives it the default
 * dots; turning a vote into anything else drops them. A change to the running step's timebox applies
 * when it next begins: its current end moves only with Extend, so nobody's countdown jumps.
 */
export function updateAgendaStep(
  doc: Y.Doc,
  stepId: string,
  changes: AgendaStepChanges,
  by: string,
  origin: unknown,
): AgendaStep {
  checkFacilitator(doc, by, 'change the agenda');
  if (typeof changes !== 'object' || changes === null) throw new CommandError('changes must be an object');
  const steps = [...readAgenda(doc).steps];
  const index = indexOfStep(steps, stepId);
  const old = steps[index]!;
  const activity = changes.activity ?? old.activity;
  const dots =
    changes.dotsPerPerson !== undefined
      ? changes.dotsPerPerson
      : activity === 'dotVote' && old.activity === 'dotVote'
        ? old.dotsPerPerson
        : null;
  const step = makeAgendaStep({
    id: old.id,
    scope: changes.scope ?? old.scope,
    activity,
    timeboxMs: changes.timeboxMs ?? old.timeboxMs,
    dotsPerPerson: dots,
    saveIteration: changes.saveIteration ?? old.saveIteration,
  });
  steps[index] = step;
  writeSteps(doc, steps, origin);
  return step;
}

const MINUTE = 60_000;

/**
 * The timeboxes of the framework's plan, as a facilitator would set them for a group of 6 to 12: short
 * silent writing, a longer talk, a quick vote; the whole-stack review and the roadmap take longest,
 * since they are where the layers meet.
 */
export const FRAMEWORK_PLAN_TIMEBOXES: Readonly<Record<AgendaActivity, number>> = {
  silentBrainstorm: 7 * MINUTE,
  discussion: 12 * MINUTE,
  dotVote: 4 * MINUTE,
  gapReview: 10 * MINUTE,
  consistencyReview: 20 * MINUTE,
  roadmap: 20 * MINUTE,
};

/**
 * The ready-made plan of the IoT Decision Framework, 17 steps and 2 h 35 min: for each of the five
 * layers, from the device up to the applications, a silent brainstorm, a discussion and a dot vote
 * (3 dots, saving an iteration named after the vote, so that each layer's round can be compared); then
 * a consistency review of the whole stack, and the roadmap, each saving an iteration too. Returns
 * inputs without ids: `setAgenda` makes them.
 */
export function frameworkPlan(): AgendaStepInput[] {
  const steps: AgendaStepInput[] = [];
  for (const layer of LAYER_IDS) {
    const scope: AgendaScope = { kind: 'layer', layer };
    steps.push(
      { scope, activity: 'silentBrainstorm', timeboxMs: FRAMEWORK_PLAN_TIMEBOXES.silentBrainstorm },
      { scope, activity: 'discussion', timeboxMs: FRAMEWORK_PLAN_TIMEBOXES.discussion },
      {
        scope,
        activity: 'dotVote',
        timeboxMs: FRAMEWORK_PLAN_TIMEBOXES.dotVote,
        dotsPerPerson: DEFAULT_DOTS_PER_PERSON,
        saveIteration: true,
      },
    );
  }
  const board: AgendaScope = { kind: 'board' };
  steps.push(
    {
      scope: board,
      activity: 'consistencyReview',
      timeboxMs: FRAMEWORK_PLAN_TIMEBOXES.consistencyReview,
      saveIteration: true,
    },
    { scope: board, activity: 'roadmap', timeboxMs: FRAMEWORK_PLAN_TIMEBOXES.roadmap, saveIteration: true },
  );
  return steps;
}
