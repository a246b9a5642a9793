import {
  ACTIVITY_NAMES,
  MAX_AGENDA_STEPS,
  MAX_STEP_MS,
  MIN_STEP_MS,
  scopeFocus,
  scopeName,
  type AgendaApplied,
  type AgendaRun,
  type AgendaStep,
  type CoverageMark,
  type StepRecord,
} from './agendaModel';
import { CommandError } from './commands';
import type { AreaId, LayerId } from './framework';
import type { Focus, SessionSnapshot, TimerState } from './session';
import { MAX_VERSION_NAME } from './wire';
import type { VoteScope } from './voteRounds';

/**
 * The agenda's runner, as a pure state machine: from the agenda, its run and the session, an action
 * (Start, Next, Back, Pause, Resume, Extend, Finish) gives the next run and the effects on the session
 * that the step's beginning and end call for. agendaTransition.ts applies them to a document.
 *
 * A step applies its scope and activity when it begins: the focus on its layer or cell (a whole-board
 * step lifts any focus), silent mode for a silent brainstorm, a dot vote for a vote, and always the
 * timer set to its timebox. When it ends it undoes what it set, and only that: a concern is the
 * agenda's while the session still holds exactly the value the agenda wrote (`run.applied`), so a focus
 * or timer the facilitator changed by hand mid-step stays. Two steps in a row with the same focus keep
 * it (nobody's view jumps), and two silent brainstorms in a row keep silent mode on.
 *
 * Ending a vote step by Next or Finish reveals its vote, which only the server can do (it holds the
 * sealed ballots): the transition lists it in `server`, for the caller to do first, through
 * `POST voteRevealPath(boardId)`. The revealed totals then stay on the board until another vote
 * replaces them. Back abandons the step, so its vote ends unrevealed. Saving an iteration at a step's
 * end is the server's too (`POST versionsPath(boardId)`).
 */

export type AgendaAction =
  /** Starts a run at the first step, or at `stepId`; a finished run is replaced. */
  | { kind: 'start'; stepId?: string }
  /**
   * Moves to the next step (Finish at the last). `from`, the step the caller shows, guards against a
   * second facilitator device that moved on a moment earlier: the action is refused, not done twice.
   */
  | { kind: 'next'; from?: string }
  | { kind: 'back'; from?: string }
  | { kind: 'pause' }
  | { kind: 'resume' }
  /** Gives the running step `ms` more (1 s to 4 h in all). */
  | { kind: 'extend'; ms: number }
  | { kind: 'finish' };

/** A change to the session, made through the session's commands (agendaTransition.ts). */
export type AgendaEffect =
  | { kind: 'setFocus'; focus: { layer: LayerId; area: AreaId | null } }
  | { kind: 'liftFocus' }
  | { kind: 'startSilent' }
  | { kind: 'revealSilent' }
  | { kind: 'startTimer'; durationMs: number }
  | { kind: 'pauseTimer' }
  | { kind: 'resumeTimer' }
  | { kind: 'extendTimer'; ms: number }
  | { kind: 'clearTimer' }
  | { kind: 'openVote'; scope: VoteScope; dotsPerPerson: number }
  | { kind: 'endVote' };

/** What only the server can do, for the caller to do BEFORE applying the transition. */
export type AgendaServerEffect =
  /** `POST voteRevealPath(boardId) {"voteId"}`: count the sealed ballots into the board. */
  | { kind: 'revealVote'; voteId: string }
  /** `POST versionsPath(boardId) {"name"}`: save the board as an iteration named after the step. */
  | { kind: 'saveIteration'; name: string };

export interface AgendaTransition {
  /** The run after the action; `applied` as the effects will leave it (a new vote's id is the apply's). */
  run: AgendaRun;
  /** Session changes, in order, to apply in one transaction. */
  effects: AgendaEffect[];
  /** Server work to do first (a vote to reveal, an iteration to save). */
  server: AgendaServerEffect[];
  /** The step that ended, if any. */
  left: AgendaStep | null;
  /** The step that began, if any. */
  entered: AgendaStep | null;
}

