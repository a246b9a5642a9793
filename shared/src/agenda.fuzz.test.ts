import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaStep,
  frameworkPlan,
  moveAgendaStep,
  readAgenda,
  removeAgendaStep,
  setAgenda,
} from './agenda';
import { stepLabel, type AgendaAction } from './agendaRunner';
import { applyAgendaTransition } from './agendaTransition';
import { CommandError } from './commands';
import { boardMaps } from './schema';
import { readSession, setFocus, takeFacilitator } from './session';
import { LOCAL, mulberry32, newBoard } from './testing';
import { addTimerMinute } from './timer';
import { revealVote } from './voting';

/**
 * Two facilitator devices (one person, as on a laptop and a tablet) drive the agenda while the server
 * reveals votes, updates travel late and in random order, and the facilitator also changes focus and
 * timer by hand. Whatever happens, once everything is delivered both read the same agenda and session,
 * and whatever the document holds reads as a valid run.
 */

const REMOTE = Symbol('remote');
const T0 = 1_700_000_000_000;
const priya = { id: 'u-priya', name: 'Priya', color: '#b4532a' };

/** How many agenda actions the fuzz applied, per kind: proof that it exercises the runner at all. */
const applied = new Map<string, number>();

function runFuzz(seed: number, steps: number): Y.Doc[] {
  const random = mulberry32(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const docs = [newBoard()];
  takeFacilitator(docs[0]!, priya, LOCAL, T0);
  setAgenda(docs[0]!, frameworkPlan().slice(0, 6), priya.id, LOCAL);
  docs.push(new Y.Doc());
  Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!), REMOTE);
  const inbox: Uint8Array[][] = [[], []];
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) inbox[1 - from]!.push(update);
    });
  });
  const deliver = (to: number, count: number): void => {
    const queue = inbox[to]!;
    for (let k = 0; k < count && queue.length > 0; k++) {
      const [update] = queue.splice(int(queue.length), 1);
      Y.applyUpdate(docs[to]!, update!, REMOTE);
    }
  };
  const actions: (() => AgendaAction)[] = [
    () => ({ kind: 'start' }),
    () => ({ kind: 'next' }),
    () => ({ kind: 'next' }),
    () => ({ kind: 'back' }),
    () => ({ kind: 'pause' }),
    () => ({ kind: 'resume' }),
    () => ({ kind: 'extend', ms: 1000 * (1 + int(300)) }),
    () => ({ kind: 'finish' }),
  ];
  let now = T0;
  for (let i = 0; i < steps; i++) {
    now += int(120_000);
    const doc = docs[int(2)]!;
    const roll = random();
    try {
      if (roll < 0.55) {
        const action = actions[int(actions.length)]!();
        applyAgendaTransition(doc, action, priya.id, LOCAL, now, { discardOpenVote: random() < 0.3 });
        applied.set(action.kind, (applied.get(action.kind) ?? 0) + 1);
      } else if (roll < 0.65) {
        const vote = readSession(doc).vote;
        if (vote?.status === 'open') revealVote(doc, vote.id, [], 'server', now);
      } else if (roll < 0.72) {
        setFocus(doc, { layer: 'cloud', area: 'data' }, LOCAL, now);
      } else if (roll < 0.77) {
        addTimerMinute(doc, LOCAL, now);
      } else if (roll < 0.85) {
        const { steps: list } = readAgenda(doc);
        if (list.length > 0)
          moveAgendaStep(doc, list[int(list.length)]!.id, int(list.length), priya.id, LOCAL);
      } else if (roll < 0.9) {
        const { steps: list } = readAgenda(doc);
        if (list.length > 1) removeAgendaStep(doc, list[int(list.length)]!.id, priya.id, LOCAL);
      } else if (roll < 0.95) {
        addAgendaStep(
          doc,
          { scope: { kind: 'board' }, activity: 'gapReview', timeboxMs: 60_000 },
          priya.id,
          LOCAL,
        );
      } else {
        deliver(int(2), 1 + int(6));
      }
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
    for (const d of docs) {
      const stored = boardMaps(d).session.get('agendaRun');
      const { steps: list, run } = readAgenda(d);
      if (stored !== undefined) expect(run, `seed ${seed} step ${i}`).not.toBeNull();
      expect(() => stepLabel(list, run, now)).not.toThrow();
    }
  }
  deliver(0, Number.POSITIVE_INFINITY);
  deliver(1, Number.POSITIVE_INFINITY);
  return docs;
}

describe('agenda convergence fuzz', () => {
  it('two facilitator devices end up with the same agenda and session, whatever the order', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const [a, b] = runFuzz(seed, 100);
      expect(readAgenda(b!), `seed ${seed}`).toEqual(readAgenda(a!));
      expect(readSession(b!), `seed ${seed}`).toEqual(readSession(a!));
    }
    for (const kind of ['start', 'next', 'back', 'pause', 'resume', 'extend', 'finish'])
      expect(applied.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect([...applied.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(100);
  });
});
