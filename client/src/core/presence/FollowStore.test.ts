import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import { VIEWPORT_INTERVAL_MS } from './LocalPresence';
import { PresenceStore } from './PresenceStore';
import { AwarenessRoom, testUser } from './testing';

let room: AwarenessRoom;
const tabs = new Map<PresenceStore, Awareness>();

function open(id: string, name = id): PresenceStore {
  const awareness = room.join();
  const store = new PresenceStore(awareness, testUser(id, name, '#be185d'));
  tabs.set(store, awareness);
  return store;
}

function close(store: PresenceStore): void {
  store.destroy();
  room.leave(tabs.get(store)!);
  tabs.delete(store);
}

function show(store: PresenceStore, x: number, y: number, w = 800, h = 600): void {
  store.local.setViewport({ x, y, w, h });
  vi.advanceTimersByTime(VIEWPORT_INTERVAL_MS);
}

beforeEach(() => {
  vi.useFakeTimers();
  room = new AwarenessRoom();
});

afterEach(() => {
  for (const s of tabs.keys()) s.destroy();
  tabs.clear();
  room.destroy();
  vi.useRealTimers();
});

describe('FollowStore', () => {
  it("follows a person's viewport as it changes, and tells the others whom this tab follows", () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    show(ben, 100, 200);
    expect(ana.follow.start({ userId: 'ben' })).toBe(true);
    expect(ana.follow.getState()).toEqual({ userId: 'ben', name: 'Ben', color: '#be185d', present: true });
    expect(ana.follow.targetViewport()).toEqual({ x: 100, y: 200, w: 800, h: 600 });
    show(ben, 900, 50, 400, 300);
    expect(ana.follow.targetViewport()).toEqual({ x: 900, y: 50, w: 400, h: 300 });
    expect(ben.getPeer(ana.clientId)?.following).toBe('ben');
    ana.follow.stop();
    expect(ana.follow.getState()).toBeNull();
    expect(ana.follow.targetViewport()).toBeNull();
    expect(ben.getPeer(ana.clientId)?.following).toBeNull();
  });

  it('follows one tab by its awareness client id, and the person when that tab closes', () => {
    const ana = open('ana', 'Ana');
    const laptop = open('ben', 'Ben');
    const phone = open('ben', 'Ben');
    show(laptop, 0, 0);
    show(phone, 5000, 5000, 300, 600);
    expect(ana.follow.start(phone.clientId)).toBe(true);
    expect(ana.follow.targetViewport()).toEqual({ x: 5000, y: 5000, w: 300, h: 600 });
    close(phone);
    expect(ana.follow.targetViewport()).toEqual({ x: 0, y: 0, w: 800, h: 600 });
  });

  it('refuses to follow oneself or a tab that is not here', () => {
    const ana = open('ana', 'Ana');
    expect(ana.follow.start({ userId: 'ana' })).toBe(false);
    expect(ana.follow.start(123456)).toBe(false);
    expect(ana.follow.getState()).toBeNull();
  });

  it('waits for a person who left, and picks up when they come back', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    show(ben, 10, 10);
    ana.follow.start({ userId: 'ben' });
    close(ben);
    expect(ana.follow.getState()?.present).toBe(false);
    expect(ana.follow.targetViewport()).toBeNull();
    const back = open('ben', 'Ben');
    show(back, 70, 80);
    expect(ana.follow.getState()?.present).toBe(true);
    expect(ana.follow.targetViewport()).toEqual({ x: 70, y: 80, w: 800, h: 600 });
  });

  it('follows whom the followed person follows, and holds still in a loop', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    const cy = open('cy', 'Cy');
    show(ana, 1, 1);
    show(ben, 2, 2);
    show(cy, 3, 3);
    ben.follow.start({ userId: 'cy' });
    ana.follow.start({ userId: 'ben' });
    // Ben's own view lags Cy's by a fit: Ana goes straight to what Cy shows.
    expect(ana.follow.targetViewport()).toEqual({ x: 3, y: 3, w: 800, h: 600 });
    // Cy follows Ana: a loop. Fitting each other's views would zoom out for ever, so nobody moves.
    cy.follow.start({ userId: 'ana' });
    expect(ana.follow.targetViewport()).toBeNull();
    expect(cy.follow.targetViewport()).toBeNull();
  });

  it('tells its listeners when the followed person renames, not when they move', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    ana.follow.start({ userId: 'ben' });
    const heard = vi.fn();
    ana.follow.subscribe(heard);
    show(ben, 40, 40);
    ben.local.setCursor({ x: 3, y: 4 });
    expect(heard).not.toHaveBeenCalled();
    ben.local.setUser(testUser('ben', 'Benjamin', '#be185d'));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ana.follow.getState()?.name).toBe('Benjamin');
  });
});