/** The session concerns the runner reads. */
export type AgendaSession = Pick<SessionSnapshot, 'focus' | 'silent' | 'vote' | 'timer'>;

export interface AgendaTransitionInput {
  steps: readonly AgendaStep[];
  run: AgendaRun | null;
  session: AgendaSession;
  /** Who acts (the facilitator: the caller checks), for the timer's `startedBy`. */
  by: string;
  /** The caller's estimate of the server's clock. */
  serverNow: number;
  /** The board's coverage now: needed by Start, which keeps it for the summary. */
  coverage?: CoverageMark;
  /**
   * End a vote that is still open without revealing it, instead of refusing: for when the reveal failed
   * (no network) and the facilitator chooses to move on. Its dots are lost.
   */
  discardOpenVote?: boolean;
}

/** The step the run is at and its place in the agenda; null when finished or when it was removed. */
export function currentStep(
  steps: readonly AgendaStep[],
  run: AgendaRun | null,
): { step: AgendaStep; index: number } | null {
  if (!run || run.stepId === null) return null;
  const index = steps.findIndex((s) => s.id === run.stepId);
  return index < 0 ? null : { step: steps[index]!, index };
}

/** Time left in the running step at `serverNow` (0 once it is up). */
export function stepRemainingMs(run: AgendaRun, serverNow: number): number {
  if (run.status === 'finished') return 0;
  if (run.status === 'paused') return run.remainingMs;
  return Math.max(0, run.endsAt - serverNow);
}

/** How long the running step has run past its planned end (0 while on time, or paused). */
export function stepOvertimeMs(run: AgendaRun, serverNow: number): number {
  return run.status === 'running' ? Math.max(0, serverNow - run.endsAt) : 0;
}

/** Time the run's current step has taken so far, over all its visits, pauses left out. */
export function stepSpentMs(run: AgendaRun, serverNow: number): number {
  const record = run.records.find((r) => r.stepId === run.stepId);
  const stretch = run.status === 'running' ? Math.max(0, serverNow - run.stretchStartedAt) : 0;
  return (record?.spentMs ?? 0) + stretch;
}

const sameFocus = (a: Focus | null, b: Focus | null) =>
  a !== null && b !== null && a.layer === b.layer && a.area === b.area && a.since === b.since;

function sameTimer(a: TimerState | null, b: TimerState | null): boolean {
  if (!a || !b || a.status !== b.status || a.durationMs !== b.durationMs || a.startedBy !== b.startedBy)
    return false;
  return a.status === 'running'
    ? a.endsAt === (b as typeof a).endsAt
    : a.remainingMs === (b as typeof a).remainingMs;
}

/** The session as the effects so far leave it, and what of it the agenda owns. */
interface Working {
  session: { focus: Focus | null; silentActive: boolean; silentSince: number | null; voteOpen: boolean };
  applied: AgendaApplied;
  owns: { focus: boolean; silent: boolean; vote: boolean; timer: boolean };
  effects: AgendaEffect[];
  server: AgendaServerEffect[];
}

function working(session: AgendaSession, applied: AgendaApplied): Working {
  return {
    session: {
      focus: session.focus,
      silentActive: session.silent?.active === true,
      silentSince: session.silent?.active ? session.silent.since : null,
      voteOpen: session.vote?.status === 'open',
    },
    applied: { ...applied },
    owns: {
      focus: sameFocus(session.focus, applied.focus),
      silent:
        applied.silentSince !== null &&
        session.silent?.active === true &&
        session.silent.since === applied.silentSince,
      vote: applied.voteId !== null && session.vote?.id === applied.voteId && session.vote.status === 'open',
      timer: sameTimer(session.timer, applied.timer),
    },
    effects: [],
    server: [],
  };
}

