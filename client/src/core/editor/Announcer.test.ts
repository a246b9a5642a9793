import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, createBoard, editNoteText, startVote, templateZones, zoneKey } from '@shared';
import { Announcer, DIGEST_MS } from './Announcer';
import { BoardStore } from '../store/BoardStore';

/** Two replicas of one board: `mine` is the page that announces, `theirs` is everybody else. */
function room() {
  const theirs = new Y.Doc();
  createBoard(theirs, { title: 'Test' }, 'server');
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'provider');
  const origin = { local: true };
  let synced = true;
  const marks: { name: string; selection: string[]; editing: string | null }[] = [];
  const announcer = new Announcer(
    {
      doc: mine,
      origin,
      store: new BoardStore(mine),
      presence: { getMarks: () => marks } as never,
      synced: () => synced,
    },
    () => Date.now(),
  );
  const heard: string[] = [];
  const stop = announcer.subscribe(() => heard.push(announcer.getMessage()));
  // What the others do reaches this page as an update from the provider.
  theirs.on('update', (update: Uint8Array) => Y.applyUpdate(mine, update, 'provider'));
  return {
    theirs,
    mine,
    origin,
    marks,
    announcer,
    heard,
    stop,
    unsync: () => (synced = false),
  };
}

const data = templateZones().find((z) => z.id === zoneKey('cloud', 'data'))!;

describe('Announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says what others did once the burst has settled, in one digest', () => {
    const r = room();
    const a = addNote(
      r.theirs,
      { x: data.x + 40, y: data.y + 60, author: 'Ana', department: 'cloud' },
      'ana',
    );
    addNote(r.theirs, { x: data.x + 300, y: data.y + 60, author: 'Ana', department: 'cloud' }, 'ana');
    r.marks.push({ name: 'Ben', selection: [a], editing: a });
    editNoteText(r.theirs, a, 'Use LoRaWAN', 'ben');
    expect(r.heard).toEqual([]);
    vi.advanceTimersByTime(DIGEST_MS);
    // Ana added two notes; Ben typed into one of them within the same digest, which is said as added.
    expect(r.heard).toEqual(['Ana added 2 notes in Cloud platform · Data']);
  });

  it('never says this page’s own changes, nor what the first sync brings', () => {
    const r = room();
    addNote(r.mine, { x: data.x + 40, y: data.y + 60, author: 'Me', department: 'cloud' }, r.origin);
    vi.advanceTimersByTime(DIGEST_MS * 2);
    expect(r.heard).toEqual([]);
    r.unsync();
    addNote(r.theirs, { x: data.x + 40, y: data.y + 60, author: 'Ana', department: 'cloud' }, 'ana');
    vi.advanceTimersByTime(DIGEST_MS * 2);
    expect(r.heard).toEqual([]);
  });

  it('says a vote opening at once, after the digest that was waiting, and stops when nobody listens', () => {
    const r = room();
    addNote(r.theirs, { x: data.x + 40, y: data.y + 60, author: 'Ana', department: 'cloud' }, 'ana');
    startVote(r.theirs, { scope: 'cloud', dotsPerPerson: 3 }, 'p-ana', 'ana', Date.now());
    expect(r.heard).toEqual([
      'Ana added a note in Cloud platform · Data. Dot vote open on Cloud platform: 3 dots each',
    ]);
    r.stop();
    addNote(r.theirs, { x: data.x + 40, y: data.y + 300, author: 'Ana', department: 'cloud' }, 'ana');
    vi.advanceTimersByTime(DIGEST_MS * 2);
    expect(r.heard).toHaveLength(1);
  });

  it('makes the same words twice news twice', () => {
    const r = room();
    r.announcer.say('Note added in Cloud platform · Data');
    r.announcer.say('Note added in Cloud platform · Data');
    expect(r.heard[0]).not.toBe(r.heard[1]);
    expect(r.heard[1]!.trim()).toBe(r.heard[0]);
  });
});
