import { describe, expect, it } from 'vitest';
import {
  addAgendaStep,
  frameworkPlan,
  makeAgendaStep,
  moveAgendaStep,
  readAgenda,
  removeAgendaStep,
  setAgenda,
  updateAgendaStep,
  type AgendaStepInput,
} from './agenda';
import { MAX_AGENDA_STEPS, parseAgendaRun, parseAgendaSteps, scopeName } from './agendaModel';
import { applyAgendaTransition } from './agendaTransition';
import { CommandError } from './commands';
import { LAYER_IDS } from './framework';
import { boardMaps } from './schema';
import { takeFacilitator } from './session';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';

const priya = { id: 'u-priya', name: 'Priya', color: '#b4532a' };
const tom = { id: 'u-tom', name: 'Tom', color: '#2a63b4' };
const MIN = 60_000;

function facilitatedBoard() {
  const doc = newBoard();
  takeFacilitator(doc, priya, LOCAL, 1);
  return doc;
}

const talk = (over: Partial<AgendaStepInput> = {}): AgendaStepInput => ({
  scope: { kind: 'layer', layer: 'cloud' },
  activity: 'discussion',
  timeboxMs: 10 * MIN,
  ...over,
});

describe('frameworkPlan', () => {
  it('goes through every layer with a brainstorm, a discussion and a vote, then reviews and plans', () => {
    const plan = frameworkPlan();
    expect(plan).toHaveLength(17);
    LAYER_IDS.forEach((layer, i) => {
      expect(plan.slice(i * 3, i * 3 + 3).map((s) => [s.scope, s.activity])).toEqual([
        [{ kind: 'layer', layer }, 'silentBrainstorm'],
        [{ kind: 'layer', layer }, 'discussion'],
        [{ kind: 'layer', layer }, 'dotVote'],
      ]);
      expect(plan[i * 3 + 2]).toMatchObject({ dotsPerPerson: 3, saveIteration: true });
    });
    expect(plan.slice(15).map((s) => [s.scope.kind, s.activity])).toEqual([
      ['board', 'consistencyReview'],
      ['board', 'roadmap'],
    ]);
    const total = plan.reduce((sum, s) => sum + s.timeboxMs, 0);
    expect(total).toBe(155 * MIN);
    for (const step of plan) expect(step.timeboxMs).toBeGreaterThanOrEqual(4 * MIN);
  });

  it('is set in one click and read back with ids', () => {
    const doc = facilitatedBoard();
    expect(transactionsOf(doc, () => setAgenda(doc, frameworkPlan(), priya.id, LOCAL))).toEqual([LOCAL]);
    const { steps, run } = readAgenda(doc);
    expect(steps).toHaveLength(17);
    expect(new Set(steps.map((s) => s.id)).size).toBe(17);
    expect(steps[4]).toMatchObject({ activity: 'discussion', scope: { kind: 'layer', layer: 'embedded' } });
    expect(steps[0]!.dotsPerPerson).toBeNull();
    expect(run).toBeNull();
  });
});