/** The name of the iteration a step saves: "Step 3 · Devices / Hardware · Vote". */
export function iterationNameOf(step: AgendaStep, index: number): string {
  return `Step ${index + 1} · ${scopeName(step.scope)} · ${ACTIVITY_NAMES[step.activity]}`.slice(
    0,
    MAX_VERSION_NAME,
  );
}

type Leaving = 'next' | 'back' | 'finish';

/** Ends `step` (when known): its undo, its reveal, its iteration. `following` is the step after it. */
function leave(
  w: Working,
  step: AgendaStep | null,
  index: number,
  how: Leaving,
  following: AgendaStep | null,
  discardOpenVote: boolean,
): void {
  const keepFocus =
    following !== null && w.owns.focus && sameTarget(scopeFocus(following.scope), w.session.focus);
  if (w.owns.focus && !keepFocus && (following === null || scopeFocus(following.scope) === null)) {
    w.effects.push({ kind: 'liftFocus' });
    w.session.focus = null;
  }
  if (!keepFocus) {
    w.applied.focus = null;
    w.owns.focus = false;
  }
  const keepSilent = following?.activity === 'silentBrainstorm' && w.owns.silent;
  if (w.owns.silent && !keepSilent) {
    w.effects.push({ kind: 'revealSilent' });
    w.session.silentActive = false;
    w.session.silentSince = null;
  }
  if (!keepSilent) {
    w.applied.silentSince = null;
    w.owns.silent = false;
  }
  if (w.owns.vote) {
    if (how === 'back' || discardOpenVote) {
      w.effects.push({ kind: 'endVote' });
      w.session.voteOpen = false;
    } else {
      w.server.push({ kind: 'revealVote', voteId: w.applied.voteId! });
    }
    w.applied.voteId = null;
    w.owns.vote = false;
  }
  if (how === 'finish') {
    if (w.owns.timer) w.effects.push({ kind: 'clearTimer' });
    w.applied.timer = null;
    w.owns.timer = false;
  }
  if (step?.saveIteration && how !== 'back') {
    w.server.push({ kind: 'saveIteration', name: iterationNameOf(step, index) });
  }
}

function sameTarget(target: { layer: LayerId; area: AreaId | null } | null, focus: Focus | null): boolean {
  return target !== null && focus !== null && target.layer === focus.layer && target.area === focus.area;
}

/** Begins `step`: its focus, silent mode, vote and timer. */
function enter(w: Working, step: AgendaStep, by: string, now: number, discardOpenVote: boolean): void {
  const target = scopeFocus(step.scope);
  if (target === null) {
    if (w.session.focus !== null) w.effects.push({ kind: 'liftFocus' });
    w.session.focus = null;
    w.applied.focus = null;
  } else if (!(w.owns.focus && sameTarget(target, w.session.focus))) {
    w.effects.push({ kind: 'setFocus', focus: target });
    w.session.focus = { ...target, since: now };
    w.applied.focus = w.session.focus;
  }
  if (step.activity === 'silentBrainstorm' && !w.owns.silent) {
    if (w.session.silentActive) {
      // Silent mode someone started by hand is theirs to reveal.
      w.applied.silentSince = null;
    } else {
      w.effects.push({ kind: 'startSilent' });
      w.applied.silentSince = now;
    }
  }
  if (step.activity === 'dotVote') {
    if (w.session.voteOpen && !discardOpenVote) {
      throw new CommandError(
        'a vote is still open: reveal or end it before the vote step begins, or move on without its dots',
      );
    }
    if (w.session.voteOpen) w.effects.push({ kind: 'endVote' });
    const scope: VoteScope = step.scope.kind === 'board' ? 'board' : step.scope.layer;
    w.effects.push({ kind: 'openVote', scope, dotsPerPerson: step.dotsPerPerson! });
    w.session.voteOpen = true;
    // The vote's id is made when it opens: agendaTransition.ts records it.
    w.applied.voteId = null;
  }
  w.effects.push({ kind: 'startTimer', durationMs: step.timeboxMs });
  w.applied.timer = {
    status: 'running',
    durationMs: step.timeboxMs,
    endsAt: now + step.timeboxMs,
    startedBy: by,
  };
}

