import { API_BOARDS_PATH, boardMaps, createBoard, sampleWorkshop, type CreatedBoard } from '@shared';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { ServerKind } from './servers';
import { hocuspocusUrl, SimClient, Traffic } from './SimClient';

export interface TargetInfo {
  kind: ServerKind;
  /** Each node's HTTP address (one, unless relay nodes share storage and a bus); boards go to the first. */
  httpUrls: string[];
}

/** A board (ours) or a room (the reference) that clients can join, and the URL to join it at on each node. */
export interface BenchRoom {
  urls: string[];
}

/** Where the `index`-th person of a room joins it: the nodes take turns, so each gets an even share. */
export function roomUrl(room: BenchRoom, index: number): string {
  return room.urls[index % room.urls.length]!;
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A short fractional index that sorts by `index`. The product's `addNote` puts each new note on top
 * with `keyBetween(top, null)`, which scans every note and makes keys that grow by a character every
 * few notes (about 800 characters at 5,000 notes); filling that way takes a minute and would measure
 * that growth instead of the relay, so the bench writes the same note maps with compact keys.
 */
function compactZ(index: number): string {
  let n = index + 1;
  let key = '';
  for (let i = 0; i < 3; i++) {
    key = DIGITS[n % 62]! + key;
    n = Math.floor(n / 62);
  }
  return `${key}V`;
}

export const noteId = (index: number) => `bench-note-${index}`;

// What people write: the sample workshop's notes, taken in turn, so that texts, kinds and departments vary
// as on a real board.
const SAMPLE_NOTES = sampleWorkshop().notes;

/** Writes `count` notes shaped as the schema says (see shared's addNote), starting at `first`. */
export function writeNotes(doc: Y.Doc, first: number, count: number): void {
  const { notes } = boardMaps(doc);
  for (let i = first; i < first + count; i++) {
    const sample = SAMPLE_NOTES[i % SAMPLE_NOTES.length]!;
    const note = new Y.Map<unknown>();
    note.set('x', (i % 100) * 180);
    note.set('y', Math.floor(i / 100) * 140);
    note.set('w', 160);
    note.set('h', 120);
    note.set('text', new Y.Text(sample.text));
    note.set('color', 'yellow');
    note.set('kind', sample.kind);
    note.set('author', `Person ${i % 50}`);
    note.set('department', sample.department);
    note.set('createdAt', 1_700_000_000_000 + i);
    note.set('z', compactZ(i));
    notes.set(noteId(i), note);
  }
}

async function createOurBoard(httpUrl: string): Promise<CreatedBoard> {
  // A refusal for rate (429) is waited out a bounded number of times, so that a creation limit on the
  // server slows the set-up instead of failing it.
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await fetch(`${httpUrl}${API_BOARDS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Benchmark workshop' }),
    });
    if (response.status === 201) return (await response.json()) as CreatedBoard;
    const body = await response.text();
    if (response.status !== 429) throw new Error(`POST ${API_BOARDS_PATH}: ${response.status} ${body}`);
    const retryAfter = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.min(10, Math.max(1, retryAfter)) * 1000));
  }
  throw new Error(`POST ${API_BOARDS_PATH}: still refused (429) after 30 attempts`);
}

/** Creates a board on our server (the server writes the template) or names a fresh room on a reference. */
export async function createRoom(target: TargetInfo): Promise<BenchRoom> {
  const wsBases = target.httpUrls.map((url) => url.replace(/^http/, 'ws'));
  if (target.kind === 'ours') {
    const board = await createOurBoard(target.httpUrls[0]!);
    const path = `/sync/${board.id}?token=${encodeURIComponent(board.editToken)}`;
    return { urls: wsBases.map((base) => `${base}${path}`) };
  }
  const name = `bench-${randomBytes(8).toString('hex')}`;
  if (target.kind === 'hocuspocus') return { urls: wsBases.map((base) => hocuspocusUrl(base, name)) };
  return { urls: wsBases.map((base) => `${base}/${name}`) };
}

const SERVED_TIMEOUT_MS = 30_000;

/**
 * Waits until every node but the first serves the board with `notes` notes to a joining client. The
 * first node wrote them; the others read the board from storage, which has them a flush later. Without
 * this, a person joining another node in that moment would start from a board without their note.
 */
async function servedEverywhere(room: BenchRoom, notes: number): Promise<void> {
  const deadline = Date.now() + SERVED_TIMEOUT_MS;
  for (const url of room.urls.slice(1)) {
    for (;;) {
      const probe = new SimClient(0, new Traffic());
      await probe.connect(url);
      const served = probe.doc.getMap('notes').size;
      await probe.close();
      if (served >= notes) break;
      if (Date.now() > deadline)
        throw new Error(`a node served ${served} of ${notes} notes after ${SERVED_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const FILL_CHUNK = 500;

/**
 * Connects a client that fills the room with the template (on the reference, which has no board API)
 * and `notes` notes, in chunks as a client pasting many notes would send them. Resolves once the server
 * has applied all of it; the client stays connected, keeping the room warm until it is closed.
 */
export async function fillRoom(target: TargetInfo, room: BenchRoom, notes: number, traffic: Traffic) {
  const filler = new SimClient(0, traffic);
  await filler.connect(room.urls[0]!);
  if (target.kind !== 'ours')
    filler.edit(() => createBoard(filler.doc, { title: 'Benchmark workshop' }, filler));
  for (let first = 0; first < notes; first += FILL_CHUNK) {
    filler.edit(() => writeNotes(filler.doc, first, Math.min(FILL_CHUNK, notes - first)));
  }
  await filler.roundTrip();
  await servedEverywhere(room, notes);
  return filler;
}