describe('agenda editing', () => {
  it('adds, moves, updates and removes steps', () => {
    const doc = facilitatedBoard();
    const a = addAgendaStep(doc, talk({ id: 'a' }), priya.id, LOCAL);
    addAgendaStep(doc, talk({ id: 'b', activity: 'dotVote' }), priya.id, LOCAL);
    addAgendaStep(doc, talk({ id: 'c', scope: { kind: 'board' }, activity: 'roadmap' }), priya.id, LOCAL, 0);
    expect(a).toEqual({
      id: 'a',
      scope: { kind: 'layer', layer: 'cloud' },
      activity: 'discussion',
      timeboxMs: 10 * MIN,
      dotsPerPerson: null,
      saveIteration: false,
    });
    const ids = () => readAgenda(doc).steps.map((s) => s.id);
    expect(ids()).toEqual(['c', 'a', 'b']);
    expect(readAgenda(doc).steps[2]!.dotsPerPerson).toBe(3);
    moveAgendaStep(doc, 'c', 2, priya.id, LOCAL);
    expect(ids()).toEqual(['a', 'b', 'c']);
    moveAgendaStep(doc, 'b', 0, priya.id, LOCAL);
    expect(ids()).toEqual(['b', 'a', 'c']);
    updateAgendaStep(doc, 'a', { timeboxMs: 90_000, saveIteration: true }, priya.id, LOCAL);
    expect(readAgenda(doc).steps[1]).toMatchObject({ timeboxMs: 90_000, saveIteration: true });
    // Into a vote: default dots; out of it: none.
    expect(updateAgendaStep(doc, 'a', { activity: 'dotVote' }, priya.id, LOCAL).dotsPerPerson).toBe(3);
    expect(updateAgendaStep(doc, 'a', { dotsPerPerson: 5 }, priya.id, LOCAL).dotsPerPerson).toBe(5);
    expect(updateAgendaStep(doc, 'a', { timeboxMs: 60_000 }, priya.id, LOCAL).dotsPerPerson).toBe(5);
    expect(updateAgendaStep(doc, 'a', { activity: 'gapReview' }, priya.id, LOCAL).dotsPerPerson).toBeNull();
    updateAgendaStep(
      doc,
      'a',
      { scope: { kind: 'cell', layer: 'devices', area: 'security' } },
      priya.id,
      LOCAL,
    );
    expect(scopeName(readAgenda(doc).steps[1]!.scope)).toBe('Devices / Hardware / Security');
    removeAgendaStep(doc, 'b', priya.id, LOCAL);
    expect(ids()).toEqual(['a', 'c']);
  });

  it('refuses anyone but the current facilitator, changing nothing', () => {
    const doc = newBoard();
    expect(() => setAgenda(doc, frameworkPlan(), tom.id, LOCAL)).toThrow(/only the facilitator/);
    takeFacilitator(doc, priya, LOCAL, 1);
    addAgendaStep(doc, talk({ id: 'a' }), priya.id, LOCAL);
    const before = readAgenda(doc);
    expect(() => addAgendaStep(doc, talk(), tom.id, LOCAL)).toThrow(CommandError);
    expect(() => removeAgendaStep(doc, 'a', tom.id, LOCAL)).toThrow(CommandError);
    expect(() => moveAgendaStep(doc, 'a', 0, tom.id, LOCAL)).toThrow(CommandError);
    expect(() => updateAgendaStep(doc, 'a', { timeboxMs: 5000 }, tom.id, LOCAL)).toThrow(CommandError);
    expect(() => setAgenda(doc, [], ' ', LOCAL)).toThrow(/by must be a non-empty string/);
    expect(readAgenda(doc)).toBe(before);
  });

  it('refuses bad steps with words the editor can show', () => {
    const cases: [Partial<AgendaStepInput>, RegExp][] = [
      [{ timeboxMs: 500 }, /from 1 second to 4 hours/],
      [{ timeboxMs: 5 * 60 * MIN }, /from 1 second to 4 hours/],
      [{ timeboxMs: Number.NaN }, /finite number/],
      [{ activity: 'lunch' as never }, /unknown activity: lunch/],
      [{ scope: { kind: 'layer', layer: 'roof' } as never }, /scope must be/],
      [{ scope: { kind: 'cell', layer: 'cloud' } as never }, /scope must be/],
      [{ dotsPerPerson: 3 }, /only a vote step has dots/],
      [{ activity: 'dotVote', dotsPerPerson: 21 }, /from 1 to 20/],
      [{ id: '' }, /step id/],
      [{ id: 'x'.repeat(65) }, /step id/],
      [{ saveIteration: 'yes' as never }, /true or false/],
    ];
    for (const [over, message] of cases)
      expect(() => makeAgendaStep(talk(over)), String(message)).toThrow(message);
  });

  it('keeps the limits on steps and on the whole day', () => {
    const doc = facilitatedBoard();
    const many = Array.from({ length: MAX_AGENDA_STEPS + 1 }, () => talk({ timeboxMs: 1000 }));
    expect(() => setAgenda(doc, many, priya.id, LOCAL)).toThrow(/at most 60 steps/);
    setAgenda(doc, many.slice(1), priya.id, LOCAL);
    expect(() => addAgendaStep(doc, talk(), priya.id, LOCAL)).toThrow(/at most 60 steps/);
    const long = Array.from({ length: 4 }, () => talk({ timeboxMs: 4 * 60 * MIN }));
    expect(() => setAgenda(doc, long, priya.id, LOCAL)).toThrow(
      /at most 12 hours; this one would take 960 minutes/,
    );
    expect(readAgenda(doc).steps).toHaveLength(MAX_AGENDA_STEPS);
  });

  it('names a missing step, a taken id and an index out of range', () => {
    const doc = facilitatedBoard();
    addAgendaStep(doc, talk({ id: 'a' }), priya.id, LOCAL);
    expect(() => addAgendaStep(doc, talk({ id: 'a' }), priya.id, LOCAL)).toThrow(/already has a step a/);
    expect(() => addAgendaStep(doc, talk(), priya.id, LOCAL, 5)).toThrow(/index must be/);
    expect(() => moveAgendaStep(doc, 'a', 1, priya.id, LOCAL)).toThrow(/toIndex must be/);
    expect(() => removeAgendaStep(doc, 'zz', priya.id, LOCAL)).toThrow(/no step zz/);
    expect(() => updateAgendaStep(doc, 'zz', {}, priya.id, LOCAL)).toThrow(/no step zz/);
  });

  it('keeps the running step, and the whole list, while a run is going', () => {
    const doc = facilitatedBoard();
    setAgenda(doc, [talk({ id: 'a' }), talk({ id: 'b' })], priya.id, LOCAL);
    applyAgendaTransition(doc, { kind: 'start' }, priya.id, LOCAL, 1000);
    expect(() => removeAgendaStep(doc, 'a', priya.id, LOCAL)).toThrow(/running step cannot be removed/);
    expect(() => setAgenda(doc, [], priya.id, LOCAL)).toThrow(/finish the running agenda/);
    // Others may change, and the run follows its step wherever it moves.
    moveAgendaStep(doc, 'a', 1, priya.id, LOCAL);
    removeAgendaStep(doc, 'b', priya.id, LOCAL);
    expect(readAgenda(doc).run?.stepId).toBe('a');
    applyAgendaTransition(doc, { kind: 'finish' }, priya.id, LOCAL, 2000);
    setAgenda(doc, [], priya.id, LOCAL);
    expect(readAgenda(doc).steps).toEqual([]);
  });

  it('converges when two facilitator devices edit at once', () => {
    const a = facilitatedBoard();
    setAgenda(a, [talk({ id: 's1' })], priya.id, LOCAL);
    const b = replicaOf(a);
    addAgendaStep(a, talk({ id: 's2' }), priya.id, LOCAL);
    updateAgendaStep(b, 's1', { timeboxMs: 2000 }, priya.id, LOCAL);
    sync(a, b);
    expect(readAgenda(a)).toEqual(readAgenda(b));
    // One device's list wins whole: never a mix neither made.
    expect([
      [10 * MIN, 's1', 's2'],
      [2000, 's1'],
    ]).toContainEqual([readAgenda(a).steps[0]!.timeboxMs, ...readAgenda(a).steps.map((s) => s.id)]);
  });
});