function checkTime(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new CommandError(`${what} must be a finite time in ms`);
  return value;
}

/** The run's records with the current stretch of the running step counted in. */
function closeStretch(run: AgendaRun, now: number): StepRecord[] {
  if (run.status !== 'running') return run.records.map((r) => ({ ...r, voteIds: [...r.voteIds] }));
  const spent = Math.max(0, now - run.stretchStartedAt);
  return run.records.map((r) =>
    r.stepId === run.stepId
      ? { ...r, spentMs: r.spentMs + spent, voteIds: [...r.voteIds] }
      : { ...r, voteIds: [...r.voteIds] },
  );
}

/** A visit of `step` begins: its record, counted. */
function visit(records: StepRecord[], step: AgendaStep): StepRecord[] {
  const existing = records.find((r) => r.stepId === step.id);
  if (existing) {
    existing.visits += 1;
    return records;
  }
  const record: StepRecord = {
    stepId: step.id,
    scope: step.scope,
    activity: step.activity,
    plannedMs: step.timeboxMs,
    extendedMs: 0,
    spentMs: 0,
    visits: 1,
    voteIds: [],
  };
  // A facilitator adding and removing steps all day must not grow the run without end.
  return [...records, record].slice(-2 * MAX_AGENDA_STEPS);
}

function begun(
  run: Omit<
    AgendaRun,
    'stepId' | 'index' | 'stepStartedAt' | 'stretchStartedAt' | 'endsAt' | 'remainingMs' | 'status'
  >,
  step: AgendaStep,
  index: number,
  now: number,
): AgendaRun {
  return {
    ...run,
    status: 'running',
    finishedAt: null,
    stepId: step.id,
    index,
    stepStartedAt: now,
    stretchStartedAt: now,
    endsAt: now + step.timeboxMs,
    remainingMs: step.timeboxMs,
    records: visit(run.records, step),
  };
}

function checkGoing(run: AgendaRun | null): AgendaRun {
  if (!run || run.status === 'finished') throw new CommandError('no agenda is running');
  return run;
}

function checkFrom(run: AgendaRun, from: string | undefined): void {
  if (from !== undefined && from !== run.stepId)
    throw new CommandError('the agenda has moved on already: look again before moving it');
}

/**
 * What an action does to the run and the session. Throws a CommandError, changing nothing, for an
 * action the run cannot take now (Next with no run, Back at the first step, Resume when not paused...).
 */
