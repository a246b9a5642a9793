import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import { CURSOR_INTERVAL_MS } from './LocalPresence';
import { PresenceStore } from './PresenceStore';
import { AwarenessRoom, testUser } from './testing';

let room: AwarenessRoom;
const stores = new Map<PresenceStore, Awareness>();

function open(id: string, name = id, idleAfterMs?: number): PresenceStore {
  const awareness = room.join();
  const store = new PresenceStore(awareness, testUser(id, name), idleAfterMs ? { idleAfterMs } : {});
  stores.set(store, awareness);
  return store;
}

/** Closes a tab: the relay tells everyone its state is gone. */
function close(store: PresenceStore): void {
  store.destroy();
  room.leave(stores.get(store)!);
  stores.delete(store);
}

beforeEach(() => {
  vi.useFakeTimers();
  room = new AwarenessRoom();
});

afterEach(() => {
  for (const s of stores.keys()) s.destroy();
  stores.clear();
  room.destroy();
  vi.useRealTimers();
});

describe('PresenceStore', () => {
  it('lists everyone, this person first, with name, department and colour', () => {
    const ana = open('ana', 'Ana');
    open('ben', 'Ben');
    open('cy', 'Cy');
    expect(ana.getParticipants().map((p) => [p.name, p.self, p.status])).toEqual([
      ['Ana', true, 'online'],
      ['Ben', false, 'online'],
      ['Cy', false, 'online'],
    ]);
    expect(ana.getParticipants()[1]).toMatchObject({ department: 'cloud', color: '#1d4ed8' });
  });

  it('shows one entry per person, however many tabs they have open', () => {
    const ana = open('ana', 'Ana');
    const ben1 = open('ben', 'Ben');
    const ben2 = open('ben', 'Ben');
    const ben = ana.getParticipants().find((p) => p.userId === 'ben')!;
    expect(ana.getParticipants()).toHaveLength(2);
    expect([...ben.clientIds].sort()).toEqual([ben1.clientId, ben2.clientId].sort());
  });

  it('keeps its participant snapshot while only cursors move, and tells cursor listeners alone', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    const before = ana.getParticipants();
    const heard = { people: 0, cursors: 0, marks: 0 };
    ana.subscribeParticipants(() => heard.people++);
    ana.subscribeCursors(() => heard.cursors++);
    ana.subscribeMarks(() => heard.marks++);
    for (let i = 0; i < 5; i++) {
      ben.local.setCursor({ x: i * 10, y: 5 });
      vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    }
    expect(heard).toEqual({ people: 0, cursors: 5, marks: 0 });
    expect(ana.getParticipants()).toBe(before);
    expect(ana.getCursors()).toEqual([
      { clientId: ben.clientId, x: 40, y: 5, name: 'Ben', color: '#1d4ed8' },
    ]);
  });

  it("reports others' selections and the note they type in", () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    ben.local.setSelection(['n1', 'n2']);
    ben.local.setEditing('n2');
    expect(ana.getMarks()).toEqual([
      {
        clientId: ben.clientId,
        userId: 'ben',
        name: 'Ben',
        color: '#1d4ed8',
        selection: ['n1', 'n2'],
        editing: 'n2',
      },
    ]);
    const marks = ana.getMarks();
    ben.local.setCursor({ x: 1, y: 1 });
    expect(ana.getMarks()).toBe(marks);
    ben.local.setSelection([]);
    ben.local.setEditing(null);
    expect(ana.getMarks()).toEqual([]);
  });

  it('marks someone offline when their last tab leaves, and online again when they return', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    const benAgain = open('ben', 'Ben');
    close(ben);
    expect(ana.getParticipants().find((p) => p.userId === 'ben')?.status).toBe('online');
    close(benAgain);
    expect(ana.getParticipants().find((p) => p.userId === 'ben')).toMatchObject({
      status: 'offline',
      clientIds: [],
    });
    expect(ana.getCursors()).toEqual([]);
    open('ben', 'Ben');
    expect(ana.getParticipants().find((p) => p.userId === 'ben')?.status).toBe('online');
  });

  it('shows someone idle once their tab says so, and online at their next input', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben', 1_000);
    const status = () => ana.getParticipants().find((p) => p.userId === 'ben')?.status;
    vi.advanceTimersByTime(999);
    expect(status()).toBe('online');
    vi.advanceTimersByTime(1);
    expect(status()).toBe('idle');
    ben.local.noteInput();
    expect(status()).toBe('online');
    ben.local.setHidden(true);
    expect(status()).toBe('idle');
  });

  it('counts a person online while any of their tabs is in use', () => {
    const ana = open('ana', 'Ana');
    const ben1 = open('ben', 'Ben');
    open('ben', 'Ben');
    ben1.local.setHidden(true);
    expect(ana.getParticipants().find((p) => p.userId === 'ben')?.status).toBe('online');
  });

  it('ignores a client that sends garbage, and drops it when it stops sending anything usable', () => {
    const ana = open('ana', 'Ana');
    const bad = room.join();
    room.send(bad, { user: { id: 'x y', name: 'Mallory', color: 'red' }, cursor: { x: 1, y: 1 } });
    expect(ana.getParticipants()).toHaveLength(1);
    expect(ana.getCursors()).toEqual([]);
    room.send(bad, { user: testUser('mal', 'Mallory'), cursor: { x: 'far', y: 1 }, selection: 'all' });
    expect(ana.getParticipants()).toHaveLength(2);
    expect(ana.getCursors()).toEqual([]);
    expect(ana.getMarks()).toEqual([]);
    room.send(bad, { user: 5 });
    expect(ana.getParticipants().find((p) => p.userId === 'mal')?.status).toBe('offline');
  });

  it('remembers a bounded number of people who left', () => {
    const ana = open('ana', 'Ana');
    for (let i = 0; i < 60; i++) {
      const tab = room.join();
      room.send(tab, { user: testUser(`p${i}`, `P${i}`) });
      room.leave(tab);
    }
    const offline = ana.getParticipants().filter((p) => p.status === 'offline');
    expect(offline).toHaveLength(50);
    expect(offline.some((p) => p.userId === 'p59')).toBe(true);
    expect(offline.some((p) => p.userId === 'p0')).toBe(false);
  });

  it('passes a changed name and colour on to everyone', () => {
    const ana = open('ana', 'Ana');
    const ben = open('ben', 'Ben');
    ben.local.setUser(testUser('ben', 'Benjamin', '#15803d', 'Field service'));
    expect(ana.getParticipants()[1]).toMatchObject({
      name: 'Benjamin',
      color: '#15803d',
      department: 'Field service',
    });
  });
});
