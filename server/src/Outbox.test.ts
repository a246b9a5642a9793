import { addNote, boardMaps } from '@shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { silentLogger } from './logger';
import { Outbox, OutboxScheduler } from './Outbox';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
import type { RoomManager, RoomManagerOptions } from './RoomManager';
import { endOfTurn, FakeSocket, startCore, waitFor } from './testing';

const BOARD = 'b'.repeat(32);
const managers: RoomManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
});

interface Participant {
  socket: FakeSocket;
  doc: Y.Doc;
  receive(data: Uint8Array): void;
}

/** A room with `count` joined participants, each holding a copy of the board. */
async function room(count: number, options: Partial<RoomManagerOptions> = {}) {
  // Every message batched to the end of its turn (no leading message), and a long wait budget, so that
  // a slow machine building test messages mid-turn cannot split a batch.
  const { manager, template } = await startCore({
    outboundWaitBudgetMs: 10_000,
    outboundQuietMs: Number.POSITIVE_INFINITY,
    ...options,
  });
  managers.push(manager);
  const participants: Participant[] = [];
  for (let i = 0; i < count; i++) {
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, 'edit', socket);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(template));
    participants.push({ socket, doc, receive: (data) => connection.receive(data) });
    // As the stock client does on open; the server answers it, then asks for what the board lacks.
    connection.receive(encodeSyncStep1(Y.encodeStateVector(doc)));
  }
  await waitFor(() => manager.stats().connections === count, 'joins');
  await endOfTurn();
  for (const p of participants) {
    p.socket.sent = [];
    p.socket.writes = 0;
  }
  return { manager, participants };
}

/** Adds a note on a participant's copy and returns the message its provider would send. */
function noteMessage(p: Participant, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  p.doc.on('update', capture);
  addNote(p.doc, { x: 0, y: 0, text, author: text, department: 'd' }, 'test');
  p.doc.off('update', capture);
  return encodeUpdate(update!);
}

function presenceMessage(p: Participant, name: string): Uint8Array {
  const presence = new awarenessProtocol.Awareness(p.doc);
  presence.setLocalState({ name });
  const message = encodeAwareness(presence, [p.doc.clientID]);
  presence.destroy();
  return message;
}

/** The note texts a participant's copy holds after applying the document updates it was sent. */
function applyReceived(p: Participant): string[] {
  for (const message of p.socket.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    decoding.readVarUint(decoder);
    Y.applyUpdate(p.doc, decoding.readVarUint8Array(decoder));
  }
  return [...boardMaps(p.doc).notes.values()].map((note) => String(note.get('text'))).sort();
}

/** The Yjs client ids whose changes the document updates sent to a participant carry. */
function authorsReceived(p: Participant): Set<number> {
  const authors = new Set<number>();
  for (const message of p.socket.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    decoding.readVarUint(decoder);
    for (const client of Y.parseUpdateMeta(decoding.readVarUint8Array(decoder)).to.keys())
      authors.add(client);
  }
  return authors;
}

const updatesSent = (p: Participant) => p.socket.kinds().filter(([type]) => type === 0).length;

/** The client ids an awareness message carries. */
function awarenessClients(message: Uint8Array): number[] {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const count = decoding.readVarUint(update);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(update));
    decoding.readVarUint(update);
    decoding.readVarString(update);
  }
  return ids;
}