describe('readAgenda', () => {
  it('returns the same snapshot until the agenda or its run changes', () => {
    const doc = facilitatedBoard();
    const first = readAgenda(doc);
    expect(readAgenda(doc)).toBe(first);
    takeFacilitator(doc, tom, LOCAL, 2);
    expect(readAgenda(doc)).toBe(first);
    addAgendaStep(doc, talk(), tom.id, LOCAL);
    expect(readAgenda(doc)).not.toBe(first);
  });

  it('reads what a faulty client wrote as no step or no run, never throws', () => {
    const doc = facilitatedBoard();
    const { session } = boardMaps(doc);
    const good = {
      id: 'a',
      scope: { kind: 'board' },
      activity: 'roadmap',
      timeboxMs: 5000,
      dotsPerPerson: null,
      saveIteration: false,
    };
    session.set('agenda', {
      steps: [
        good,
        { ...good }, // a repeated id
        { ...good, id: 'b', activity: 'dotVote' }, // a vote without dots
        { ...good, id: 'c', dotsPerPerson: 2 }, // dots on a roadmap
        { ...good, id: 'd', timeboxMs: 1.5e4 + 0.5 },
        { ...good, id: 'e', scope: { kind: 'cell', layer: 'cloud', area: 'roof' } },
        'f',
        { ...good, id: 'g', activity: 'dotVote', dotsPerPerson: 4, evil: true },
      ],
    });
    expect(readAgenda(doc).steps).toEqual([
      good,
      { ...good, id: 'g', activity: 'dotVote', dotsPerPerson: 4 },
    ]);
    session.set('agenda', [good]);
    session.set('agendaRun', { status: 'running' });
    expect(readAgenda(doc)).toEqual({ steps: [], run: null });
    expect(
      parseAgendaSteps({ steps: Array.from({ length: 99 }, (_, i) => ({ ...good, id: `s${i}` })) }),
    ).toHaveLength(MAX_AGENDA_STEPS);
  });

  it('reads a run whole or not at all', () => {
    const doc = facilitatedBoard();
    setAgenda(doc, [talk({ id: 'a' })], priya.id, LOCAL);
    applyAgendaTransition(doc, { kind: 'start' }, priya.id, LOCAL, 1000);
    const stored = boardMaps(doc).session.get('agendaRun') as Record<string, unknown>;
    expect(parseAgendaRun(stored)).toEqual(readAgenda(doc).run);
    for (const broken of [
      { ...stored, status: 'flying' },
      { ...stored, stepId: null },
      { ...stored, finishedAt: 5 },
      { ...stored, records: [{ stepId: 'a' }] },
      { ...stored, coverageAtStart: { score: 120, layers: {}, counts: {} } },
      { ...stored, endsAt: Number.POSITIVE_INFINITY },
    ]) {
      expect(parseAgendaRun(broken)).toBeNull();
    }
  });
});
