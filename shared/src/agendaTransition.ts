import type * as Y from 'yjs';
import { readAgenda } from './agenda';
import { coverageMark } from './agendaModel';
import {
  planAgendaTransition,
  type AgendaAction,
  type AgendaEffect,
  type AgendaTransition,
} from './agendaRunner';
import { CommandError } from './commands';
import { computeCoverage } from './coverage';
import { readNotes, readZones } from './schema';
import { readSession, revealSilentMode, setFocus, startSilentMode } from './session';
import { checkPersonId, writeSessionKey } from './sessionWrite';
import { clearTimer, extendTimer, pauseTimer, resumeTimer, startTimer } from './timer';
import { endVote, startVote } from './voting';

/**
 * Runs the agenda on a board document: each action is planned by the pure runner (agendaRunner.ts) and
 * applied in ONE transaction through the session's own commands, so every device sees the step change
 * at once and an undo manager tracking `origin` sees one step.
 *
 * The caller's sequence, for a facilitator's button:
 *   1. `planAgendaAction(doc, action, by, serverNow)`: refuses what cannot be done now, and lists in
 *      `server` what only the server can do;
 *   2. for each of those, in order: `revealVote` -> `POST voteRevealPath(boardId) {"voteId"}`,
 *      `saveIteration` -> `POST versionsPath(boardId) {"name"}`;
 *   3. `applyAgendaTransition(doc, action, by, origin, serverNow)`.
 * Step 3 plans again from the document as it then is (the reveal has changed it), and refuses while the
 * step's vote is still open, since replacing it would lose its sealed dots: when the reveal failed, the
 * facilitator may choose `{ discardOpenVote: true }` and move on without them.
 */

export interface AgendaActionOptions {
  /** Move on even though a vote is still open, ending it unrevealed (its dots are lost). */
  discardOpenVote?: boolean;
}

/**
 * What `action` would do on this board now, changing nothing; throws a CommandError when `by` is not the
 * facilitator or the run cannot take the action.
 */
export function planAgendaAction(
  doc: Y.Doc,
  action: AgendaAction,
  by: string,
  serverNow: number,
  options: AgendaActionOptions = {},
): AgendaTransition {
  const who = checkPersonId(by, 'by');
  const session = readSession(doc);
  if (session.facilitator?.id !== who) throw new CommandError('only the facilitator can run the agenda');
  const { steps, run } = readAgenda(doc);
  return planAgendaTransition(
    {
      steps,
      run,
      session,
      by: who,
      serverNow,
      ...(action?.kind === 'start'
        ? { coverage: coverageMark(computeCoverage(readNotes(doc), readZones(doc))) }
        : {}),
      ...(options.discardOpenVote ? { discardOpenVote: true } : {}),
    },
    action,
  );
}

/**
 * Applies an agenda action: the run and its effects on the session in one transaction. Returns the
 * transition as applied (its `run.applied` now holds what the session holds, a new vote's id
 * included). The `saveIteration` entries of `server` are left to the caller (step 2 above); a
 * `revealVote` still listed means the vote is still open, and is refused.
 */
export function applyAgendaTransition(
  doc: Y.Doc,
  action: AgendaAction,
  by: string,
  origin: unknown,
  serverNow: number,
  options: AgendaActionOptions = {},
): AgendaTransition {
  const transition = planAgendaAction(doc, action, by, serverNow, options);
  if (transition.server.some((e) => e.kind === 'revealVote')) {
    throw new CommandError("this step's vote is still open: reveal it first, or move on without its dots");
  }
  const who = checkPersonId(by, 'by');
  const run = { ...transition.run, applied: { ...transition.run.applied } };
  doc.transact(() => {
    for (const effect of transition.effects) {
      applyEffect(doc, effect, who, origin, serverNow);
      const session = readSession(doc);
      // What the session holds now is what the agenda owns (the runner predicted it; the command decides).
      switch (effect.kind) {
        case 'setFocus':
          run.applied.focus = session.focus;
          break;
        case 'startSilent':
          run.applied.silentSince = session.silent?.active ? session.silent.since : null;
          break;
        case 'openVote': {
          const voteId = session.vote!.id;
          run.applied.voteId = voteId;
          const record = run.records.find((r) => r.stepId === run.stepId);
          if (record) record.voteIds = [...record.voteIds, voteId].slice(-100);
          break;
        }
        case 'startTimer':
        case 'pauseTimer':
        case 'resumeTimer':
        case 'extendTimer':
          run.applied.timer = session.timer;
          break;
        default:
          break;
      }
    }
    writeSessionKey(doc, 'agendaRun', run, origin);
  }, origin);
  return { ...transition, run };
}

function applyEffect(doc: Y.Doc, effect: AgendaEffect, by: string, origin: unknown, now: number): void {
  switch (effect.kind) {
    case 'setFocus':
      setFocus(doc, effect.focus, origin, now);
      return;
    case 'liftFocus':
      setFocus(doc, null, origin, now);
      return;
    case 'startSilent':
      startSilentMode(doc, by, origin, now);
      return;
    case 'revealSilent':
      revealSilentMode(doc, by, origin, now);
      return;
    case 'startTimer':
      startTimer(doc, effect.durationMs, by, origin, now);
      return;
    case 'pauseTimer':
      pauseTimer(doc, origin, now);
      return;
    case 'resumeTimer':
      resumeTimer(doc, origin, now);
      return;
    case 'extendTimer':
      extendTimer(doc, effect.ms, origin, now);
      return;
    case 'clearTimer':
      clearTimer(doc, origin);
      return;
    case 'openVote':
      startVote(doc, { scope: effect.scope, dotsPerPerson: effect.dotsPerPerson }, by, origin, now);
      return;
    case 'endVote':
      endVote(doc, origin);
      return;
  }
}