describe('outbound batching', () => {
  it('relays a lone update at the end of the turn, to everyone but its sender', async () => {
    const { participants } = await room(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(noteMessage(alice, 'alone'));
    expect(bob.socket.sent).toEqual([]);
    await endOfTurn();
    expect(updatesSent(alice)).toBe(0);
    expect([...authorsReceived(bob)]).toEqual([alice.doc.clientID]);
    expect(applyReceived(bob)).toEqual(['alone']);
    expect(applyReceived(carol)).toEqual(['alone']);
  });

  it('merges a turn’s updates into one message per connection, never echoing a sender’s own', async () => {
    const { participants } = await room(6);
    const senders = participants.slice(0, 3);
    for (const [i, p] of senders.entries()) p.receive(noteMessage(p, `note ${i}`));
    await endOfTurn();
    for (const p of participants) expect(updatesSent(p)).toBe(1);
    for (const p of senders) expect(authorsReceived(p).has(p.doc.clientID)).toBe(false);
    expect(authorsReceived(participants[5]!).size).toBe(3);
    // Each sender holds its own note already and gets exactly the others'.
    for (const p of participants) expect(applyReceived(p)).toEqual(['note 0', 'note 1', 'note 2']);
  });

  it('past the merge budget, sends a sender one merge plus its group’s updates, never its own', async () => {
    const count = Outbox.MAX_EXCLUSION_MERGES * 2 + 1;
    const { participants } = await room(count + 1);
    const senders = participants.slice(0, count);
    const listener = participants[count]!;
    for (const [i, p] of senders.entries()) p.receive(noteMessage(p, `n${String(i).padStart(2, '0')}`));
    // A second update from the first sender in the same turn counts towards the same sender.
    senders[0]!.receive(noteMessage(senders[0]!, 'n-again'));
    await endOfTurn();
    expect(updatesSent(listener)).toBe(1);
    // Groups of three consecutive senders: one merge of the other groups plus the two others' updates.
    expect(updatesSent(senders[1]!)).toBe(1 + 2 + 1);
    expect(updatesSent(senders[4]!)).toBe(1 + 2);
    for (const p of senders) expect(authorsReceived(p).has(p.doc.clientID)).toBe(false);
    expect(authorsReceived(listener).size).toBe(count);
    const all = [...senders.map((_, i) => `n${String(i).padStart(2, '0')}`), 'n-again'].sort();
    for (const p of participants) expect(applyReceived(p)).toEqual(all);
  });

  it('sends one awareness message per turn covering every changed client, the senders included', async () => {
    const { participants } = await room(4);
    for (const [i, p] of participants.slice(0, 3).entries()) p.receive(presenceMessage(p, `person ${i}`));
    await endOfTurn();
    for (const p of participants) {
      expect(p.socket.kinds()).toEqual([[1]]);
      expect(awarenessClients(p.socket.sent[0]!).sort()).toEqual(
        participants
          .slice(0, 3)
          .map((q) => q.doc.clientID)
          .sort(),
      );
    }
  });

  it('sends far fewer frames and socket writes for a busy turn than relaying each message', async () => {
    const traffic = async (batchOutbound: boolean) => {
      const { participants } = await room(20, { batchOutbound });
      for (const [i, p] of participants.entries()) {
        p.receive(noteMessage(p, `move ${i}`));
        p.receive(presenceMessage(p, `cursor ${i}`));
      }
      await endOfTurn();
      return {
        frames: participants.reduce((sum, p) => sum + p.socket.sent.length, 0),
        writes: participants.reduce((sum, p) => sum + p.socket.writes, 0),
      };
    };
    // Unbatched: each of 20 updates to 19 others and each of 20 awareness changes to all 20, one
    // write each.
    expect(await traffic(false)).toEqual({ frames: 20 * 19 + 20 * 20, writes: 20 * 19 + 20 * 20 });
    // Batched: one awareness message each; senders in 7 groups of at most 3 (one merge plus the
    // others of their group: 3 frames, or 2 in the last group of 2); one write per connection.
    expect(await traffic(true)).toEqual({ frames: 20 + (18 * 3 + 2 * 2), writes: 20 });
  });

  it('in a long turn, sends what waited past the budget before handling the next message', async () => {
    // Awareness per turn here (no display frame), as the budget concerns both kinds alike.
    const { participants } = await room(3, { outboundWaitBudgetMs: 1, awarenessFrameMs: 0 });
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    const early = presenceMessage(alice, 'early');
    const late = presenceMessage(bob, 'late');
    alice.receive(early);
    expect(carol.socket.writes).toBe(0);
    const until = performance.now() + 3;
    while (performance.now() < until) {
      // A turn that reads many sockets, or waited on anything else, before its end.
    }
    bob.receive(late);
    expect(carol.socket.writes).toBe(1);
    expect(awarenessClients(carol.socket.sent[0]!)).toEqual([alice.doc.clientID]);
    await endOfTurn();
    expect(carol.socket.writes).toBe(2);
    expect(awarenessClients(carol.socket.sent[1]!)).toEqual([bob.doc.clientID]);
  });

  it('in a quiet room, sends the first message of a turn on arrival and merges the rest', async () => {
    const { participants } = await room(3, { outboundQuietMs: 0 });
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(noteMessage(alice, 'first'));
    // Out before the turn ends, to everyone but its sender.
    expect(updatesSent(alice)).toBe(0);
    expect(applyReceived(carol)).toEqual(['first']);
    bob.receive(noteMessage(bob, 'second'));
    carol.receive(noteMessage(carol, 'third'));
    expect(carol.socket.sent.length).toBe(1);
    await endOfTurn();
    // The two that followed in the same turn left together at its end.
    expect(updatesSent(alice)).toBe(1);
    for (const p of participants) expect(applyReceived(p)).toEqual(['first', 'second', 'third']);
  });

  it('never lets a message that may leave at once overtake one still queued', async () => {
    const { participants } = await room(2, { outboundQuietMs: 50 });
    const [alice, bob] = participants as [Participant, Participant];
    const [first, second, third] = ['first', 'second', 'third'].map((text) => noteMessage(alice, text));
    const sentAt = performance.now();
    alice.receive(first!); // a quiet room: out at once
    expect(updatesSent(bob)).toBe(1);
    await endOfTurn();
    alice.receive(second!); // the room sent under 50 ms ago, so it is not quiet: queued
    expect(updatesSent(bob)).toBe(1);
    while (performance.now() < sentAt + 60) {
      // The rest of a long turn, past the quiet time.
    }
    alice.receive(third!); // quiet again, but the second still waits: queued behind it
    await endOfTurn();
    // The first alone, then the second and third merged, in that order; never the third before the second.
    expect(updatesSent(bob)).toBe(2);
    const sent = bob.socket.sent;
    bob.socket.sent = [sent[0]!];
    expect(applyReceived(bob)).toEqual(['first']);
    bob.socket.sent = [sent[1]!];
    expect(applyReceived(bob)).toEqual(['first', 'second', 'third']);
  });

  it('writes a connection the turn’s update and awareness together, in one write', async () => {
    const { participants } = await room(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(noteMessage(alice, 'moved'));
    alice.receive(presenceMessage(alice, 'cursor'));
    await endOfTurn();
    for (const p of [bob, carol]) {
      expect(p.socket.kinds()).toEqual([[0, 2], [1]]);
      expect(p.socket.writes).toBe(1);
    }
    // The sender hears its own presence (the stock client expects it) but not its own update.
    expect(alice.socket.kinds()).toEqual([[1]]);
    expect(alice.socket.writes).toBe(1);
  });
});

describe('awareness per display frame', () => {
  // A long frame, so that a slow machine cannot end one between two lines of a test.
  const FRAME_MS = 200;
  const frameTimers = () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    return () => spy.mock.calls.filter(([callback]) => callback.name === 'endFrame').length;
  };
  afterEach(() => vi.restoreAllMocks());

  /** A participant's awareness message, state `state` (null: it leaves) at clock `clock`. */
  function cursorMessage(p: Participant, clock: number, state: Record<string, unknown> | null): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, p.doc.clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(encoder));
    return encoding.toUint8Array(message);
  }

  /** The entries an awareness message carries, by client id: [clock, state]. */
  function entriesOf(message: Uint8Array): Map<number, [number, unknown]> {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const entries = new Map<number, [number, unknown]>();
    for (let count = decoding.readVarUint(update); count > 0; count--) {
      const id = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      entries.set(id, [clock, JSON.parse(decoding.readVarString(update))]);
    }
    return entries;
  }

  const awarenessOf = (p: Participant) => p.socket.sent.filter((message) => message[0] === 1);
  /** Long enough without awareness for a room to count as quiet. */
  const quietFor = () => new Promise((resolve) => setTimeout(resolve, FRAME_MS * Outbox.QUIET_FRAMES + 5));

  /**
   * A room whose participants have announced themselves (clock 1 is taken as it comes only after an
   * announcement: see PresenceClocks), then sent no awareness for long enough to be quiet.
   */
  async function framedRoom(count: number) {
    const { manager, participants } = await room(count, { awarenessFrameMs: FRAME_MS, outboundQuietMs: 0 });
    const clocks = new Map<Participant, number>();
    for (const p of participants) {
      p.receive(cursorMessage(p, 1, { x: 0 }));
      const announced = () => awarenessOf(p).flatMap((m) => [...entriesOf(m)]);
      await waitFor(() => announced().some(([id]) => id === p.doc.clientID), 'the announcement');
      clocks.set(p, announced().find(([id]) => id === p.doc.clientID)![1][0]);
    }
    const boardRoom = manager.room(BOARD)!;
    await waitFor(() => !boardRoom.awarenessWaiting, 'the announcements to leave');
    await quietFor();
    for (const p of participants) {
      p.socket.sent = [];
      p.socket.writes = 0;
    }
    /** The message `p` sends for its cursor at `x`: one clock above its last. */
    const move = (p: Participant, x: number | null) => {
      const clock = clocks.get(p)! + 1;
      clocks.set(p, clock);
      return cursorMessage(p, clock, x === null ? null : { x });
    };
    return { boardRoom, participants, move };
  }

  it('sends a quiet room’s change at once, then one message for the rest of the frame, latest state each', async () => {
    const { boardRoom, participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    const armed = frameTimers();
    alice.receive(move(alice, 1));
    expect(awarenessOf(carol)).toHaveLength(1);
    expect(armed()).toBe(0);
    await endOfTurn();
    // Within the frame: held, whatever turns they come in.
    bob.receive(move(bob, 1));
    alice.receive(move(alice, 2));
    await endOfTurn();
    alice.receive(move(alice, 3));
    bob.receive(move(bob, 2));
    await endOfTurn();
    expect(awarenessOf(carol)).toHaveLength(1);
    expect(armed()).toBe(1);
    await waitFor(() => !boardRoom.awarenessWaiting, 'the end of the frame');
    // Everyone, the senders too (the stock client's echo), hears one message with the latest of each.
    for (const p of participants) {
      const sent = awarenessOf(p);
      expect(sent).toHaveLength(2);
      const entries = entriesOf(sent[1]!);
      expect(entries.get(alice.doc.clientID)![1]).toEqual({ x: 3 });
      expect(entries.get(bob.doc.clientID)![1]).toEqual({ x: 2 });
      expect(entries.size).toBe(2);
    }
  });

  it('in a busy room, holds a change for a whole frame from its arrival, gathering what follows', async () => {
    const { boardRoom, participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(move(alice, 1));
    expect(awarenessOf(carol)).toHaveLength(1);
    // A frame later the room is not quiet yet: the next change opens a frame of its own...
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS + 5));
    const opened = performance.now();
    bob.receive(move(bob, 1));
    await endOfTurn();
    expect(awarenessOf(carol)).toHaveLength(1);
    // ...which what follows joins, until it ends a frame after the change that opened it.
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS / 2));
    alice.receive(move(alice, 2));
    await endOfTurn();
    expect(awarenessOf(carol)).toHaveLength(1);
    await waitFor(() => !boardRoom.awarenessWaiting, 'the end of the frame');
    expect(performance.now() - opened).toBeGreaterThanOrEqual(FRAME_MS - 1);
    const sent = awarenessOf(carol);
    expect(sent).toHaveLength(2);
    const entries = entriesOf(sent[1]!);
    expect(entries.get(alice.doc.clientID)![1]).toEqual({ x: 2 });
    expect(entries.get(bob.doc.clientID)![1]).toEqual({ x: 1 });
  });

  it('never holds a removal behind an older state: who leaves within a frame is gone when it ends', async () => {
    const { boardRoom, participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(move(alice, 1));
    await endOfTurn();
    bob.receive(move(bob, 5));
    bob.receive(move(bob, null));
    alice.receive(move(alice, 2));
    await waitFor(() => !boardRoom.awarenessWaiting, 'the end of the frame');
    const last = entriesOf(awarenessOf(carol).at(-1)!);
    expect(last.get(bob.doc.clientID)![1]).toBeNull();
    expect(last.get(alice.doc.clientID)![1]).toEqual({ x: 2 });
    expect(boardRoom.awareness.getStates().has(bob.doc.clientID)).toBe(false);
  });

  it('holds no timer in a quiet room, and never holds document updates for the frame', async () => {
    const { boardRoom, participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    const armed = frameTimers();
    alice.receive(move(alice, 1));
    await endOfTurn();
    bob.receive(move(bob, 1));
    bob.receive(noteMessage(bob, 'now'));
    await endOfTurn();
    // The update went with its turn; the cursor still waits for the frame.
    expect(applyReceived(carol)).toEqual(['now']);
    expect(awarenessOf(carol)).toHaveLength(1);
    await waitFor(() => !boardRoom.awarenessWaiting, 'the end of the frame');
    expect(armed()).toBe(1);
    // Quiet: nothing waits and no timer is armed again; the next change leaves at once.
    await quietFor();
    expect(armed()).toBe(1);
    alice.receive(move(alice, 2));
    expect(entriesOf(awarenessOf(carol).at(-1)!).get(alice.doc.clientID)![1]).toEqual({ x: 2 });
    expect(armed()).toBe(1);
  });

  it('writes due awareness in the same write as a turn’s document update', async () => {
    const { participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(move(alice, 1));
    await endOfTurn();
    alice.receive(move(alice, 2));
    // Past the share of the frame after which awareness rides along with a document update.
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS * Outbox.RIDE_ALONG_SHARE + 5));
    const writes = carol.socket.writes;
    bob.receive(noteMessage(bob, 'together'));
    await endOfTurn();
    expect(carol.socket.writes).toBe(writes + 1);
    expect(carol.socket.kinds().slice(-2)).toEqual([[0, 2], [1]]);
    expect(entriesOf(awarenessOf(carol).at(-1)!).get(alice.doc.clientID)![1]).toEqual({ x: 2 });
  });

  it('lets waiting awareness ride with a document update a frame after the last, never sooner', async () => {
    const { boardRoom, participants, move } = await framedRoom(3);
    const [alice, bob, carol] = participants as [Participant, Participant, Participant];
    alice.receive(move(alice, 1));
    await endOfTurn();
    // Just after an awareness message: the update leaves with its turn, the new cursor waits.
    alice.receive(move(alice, 2));
    bob.receive(noteMessage(bob, 'soon'));
    await endOfTurn();
    expect(applyReceived(carol)).toEqual(['soon']);
    expect(awarenessOf(carol)).toHaveLength(1);
    await waitFor(() => !boardRoom.awarenessWaiting, 'the end of the frame');
    // A frame after that message, a cursor opens a frame of its own (the room is not quiet yet), and
    // the next update carries it at once, in the same write.
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS + 5));
    alice.receive(move(alice, 3));
    expect(boardRoom.awarenessWaiting).toBe(true);
    const writes = carol.socket.writes;
    bob.receive(noteMessage(bob, 'later'));
    await endOfTurn();
    expect(boardRoom.awarenessWaiting).toBe(false);
    expect(carol.socket.writes).toBe(writes + 1);
    expect(carol.socket.kinds().slice(-2)).toEqual([[0, 2], [1]]);
    expect(entriesOf(awarenessOf(carol).at(-1)!).get(alice.doc.clientID)![1]).toEqual({ x: 3 });
  });

  it('with a frame of 0, sends awareness with its turn', async () => {
    const { participants } = await room(3, { awarenessFrameMs: 0 });
    const armed = frameTimers();
    for (const [i, p] of participants.entries()) p.receive(presenceMessage(p, `first ${i}`));
    await endOfTurn();
    for (const [i, p] of participants.entries()) p.receive(presenceMessage(p, `second ${i}`));
    await endOfTurn();
    for (const p of participants) expect(awarenessOf(p)).toHaveLength(2);
    expect(armed()).toBe(0);
  });
});

describe('OutboxScheduler', () => {
  it('sends every other room’s messages when one room’s flush fails, and throws nothing', async () => {
    const scheduler = new OutboxScheduler(Number.POSITIVE_INFINITY, 0, silentLogger);
    const flushed: string[] = [];
    const outbox = (name: string, fails = false) =>
      ({
        flush() {
          flushed.push(name);
          if (fails) throw new RangeError('Maximum call stack size exceeded');
        },
      }) as unknown as Outbox;
    for (const box of [outbox('a'), outbox('broken', true), outbox('c')]) scheduler.queue(box);
    // At the end of the turn (setImmediate), where a throw would end the process.
    await endOfTurn();
    expect(flushed).toEqual(['a', 'broken', 'c']);
    scheduler.dispose();
  });
});
