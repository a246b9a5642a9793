import { describe, expect, it } from 'vitest';
import { CommandError } from './commands';
import { boardMaps } from './schema';
import {
  EMPTY_SESSION,
  readSession,
  releaseFacilitator,
  revealSilentMode,
  setFocus,
  startSilentMode,
  summonEveryone,
  takeFacilitator,
} from './session';
import { startTimer } from './timer';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';

const priya = { id: 'u-priya', name: 'Priya', color: '#b4532a' };
const tom = { id: 'u-tom', name: 'Tom', color: '#2a63b4' };

describe('readSession', () => {
  it('reads a fresh board as an empty session', () => {
    expect(readSession(newBoard())).toEqual(EMPTY_SESSION);
  });

  it('returns the same snapshot until the session changes, and a new one after', () => {
    const doc = newBoard();
    const first = readSession(doc);
    expect(readSession(doc)).toBe(first);
    setFocus(doc, { layer: 'cloud' }, LOCAL, 10);
    const second = readSession(doc);
    expect(second).not.toBe(first);
    expect(second.focus).toEqual({ layer: 'cloud', area: null, since: 10 });
    expect(readSession(doc)).toBe(second);
    // Changing one concern keeps the others' values.
    takeFacilitator(doc, priya, LOCAL, 20);
    expect(readSession(doc).focus).toEqual(second.focus);
  });

  it('reads what a faulty client wrote as absent, never throws', () => {
    const doc = newBoard();
    const { session } = boardMaps(doc);
    session.set('facilitator', { id: '', name: 'x', color: 'y', since: 1 });
    session.set('focus', { layer: 'roof', area: null, since: 1 });
    session.set('timer', { status: 'running', durationMs: 1e12, endsAt: 5, startedBy: 'a' });
    session.set('vote', {
      id: 'v',
      scope: 'cloud',
      dotsPerPerson: 99,
      status: 'open',
      startedAt: 1,
      startedBy: 'a',
    });
    session.set('silent', 'on');
    expect(readSession(doc)).toEqual(EMPTY_SESSION);
    session.set('timer', { status: 'paused', durationMs: 60_000, startedBy: 'a' });
    session.set('focus', [1, 2]);
    session.set('silent', { active: true, since: 1, by: 'a', revealedAt: 'later' });
    expect(readSession(doc)).toEqual(EMPTY_SESSION);
  });

  it('reads the revealed vote rounds, skipping a malformed one whole', () => {
    const doc = newBoard();
    const round = {
      voteId: 'v1',
      scope: 'cloud',
      dotsPerPerson: 3,
      startedAt: 1,
      revealedAt: 2,
      voters: 2,
      totals: { n1: { dots: 3, voters: 2 } },
    };
    boardMaps(doc).session.set('voteRounds', [
      round,
      { ...round, voteId: 'v2', totals: { n1: { dots: 2, voters: 1 }, n2: { dots: 'x', voters: 1 } } },
      { ...round, voteId: 'v3', scope: 'roof' },
      'v4',
    ]);
    expect(readSession(doc).voteRounds).toEqual([round]);
    boardMaps(doc).session.set('voteRounds', { v1: round });
    expect(readSession(doc).voteRounds).toEqual([]);
  });

  it('drops unknown extra fields from values', () => {
    const doc = newBoard();
    boardMaps(doc).session.set('focus', { layer: 'devices', area: 'ux', since: 3, evil: true });
    expect(readSession(doc).focus).toEqual({ layer: 'devices', area: 'ux', since: 3 });
  });
});

describe('facilitator', () => {
  it('is taken by one person and can be taken over by another', () => {
    const doc = newBoard();
    expect(transactionsOf(doc, () => takeFacilitator(doc, priya, LOCAL, 100))).toEqual([LOCAL]);
    expect(readSession(doc).facilitator).toEqual({ ...priya, since: 100 });
    takeFacilitator(doc, tom, LOCAL, 200);
    expect(readSession(doc).facilitator).toEqual({ ...tom, since: 200 });
  });

  it('is released only by whoever holds it', () => {
    const doc = newBoard();
    takeFacilitator(doc, priya, LOCAL, 100);
    expect(releaseFacilitator(doc, tom.id, LOCAL)).toBe(false);
    expect(readSession(doc).facilitator?.id).toBe(priya.id);
    expect(releaseFacilitator(doc, priya.id, LOCAL)).toBe(true);
    expect(readSession(doc).facilitator).toBeNull();
  });

  it('refuses a person without an id', () => {
    expect(() => takeFacilitator(newBoard(), { ...priya, id: ' ' }, LOCAL, 1)).toThrow(CommandError);
    expect(() => takeFacilitator(newBoard(), priya, LOCAL, NaN)).toThrow(/now must be a finite time/);
  });

  it('converges when two people take it at once, without touching the other concerns', () => {
    const a = newBoard();
    const b = replicaOf(a);
    setFocus(a, { layer: 'devices', area: 'security' }, LOCAL, 1);
    takeFacilitator(a, priya, LOCAL, 2);
    startTimer(b, 60_000, tom.id, LOCAL, 3);
    takeFacilitator(b, tom, LOCAL, 2);
    sync(a, b);
    expect(readSession(a)).toEqual(readSession(b));
    expect([priya.id, tom.id]).toContain(readSession(a).facilitator?.id);
    expect(readSession(a).focus?.area).toBe('security');
    expect(readSession(a).timer?.status).toBe('running');
  });
});

