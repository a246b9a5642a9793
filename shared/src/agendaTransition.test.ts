import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readAgenda, setAgenda, type AgendaStepInput } from './agenda';
import { currentStep, stepLabel, type AgendaAction } from './agendaRunner';
import { applyAgendaTransition, planAgendaAction } from './agendaTransition';
import { CommandError } from './commands';
import { boardMaps } from './schema';
import { readSession, setFocus, startSilentMode, takeFacilitator } from './session';
import { addTimerMinute } from './timer';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';
import { revealVote, startVote } from './voting';

const priya = { id: 'u-priya', name: 'Priya', color: '#b4532a' };
const tom = { id: 'u-tom', name: 'Tom', color: '#2a63b4' };
const T0 = 1_700_000_000_000;
const MIN = 60_000;

/** Three steps on the embedded layer, then a board-wide review: a short agenda as a workshop runs it. */
const STEPS: AgendaStepInput[] = [
  {
    id: 'write',
    scope: { kind: 'layer', layer: 'embedded' },
    activity: 'silentBrainstorm',
    timeboxMs: 5 * MIN,
  },
  { id: 'talk', scope: { kind: 'layer', layer: 'embedded' }, activity: 'discussion', timeboxMs: 10 * MIN },
  {
    id: 'vote',
    scope: { kind: 'layer', layer: 'embedded' },
    activity: 'dotVote',
    timeboxMs: 3 * MIN,
    dotsPerPerson: 2,
    saveIteration: true,
  },
  { id: 'review', scope: { kind: 'board' }, activity: 'consistencyReview', timeboxMs: 15 * MIN },
];

function agendaBoard(steps = STEPS): Y.Doc {
  const doc = newBoard();
  takeFacilitator(doc, priya, LOCAL, T0 - 10_000);
  setAgenda(doc, steps, priya.id, LOCAL);
  return doc;
}

const act = (doc: Y.Doc, action: AgendaAction, at: number, options = {}) =>
  applyAgendaTransition(doc, action, priya.id, LOCAL, at, options);
const label = (doc: Y.Doc, at: number) => stepLabel(readAgenda(doc).steps, readAgenda(doc).run, at);

/** Reveals the open vote as the server does, with the ballots it held. */
function serverReveals(doc: Y.Doc, at: number): void {
  const vote = readSession(doc).vote!;
  expect(revealVote(doc, vote.id, [{}], 'server', at)).not.toBeNull();
}