export function planAgendaTransition(input: AgendaTransitionInput, action: AgendaAction): AgendaTransition {
  const { steps, run, session, by } = input;
  const now = checkTime(input.serverNow, 'serverNow');
  const discard = input.discardOpenVote === true;
  if (typeof action !== 'object' || action === null) throw new CommandError('an action must be an object');
  const blank: AgendaApplied = { focus: null, silentSince: null, voteId: null, timer: null };
  const w = working(session, run && run.status !== 'finished' ? run.applied : blank);
  const result = (
    next: AgendaRun,
    left: AgendaStep | null,
    entered: AgendaStep | null,
  ): AgendaTransition => ({
    run: { ...next, applied: w.applied },
    effects: w.effects,
    server: w.server,
    left,
    entered,
  });

  switch (action.kind) {
    case 'start': {
      if (run && run.status !== 'finished') throw new CommandError('the agenda is running already');
      if (steps.length === 0) throw new CommandError('the agenda has no step to start');
      if (!input.coverage) throw new CommandError('starting needs the board coverage, for the summary');
      const index = action.stepId === undefined ? 0 : steps.findIndex((s) => s.id === action.stepId);
      if (index < 0) throw new CommandError(`the agenda has no step ${String(action.stepId)}`);
      const step = steps[index]!;
      enter(w, step, by, now, discard);
      const base = {
        by,
        startedAt: now,
        finishedAt: null,
        records: [],
        coverageAtStart: input.coverage,
        applied: w.applied,
      };
      return result(begun(base, step, index, now), null, step);
    }
    case 'next':
    case 'back': {
      const going = checkGoing(run);
      checkFrom(going, action.from);
      const at = currentStep(steps, going);
      // A running step someone removed meanwhile: its neighbours are where it stood.
      const index = at?.index ?? Math.min(going.index, steps.length);
      const targetIndex = action.kind === 'next' ? (at ? index + 1 : index) : index - 1;
      if (action.kind === 'back' && targetIndex < 0) throw new CommandError('this is the first step');
      const records = closeStretch(going, now);
      const target = steps[targetIndex] ?? null;
      if (!target) return finishRun(w, { ...going, records }, at, now, discard, result);
      leave(w, at?.step ?? null, index, action.kind, target, discard);
      enter(w, target, by, now, discard);
      return result(begun({ ...going, records }, target, targetIndex, now), at?.step ?? null, target);
    }
    case 'pause': {
      const going = checkGoing(run);
      if (going.status !== 'running') throw new CommandError('the agenda is paused already');
      const timer = session.timer;
      if (w.owns.timer && timer?.status === 'running' && timer.endsAt > now) {
        w.effects.push({ kind: 'pauseTimer' });
        w.applied.timer = {
          status: 'paused',
          durationMs: timer.durationMs,
          remainingMs: timer.endsAt - now,
          startedBy: timer.startedBy,
        };
      }
      const next: AgendaRun = {
        ...going,
        status: 'paused',
        records: closeStretch(going, now),
        remainingMs: Math.max(0, going.endsAt - now),
      };
      return result(next, null, null);
    }
    case 'resume': {
      const going = checkGoing(run);
      if (going.status !== 'paused') throw new CommandError('the agenda is not paused');
      const timer = session.timer;
      if (w.owns.timer && timer?.status === 'paused' && timer.remainingMs > 0) {
        w.effects.push({ kind: 'resumeTimer' });
        w.applied.timer = {
          status: 'running',
          durationMs: timer.durationMs,
          endsAt: now + timer.remainingMs,
          startedBy: timer.startedBy,
        };
      }
      const next: AgendaRun = {
        ...going,
        status: 'running',
        stretchStartedAt: now,
        endsAt: now + going.remainingMs,
      };
      return result(next, null, null);
    }
    case 'extend': {
      const going = checkGoing(run);
      const ms = action.ms;
      if (!Number.isInteger(ms) || ms < MIN_STEP_MS || ms > MAX_STEP_MS)
        throw new CommandError('an extension is a whole number of ms from 1 second to 4 hours');
      const left = stepRemainingMs(going, now) + ms;
      if (left > MAX_STEP_MS) throw new CommandError('a step can have at most 4 hours left');
      const timer = session.timer;
      if (w.owns.timer && timer) {
        const remaining =
          (timer.status === 'running' ? Math.max(0, timer.endsAt - now) : timer.remainingMs) + ms;
        if (remaining <= MAX_STEP_MS) {
          w.effects.push({ kind: 'extendTimer', ms });
          const durationMs = Math.min(MAX_STEP_MS, Math.max(timer.durationMs + ms, remaining));
          w.applied.timer =
            timer.status === 'running'
              ? { status: 'running', durationMs, endsAt: now + remaining, startedBy: timer.startedBy }
              : { status: 'paused', durationMs, remainingMs: remaining, startedBy: timer.startedBy };
        }
      }
      const records = going.records.map((r) =>
        r.stepId === going.stepId ? { ...r, extendedMs: r.extendedMs + ms, voteIds: [...r.voteIds] } : r,
      );
      const next: AgendaRun =
        going.status === 'running'
          ? { ...going, records, endsAt: now + left }
          : { ...going, records, remainingMs: left };
      return result(next, null, null);
    }
    case 'finish': {
      const going = checkGoing(run);
      return finishRun(
        w,
        { ...going, records: closeStretch(going, now) },
        currentStep(steps, going),
        now,
        discard,
        result,
      );
    }
    default:
      throw new CommandError(`unknown agenda action: ${String((action as { kind: unknown }).kind)}`);
  }
}