describe('setFocus', () => {
  it('focuses a layer or one of its cells, and lifts the focus', () => {
    const doc = newBoard();
    setFocus(doc, { layer: 'communications', area: 'data' }, LOCAL, 5);
    expect(readSession(doc).focus).toEqual({ layer: 'communications', area: 'data', since: 5 });
    setFocus(doc, null, LOCAL, 6);
    expect(readSession(doc).focus).toBeNull();
  });

  it('names an unknown layer or area', () => {
    const doc = newBoard();
    expect(() => setFocus(doc, { layer: 'roof' as never }, LOCAL, 1)).toThrow(/unknown layer: roof/);
    expect(() => setFocus(doc, { layer: 'cloud', area: 'sales' as never }, LOCAL, 1)).toThrow(
      /unknown area: sales/,
    );
  });
});

describe('silent mode', () => {
  it('starts, then is revealed with the time every client reacts to', () => {
    const doc = newBoard();
    expect(startSilentMode(doc, priya.id, LOCAL, 100)).toBe(true);
    expect(readSession(doc).silent).toEqual({ active: true, since: 100, by: priya.id });
    expect(startSilentMode(doc, tom.id, LOCAL, 150)).toBe(false);
    expect(readSession(doc).silent?.since).toBe(100);
    expect(revealSilentMode(doc, tom.id, LOCAL, 400)).toBe(true);
    expect(readSession(doc).silent).toEqual({ active: false, since: 100, by: tom.id, revealedAt: 400 });
    expect(revealSilentMode(doc, tom.id, LOCAL, 500)).toBe(false);
    expect(readSession(doc).silent?.revealedAt).toBe(400);
  });

  it('cannot be revealed before it started', () => {
    const doc = newBoard();
    expect(revealSilentMode(doc, priya.id, LOCAL, 1)).toBe(false);
    expect(readSession(doc).silent).toBeNull();
  });
});

describe('summonEveryone', () => {
  const view = { x: 100, y: -40, w: 1600, h: 900 };

  it('records what the facilitator shows, by whom and when', () => {
    const doc = newBoard();
    takeFacilitator(doc, priya, LOCAL, 1);
    expect(
      transactionsOf(doc, () => summonEveryone(doc, { id: 's1', by: priya.id, viewport: view }, LOCAL, 50)),
    ).toEqual([LOCAL]);
    expect(readSession(doc).summon).toEqual({ id: 's1', at: 50, by: priya.id, viewport: view });
  });

  it('refuses anyone but the current facilitator', () => {
    const doc = newBoard();
    expect(() => summonEveryone(doc, { id: 's1', by: tom.id, viewport: view }, LOCAL, 1)).toThrow(
      /only the facilitator/,
    );
    takeFacilitator(doc, priya, LOCAL, 1);
    expect(() => summonEveryone(doc, { id: 's1', by: tom.id, viewport: view }, LOCAL, 1)).toThrow(
      CommandError,
    );
    expect(readSession(doc).summon).toBeNull();
  });

  it('refuses a viewport that is no rectangle on the board', () => {
    const doc = newBoard();
    takeFacilitator(doc, priya, LOCAL, 1);
    for (const viewport of [
      { ...view, w: 0 },
      { ...view, x: Number.POSITIVE_INFINITY },
      { ...view, h: 1e12 },
      null,
    ]) {
      expect(() =>
        summonEveryone(doc, { id: 's1', by: priya.id, viewport: viewport as never }, LOCAL, 1),
      ).toThrow(/viewport/);
    }
  });

  it('reads a malformed summon someone wrote directly as absent', () => {
    const doc = newBoard();
    const { session } = boardMaps(doc);
    session.set('summon', { id: 's', at: 1, by: priya.id, viewport: { x: 0, y: 0, w: -5, h: 1 } });
    expect(readSession(doc).summon).toBeNull();
    session.set('summon', { id: 's', at: 1, viewport: view });
    expect(readSession(doc).summon).toBeNull();
    session.set('summon', { id: 's', at: 1, by: priya.id, viewport: view, evil: true });
    expect(readSession(doc).summon).toEqual({ id: 's', at: 1, by: priya.id, viewport: view });
  });
});