describe('running an agenda', () => {
  it('applies each step for everyone and undoes what it set when it ends', () => {
    const doc = agendaBoard();
    // Start: focus on the layer, silent mode on, the timer on the step's timebox; one transaction.
    expect(transactionsOf(doc, () => act(doc, { kind: 'start' }, T0))).toEqual([LOCAL]);
    let session = readSession(doc);
    expect(session.focus).toEqual({ layer: 'embedded', area: null, since: T0 });
    expect(session.silent).toEqual({ active: true, since: T0, by: priya.id });
    expect(session.timer).toEqual({
      status: 'running',
      durationMs: 5 * MIN,
      endsAt: T0 + 5 * MIN,
      startedBy: priya.id,
    });
    expect(label(doc, T0 + 140_000)).toBe('Step 1 of 4 · Embedded software · Silent brainstorm · 2:40 left');
    const run = readAgenda(doc).run!;
    expect(run).toMatchObject({ status: 'running', stepId: 'write', startedAt: T0, endsAt: T0 + 5 * MIN });
    expect(run.coverageAtStart.counts.empty).toBe(30);

    // Next: the brainstorm's silent mode is revealed; the focus stays as it was (nobody's view jumps).
    act(doc, { kind: 'next', from: 'write' }, T0 + 6 * MIN);
    session = readSession(doc);
    expect(session.silent).toEqual({ active: false, since: T0, by: priya.id, revealedAt: T0 + 6 * MIN });
    expect(session.focus?.since).toBe(T0);
    expect(session.timer).toMatchObject({ durationMs: 10 * MIN, endsAt: T0 + 16 * MIN });
    expect(readAgenda(doc).run!.records[0]).toMatchObject({
      stepId: 'write',
      spentMs: 6 * MIN,
      plannedMs: 5 * MIN,
    });

    // The vote step opens a vote on the layer with its dots, which the run records as its own.
    act(doc, { kind: 'next' }, T0 + 16 * MIN);
    const vote = readSession(doc).vote!;
    expect(vote).toMatchObject({ scope: 'embedded', dotsPerPerson: 2, status: 'open', startedBy: priya.id });
    expect(readAgenda(doc).run!.applied.voteId).toBe(vote.id);
    expect(readAgenda(doc).run!.records[2]!.voteIds).toEqual([vote.id]);

    // Ending it needs the server: the reveal, then the iteration named after the step.
    const plan = planAgendaAction(doc, { kind: 'next' }, priya.id, T0 + 19 * MIN);
    expect(plan.server).toEqual([
      { kind: 'revealVote', voteId: vote.id },
      { kind: 'saveIteration', name: 'Step 3 · Embedded software · Vote' },
    ]);
    expect(() => act(doc, { kind: 'next' }, T0 + 19 * MIN)).toThrow(/vote is still open: reveal it first/);
    expect(readSession(doc).vote?.status).toBe('open');
    serverReveals(doc, T0 + 19 * MIN);
    const after = act(doc, { kind: 'next' }, T0 + 19 * MIN);
    expect(after.server).toEqual([{ kind: 'saveIteration', name: 'Step 3 · Embedded software · Vote' }]);
    session = readSession(doc);
    // The revealed totals stay on the board; the whole-board step lifts the focus.
    expect(session.vote).toMatchObject({ id: vote.id, status: 'revealed' });
    expect(session.focus).toBeNull();
    expect(label(doc, T0 + 19 * MIN)).toBe('Step 4 of 4 · Whole stack · Consistency review · 15:00 left');

    // Next at the last step finishes: the timer goes, the records stay for the summary.
    act(doc, { kind: 'next' }, T0 + 40 * MIN);
    session = readSession(doc);
    expect(session.timer).toBeNull();
    const finished = readAgenda(doc).run!;
    expect(finished).toMatchObject({ status: 'finished', stepId: null, finishedAt: T0 + 40 * MIN });
    expect(finished.records.map((r) => [r.stepId, r.spentMs])).toEqual([
      ['write', 6 * MIN],
      ['talk', 10 * MIN],
      ['vote', 3 * MIN],
      ['review', 21 * MIN],
    ]);
    expect(label(doc, T0 + 41 * MIN)).toBe('Agenda finished');
  });

  it('leaves alone what the facilitator changed by hand mid-step', () => {
    const doc = agendaBoard([
      STEPS[1]!,
      { ...STEPS[1]!, id: 'talk2', scope: { kind: 'layer', layer: 'cloud' } },
    ]);
    act(doc, { kind: 'start' }, T0);
    setFocus(doc, { layer: 'devices', area: 'ux' }, LOCAL, T0 + 1000);
    addTimerMinute(doc, LOCAL, T0 + 2000);
    const timer = readSession(doc).timer;
    act(doc, { kind: 'finish' }, T0 + 3000);
    expect(readSession(doc).focus).toEqual({ layer: 'devices', area: 'ux', since: T0 + 1000 });
    expect(readSession(doc).timer).toEqual(timer);
    // While a focus the agenda set is lifted at the end.
    act(doc, { kind: 'start', stepId: 'talk2' }, T0 + 5000);
    act(doc, { kind: 'finish' }, T0 + 6000);
    expect(readSession(doc).focus).toBeNull();
  });

  it('does not reveal silent mode someone started by hand', () => {
    const doc = agendaBoard();
    startSilentMode(doc, tom.id, LOCAL, T0 - 1000);
    act(doc, { kind: 'start' }, T0);
    act(doc, { kind: 'next' }, T0 + 1000);
    expect(readSession(doc).silent).toEqual({ active: true, since: T0 - 1000, by: tom.id });
  });

  it('pauses and resumes the step and its timer; a pause does not count as time spent', () => {
    const doc = agendaBoard();
    act(doc, { kind: 'start' }, T0);
    act(doc, { kind: 'pause' }, T0 + MIN);
    expect(readSession(doc).timer).toMatchObject({ status: 'paused', remainingMs: 4 * MIN });
    expect(label(doc, T0 + 30 * MIN)).toBe(
      'Step 1 of 4 · Embedded software · Silent brainstorm · paused, 4:00 left',
    );
    expect(() => act(doc, { kind: 'pause' }, T0 + 2 * MIN)).toThrow(/paused already/);
    act(doc, { kind: 'resume' }, T0 + 10 * MIN);
    expect(readSession(doc).timer).toMatchObject({ status: 'running', endsAt: T0 + 14 * MIN });
    expect(readAgenda(doc).run).toMatchObject({
      status: 'running',
      endsAt: T0 + 14 * MIN,
      stepStartedAt: T0,
      stretchStartedAt: T0 + 10 * MIN,
    });
    expect(() => act(doc, { kind: 'resume' }, T0 + 11 * MIN)).toThrow(/not paused/);
    act(doc, { kind: 'next' }, T0 + 12 * MIN);
    expect(readAgenda(doc).run!.records[0]!.spentMs).toBe(3 * MIN);
  });

  it('extends the step and its timer, also once the time is up', () => {
    const doc = agendaBoard();
    act(doc, { kind: 'start' }, T0);
    expect(label(doc, T0 + 5 * MIN + 35_000)).toBe(
      'Step 1 of 4 · Embedded software · Silent brainstorm · 0:35 over',
    );
    act(doc, { kind: 'extend', ms: 2 * MIN }, T0 + 6 * MIN);
    expect(readAgenda(doc).run).toMatchObject({ endsAt: T0 + 8 * MIN });
    expect(readSession(doc).timer).toMatchObject({
      status: 'running',
      endsAt: T0 + 8 * MIN,
      durationMs: 7 * MIN,
    });
    expect(readAgenda(doc).run!.records[0]!.extendedMs).toBe(2 * MIN);
    expect(() => act(doc, { kind: 'extend', ms: 500 }, T0)).toThrow(/from 1 second to 4 hours/);
    expect(() => act(doc, { kind: 'extend', ms: 239 * MIN }, T0 + 6 * MIN)).toThrow(/at most 4 hours left/);
    act(doc, { kind: 'pause' }, T0 + 7 * MIN);
    act(doc, { kind: 'extend', ms: MIN }, T0 + 7 * MIN);
    expect(readAgenda(doc).run).toMatchObject({ status: 'paused', remainingMs: 2 * MIN });
    expect(readSession(doc).timer).toMatchObject({ status: 'paused', remainingMs: 2 * MIN });
  });

  it('goes back: the abandoned vote ends unrevealed and no iteration is saved', () => {
    const doc = agendaBoard();
    act(doc, { kind: 'start', stepId: 'vote' }, T0);
    expect(readSession(doc).vote?.status).toBe('open');
    const back = act(doc, { kind: 'back' }, T0 + MIN);
    expect(back.server).toEqual([]);
    expect(readSession(doc).vote).toBeNull();
    expect(readSession(doc).voteRounds).toEqual([]);
    expect(currentStep(readAgenda(doc).steps, readAgenda(doc).run)?.step.id).toBe('talk');
    // Forward again: a new vote, and the step counts two visits.
    act(doc, { kind: 'next' }, T0 + 2 * MIN);
    const record = readAgenda(doc).run!.records.find((r) => r.stepId === 'vote')!;
    expect(record.visits).toBe(2);
    expect(record.voteIds).toHaveLength(2);
    expect(record.voteIds[1]).toBe(readSession(doc).vote!.id);
    act(doc, { kind: 'back' }, T0 + 3 * MIN);
    act(doc, { kind: 'back' }, T0 + 3 * MIN);
    expect(() => act(doc, { kind: 'back' }, T0 + 3 * MIN)).toThrow(/first step/);
  });

  it('moves on without the vote when the facilitator chooses to, and never replaces an open vote silently', () => {
    const doc = agendaBoard();
    act(doc, { kind: 'start', stepId: 'vote' }, T0);
    const plan = planAgendaAction(doc, { kind: 'finish' }, priya.id, T0 + MIN, { discardOpenVote: true });
    expect(plan.server).toEqual([{ kind: 'saveIteration', name: 'Step 3 · Embedded software · Vote' }]);
    act(doc, { kind: 'finish' }, T0 + MIN, { discardOpenVote: true });
    expect(readSession(doc).vote).toBeNull();
    // A vote someone opened by hand blocks the vote step until it is revealed or ended.
    startVote(doc, { scope: 'cloud', dotsPerPerson: 5 }, tom.id, LOCAL, T0 + 2 * MIN);
    expect(() => act(doc, { kind: 'start', stepId: 'vote' }, T0 + 3 * MIN)).toThrow(/a vote is still open/);
    expect(readAgenda(doc).run?.status).toBe('finished');
    act(doc, { kind: 'start', stepId: 'vote' }, T0 + 3 * MIN, { discardOpenVote: true });
    expect(readSession(doc).vote).toMatchObject({ scope: 'embedded', dotsPerPerson: 2 });
  });

  it('refuses anyone but the facilitator, and actions the run cannot take', () => {
    const doc = agendaBoard();
    expect(() => applyAgendaTransition(doc, { kind: 'start' }, tom.id, LOCAL, T0)).toThrow(
      /only the facilitator/,
    );
    expect(() => act(doc, { kind: 'next' }, T0)).toThrow(/no agenda is running/);
    expect(() => act(doc, { kind: 'start', stepId: 'nope' }, T0)).toThrow(/no step nope/);
    expect(() => act(doc, { kind: 'start' }, Number.NaN)).toThrow(/serverNow must be a finite time/);
    expect(() => act(doc, { kind: 'jump' } as never, T0)).toThrow(/unknown agenda action: jump/);
    act(doc, { kind: 'start' }, T0);
    expect(() => act(doc, { kind: 'start' }, T0)).toThrow(/running already/);
    expect(() => act(doc, { kind: 'next', from: 'talk' }, T0)).toThrow(CommandError);
    expect(readSession(doc).silent?.active).toBe(true);
    const empty = newBoard();
    takeFacilitator(empty, priya, LOCAL, 1);
    expect(() => act(empty, { kind: 'start' }, T0)).toThrow(/no step to start/);
  });

  it('a second device pressing Next for the same step is refused, not done twice', () => {
    const a = agendaBoard();
    act(a, { kind: 'start' }, T0);
    const b = replicaOf(a);
    act(a, { kind: 'next', from: 'write' }, T0 + MIN);
    sync(a, b);
    expect(() => act(b, { kind: 'next', from: 'write' }, T0 + MIN + 200)).toThrow(/moved on already/);
    expect(currentStep(readAgenda(b).steps, readAgenda(b).run)?.step.id).toBe('talk');
  });

  it('converges when two devices act at once', () => {
    const a = agendaBoard();
    act(a, { kind: 'start' }, T0);
    const b = replicaOf(a);
    act(a, { kind: 'next' }, T0 + MIN);
    act(b, { kind: 'pause' }, T0 + MIN);
    sync(a, b);
    expect(readAgenda(a)).toEqual(readAgenda(b));
    expect(readSession(a)).toEqual(readSession(b));
  });

  it('goes on from where a step removed meanwhile stood', () => {
    const a = agendaBoard();
    act(a, { kind: 'start', stepId: 'talk' }, T0);
    // Another facilitator device, not yet seeing the run, deletes the step.
    const { session } = boardMaps(a);
    const agenda = session.get('agenda') as { steps: { id: string }[] };
    session.set('agenda', { steps: agenda.steps.filter((s) => s.id !== 'talk') });
    expect(label(a, T0)).toBe('A removed step (3 left in the agenda) · 10:00 left');
    act(a, { kind: 'next' }, T0 + MIN);
    expect(currentStep(readAgenda(a).steps, readAgenda(a).run)?.step.id).toBe('vote');
  });

  it('plans what the apply then does (the runner and the document agree)', () => {
    const doc = agendaBoard();
    for (const [action, at] of [
      [{ kind: 'start' }, T0],
      [{ kind: 'pause' }, T0 + 1000],
      [{ kind: 'extend', ms: 5000 }, T0 + 2000],
      [{ kind: 'resume' }, T0 + 3000],
      [{ kind: 'next' }, T0 + 4000],
      [{ kind: 'finish' }, T0 + 5000],
    ] as [AgendaAction, number][]) {
      const plan = planAgendaAction(doc, action, priya.id, at);
      const applied = act(doc, action, at);
      expect(applied.run).toEqual(plan.run);
      expect(readAgenda(doc).run).toEqual(plan.run);
    }
  });
});