function finishRun(
  w: Working,
  run: AgendaRun,
  at: { step: AgendaStep; index: number } | null,
  now: number,
  discard: boolean,
  result: (next: AgendaRun, left: AgendaStep | null, entered: AgendaStep | null) => AgendaTransition,
): AgendaTransition {
  leave(w, at?.step ?? null, at?.index ?? run.index, 'finish', null, discard);
  w.applied = { focus: null, silentSince: null, voteId: null, timer: null };
  const finished: AgendaRun = {
    ...run,
    status: 'finished',
    finishedAt: now,
    stepId: null,
    stretchStartedAt: now,
    remainingMs: 0,
  };
  return result(finished, at?.step ?? null, null);
}

// ---- words for every screen ----

/** A duration as a countdown shows it: "2:40", "1:05:00". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The line everyone sees, on the board, the projector and phones: "Step 4 of 17 · Embedded software ·
 * Vote · 2:40 left" ("paused, 2:40 left" when paused, "0:35 over" once the time is up). Null when no
 * agenda is running; "Agenda finished" after the last step.
 */
export function stepLabel(
  steps: readonly AgendaStep[],
  run: AgendaRun | null,
  serverNow: number,
): string | null {
  if (!run) return null;
  if (run.status === 'finished') return 'Agenda finished';
  const at = currentStep(steps, run);
  const head = at
    ? `Step ${at.index + 1} of ${steps.length} · ${scopeName(at.step.scope)} · ${ACTIVITY_NAMES[at.step.activity]}`
    : `A removed step (${steps.length} left in the agenda)`;
  const over = stepOvertimeMs(run, serverNow);
  const time =
    run.status === 'paused'
      ? `paused, ${formatClock(run.remainingMs)} left`
      : over > 0
        ? `${formatClock(over)} over`
        : `${formatClock(stepRemainingMs(run, serverNow))} left`;
  return `${head} · ${time}`;
}

/** What to do now, one line per activity, in the words of a facilitator speaking to the room. */
export function stepInstruction(step: AgendaStep): string {
  const where = step.scope.kind === 'board' ? 'the whole stack' : scopeName(step.scope);
  switch (step.activity) {
    case 'silentBrainstorm':
      return `Write your own notes for ${where}, one idea per note: they stay private until the facilitator reveals them.`;
    case 'discussion':
      return `Talk through the notes of ${where}: turn what the room agrees on into decisions, and mark open questions and risks.`;
    case 'dotVote': {
      const dots = `${step.dotsPerPerson} ${step.dotsPerPerson === 1 ? 'dot' : 'dots'}`;
      const notes =
        step.scope.kind === 'board' ? 'the board' : scopeName({ kind: 'layer', layer: step.scope.layer });
      return `Place your ${dots} on the notes of ${notes} that matter most: nobody sees anyone's dots until the reveal.`;
    }
    case 'gapReview':
      return `Look at the empty cells of ${where} and give each one at least a first note, or say why it does not apply.`;
    case 'consistencyReview':
      return 'Go through the review list: answer the open questions decisions depend on, settle contested cells and fix horizons that contradict a dependency.';
    case 'roadmap':
      return 'Give every decision a horizon (now, next or later), never before a decision it depends on.';
  }
}
