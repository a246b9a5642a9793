import { addNote, boardMaps, CLOSE, createBoard, type CreatedBoard } from '@shared';
import * as prng from 'lib0/prng';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
import { TestBench, waitFor, type RawClient } from './testing';

/**
 * Seeded fuzzing of the sync endpoint: many connections in several rooms send random, truncated,
 * oversized and mistyped frames, corrupt Yjs updates and bursts over the rate limit, all at once. The
 * server must stay up without an unhandled rejection, close every offender with a documented code
 * (never leave it hanging), and let the well-behaved clients of every room keep editing.
 * Replay a failure with FUZZ_SEED=<seed>.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_MESSAGE_BYTES = 4096;
const BURST = 100;

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
let bench: TestBench;
beforeEach(async () => {
  process.on('unhandledRejection', onRejection);
  bench = await new TestBench({
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    MAX_MESSAGES_PER_SECOND: '50',
    MAX_MESSAGE_BURST: String(BURST),
  }).start();
});
afterEach(async () => {
  await bench.dispose();
  process.off('unhandledRejection', onRejection);
});

/** A valid document update and awareness message for the board template, to mangle. */
function samples() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'x' }, 'fuzz');
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  addNote(doc, { x: 1, y: 2, text: 'a note to mangle', author: 'f', department: 'd' }, 'fuzz');
  const presence = new awarenessProtocol.Awareness(doc);
  presence.setLocalState({ name: 'fuzzer', cursor: { x: 1, y: 2 } });
  const awareness = encodeAwareness(presence, [doc.clientID]);
  presence.destroy();
  return { update, awareness, step1: encodeSyncStep1(Y.encodeStateVector(doc)) };
}

type Attack = { name: string; frames: Uint8Array[]; codes: number[] };

/** One attack, chosen and shaped by the generator. Each is certain to be refused. */
function attack(gen: prng.PRNG, sample: ReturnType<typeof samples>): Attack {
  const valid = [encodeUpdate(sample.update), sample.awareness, sample.step1];
  const malformed = [CLOSE.malformed.code];
  switch (prng.int32(gen, 0, 7)) {
    case 0: {
      // A message type beyond the protocol's (0, 1, 3; 2 is y-websocket's unused auth message).
      const bytes = prng.uint8Array(gen, prng.int32(gen, 1, 200));
      bytes[0] = prng.oneOf(gen, [2, 4, 5, 9, 42, 127]);
      return { name: 'random bytes', frames: [bytes], codes: malformed };
    }
    case 1: {
      const message = prng.oneOf(gen, valid);
      return {
        name: 'truncated message',
        frames: [message.slice(0, prng.int32(gen, 1, message.length - 1))],
        codes: malformed,
      };
    }
    case 2: {
      // Framing intact, the update inside cut short.
      const update = sample.update.slice(0, prng.int32(gen, 1, sample.update.length - 1));
      return { name: 'corrupt update', frames: [encodeUpdate(update)], codes: malformed };
    }
    case 3:
      return { name: 'empty frame', frames: [new Uint8Array(0)], codes: malformed };
    case 4: {
      const bytes = prng.uint8Array(gen, MAX_MESSAGE_BYTES + prng.int32(gen, 1, 3 * MAX_MESSAGE_BYTES));
      bytes[0] = 0;
      return { name: 'oversized frame', frames: [bytes], codes: [CLOSE.tooLarge.code] };
    }
    case 5: {
      const step = prng.oneOf(gen, [3, 4, 99]);
      return { name: 'unknown sync step', frames: [Uint8Array.of(0, step, 1, 0)], codes: malformed };
    }
    case 6:
      return {
        name: 'burst over the rate limit',
        frames: Array.from({ length: BURST * 3 }, () => Uint8Array.of(3)),
        codes: [CLOSE.rateLimited.code],
      };
    default: {
      const bytes = sample.awareness.slice();
      // A corrupt awareness payload: its JSON state cut and padded.
      bytes.fill(0x7b, bytes.length - prng.int32(gen, 1, 8));
      return { name: 'corrupt awareness', frames: [bytes], codes: malformed };
    }
  }
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`no close code: ${what}`)), ms).unref(),
  );
}

const texts = (doc: Y.Doc) => [...boardMaps(doc).notes.values()].map((note) => String(note.get('text')));

it(`survives a seeded storm of bad input (FUZZ_SEED=${SEED})`, { timeout: 60_000 }, async () => {
  const gen = prng.create(SEED);
  const sample = samples();
  try {
    const boards: CreatedBoard[] = [];
    for (let i = 0; i < 3; i++) boards.push(await bench.createBoard());
    const good = await Promise.all(
      boards.flatMap((board) => [0, 1].map(() => bench.syncedProvider(board.id, board.editToken))),
    );

    const attacks = Array.from({ length: 40 }, () => {
      const chosen = attack(gen, sample);
      return {
        board: prng.oneOf(gen, boards),
        // A view connection's updates are dropped unread, so corrupt ones come from editors.
        view: chosen.name !== 'corrupt update' && prng.bool(gen),
        // Some behave for a while first, so that garbage arrives mid-conversation.
        prelude: prng.int32(gen, 0, 3),
        attack: chosen,
      };
    });
    const clients: RawClient[] = attacks.map(({ board, view }) =>
      bench.raw(board.id, view ? board.viewToken : board.editToken),
    );
    await Promise.all(clients.map((client) => client.opened));
    const outcomes = await Promise.all(
      attacks.map(async ({ attack: { name, frames }, prelude }, i) => {
        const { ws, closed } = clients[i]!;
        for (let k = 0; k < prelude; k++) ws.send(k % 2 ? sample.awareness : sample.step1);
        for (const frame of frames) ws.send(frame);
        const { code } = await Promise.race([closed, timeout(10_000, `${name} (client ${i})`)]);
        return { name, code };
      }),
    );
    outcomes.forEach(({ name, code }, i) => expect(attacks[i]!.attack.codes, name).toContain(code));

    // Every room still relays a real edit between its well-behaved clients.
    for (let i = 0; i < boards.length; i++) {
      const [writer, reader] = [good[2 * i]!, good[2 * i + 1]!];
      expect(writer.wsconnected && reader.wsconnected).toBe(true);
      addNote(writer.doc, { x: 0, y: 0, text: `after the storm ${i}`, author: 'w', department: 'd' }, 'test');
      await waitFor(() => texts(reader.doc).includes(`after the storm ${i}`), `room ${i} to relay`);
    }
    expect((await fetch(`${bench.url}/healthz`)).status).toBe(200);
    expect(rejections).toEqual([]);
  } catch (error) {
    throw new Error(`fuzz failed with FUZZ_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
  }
});
