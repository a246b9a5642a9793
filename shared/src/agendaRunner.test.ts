import { describe, expect, it } from 'vitest';
import { makeAgendaStep } from './agenda';
import { AGENDA_ACTIVITIES, type AgendaRun } from './agendaModel';
import {
  formatClock,
  iterationNameOf,
  planAgendaTransition,
  stepInstruction,
  stepLabel,
  type AgendaSession,
} from './agendaRunner';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const NO_SESSION: AgendaSession = { focus: null, silent: null, vote: null, timer: null };
const COVERAGE = {
  score: 0,
  layers: { devices: 0, embedded: 0, communications: 0, cloud: 0, applications: 0 },
  counts: { empty: 30, exploring: 0, decided: 0, contested: 0 },
};

const steps = [
  makeAgendaStep({
    id: 'a',
    scope: { kind: 'cell', layer: 'cloud', area: 'security' },
    activity: 'discussion',
    timeboxMs: 2 * MIN,
  }),
  makeAgendaStep({
    id: 'b',
    scope: { kind: 'layer', layer: 'devices' },
    activity: 'dotVote',
    timeboxMs: MIN,
    dotsPerPerson: 1,
  }),
];

function started(): AgendaRun {
  return planAgendaTransition(
    { steps, run: null, session: NO_SESSION, by: 'u-p', serverNow: T0, coverage: COVERAGE },
    { kind: 'start' },
  ).run;
}

describe('planAgendaTransition', () => {
  it('starts at the first step: focus on its cell and its timer, nothing to ask the server', () => {
    const t = planAgendaTransition(
      { steps, run: null, session: NO_SESSION, by: 'u-p', serverNow: T0, coverage: COVERAGE },
      { kind: 'start' },
    );
    expect(t.effects).toEqual([
      { kind: 'setFocus', focus: { layer: 'cloud', area: 'security' } },
      { kind: 'startTimer', durationMs: 2 * MIN },
    ]);
    expect(t.server).toEqual([]);
    expect(t.entered?.id).toBe('a');
    expect(t.run.applied).toEqual({
      focus: { layer: 'cloud', area: 'security', since: T0 },
      silentSince: null,
      voteId: null,
      timer: { status: 'running', durationMs: 2 * MIN, endsAt: T0 + 2 * MIN, startedBy: 'u-p' },
    });
  });

  it('refuses Start without the coverage to keep', () => {
    expect(() =>
      planAgendaTransition(
        { steps, run: null, session: NO_SESSION, by: 'u-p', serverNow: T0 },
        { kind: 'start' },
      ),
    ).toThrow(/needs the board coverage/);
  });

  it("opens a cell step's vote on its layer, after moving the focus", () => {
    const run = started();
    const session: AgendaSession = { ...NO_SESSION, focus: run.applied.focus, timer: run.applied.timer };
    const t = planAgendaTransition({ steps, run, session, by: 'u-p', serverNow: T0 + MIN }, { kind: 'next' });
    expect(t.effects).toEqual([
      { kind: 'setFocus', focus: { layer: 'devices', area: null } },
      { kind: 'openVote', scope: 'devices', dotsPerPerson: 1 },
      { kind: 'startTimer', durationMs: MIN },
    ]);
    expect(t.left?.id).toBe('a');
  });
});

describe('stepLabel and stepInstruction', () => {
  it('shows where the run is, in the words of every screen', () => {
    expect(stepLabel(steps, null, T0)).toBeNull();
    expect(stepLabel(steps, started(), T0 + 20_500)).toBe(
      'Step 1 of 2 · Cloud platform / Security · Discussion · 1:40 left',
    );
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('says what to do now for every activity', () => {
    const lines = AGENDA_ACTIVITIES.map((activity) =>
      stepInstruction(
        makeAgendaStep({
          scope: { kind: 'layer', layer: 'communications' },
          activity,
          timeboxMs: MIN,
          ...(activity === 'dotVote' ? { dotsPerPerson: 1 } : {}),
        }),
      ),
    );
    expect(new Set(lines).size).toBe(AGENDA_ACTIVITIES.length);
    expect(lines[0]).toMatch(
      /^Write your own notes for Communications.*private until the facilitator reveals/,
    );
    expect(lines[2]).toBe(
      "Place your 1 dot on the notes of Communications that matter most: nobody sees anyone's dots until the reveal.",
    );
    for (const line of lines) expect(line).not.toMatch(/\n/);
  });

  it("names iterations after the step, within the server's limit", () => {
    expect(iterationNameOf(steps[1]!, 1)).toBe('Step 2 · Devices / Hardware · Vote');
  });
});
