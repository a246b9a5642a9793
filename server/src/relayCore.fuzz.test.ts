import { Writable } from 'node:stream';
import {
  addNote,
  CLOSE,
  createBoard,
  deleteNotes,
  editNoteText,
  linkNotes,
  moveNotes,
  NOTE_COLORS,
  NOTE_KINDS,
  readNotes,
  recolorNote,
  setNoteKind,
  type Role,
} from '@shared';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { InProcessCluster, replicaOf } from './clusterTesting';
import { MemoryNetwork } from './MemoryNetwork';
import { encodeSyncStep1, encodeUpdate } from './protocol';
import { RoomManager } from './RoomManager';
import { coreOptions, endOfTurn, FakeSocket, waitFor } from './testing';

/**
 * Seeded fuzzing of the relay core on two nodes: stock y-websocket clients, each reaching one of two
 * RoomManagers over in-memory sockets whose frames move when the fuzzer says, the nodes joined by a
 * MemoryBus and sharing one database. Clients edit with the product's commands (online and offline),
 * move their cursors, lose their connection, disconnect and come back (to either node, re-syncing
 * with step 1 and step 2 as the stock client does), while hostile connections send truncated,
 * oversized, mistyped and garbage frames; rooms unload and reload, and the bus may restart. In the
 * end every client, every loaded room and storage must hold the same document, every client must see
 * everyone's presence, every hostile connection must have been closed with a documented code (or
 * have sent something that did no harm), and the server must have closed no well-behaved client.
 *
 * A fresh seed every run (in the test's name); replay one with FUZZ_SEED=<seed>. A seed that found a
 * bug is kept in REGRESSIONS and runs every time. FUZZ_STEPS=<n> makes each run longer (default 300).
 */

const BOARD = 'f'.repeat(32);
/** Steps of a run; FUZZ_STEPS=<n> for a longer hunt. */
const STEPS = Number(process.env.FUZZ_STEPS ?? 300);
const CLIENTS = 5;
const MAX_MESSAGE_BYTES = 64 * 1024;

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Seeds that found a bug, with the bug; each runs on every test run. */
const REGRESSIONS: { seed: number; bug: string }[] = [
  {
    seed: 549580749,
    bug: 'a client’s change that waited in a node for another node’s change was never stored or relayed',
  },
  {
    seed: 576077495,
    bug: 'a client that reconnected was not seen by the others until it changed its presence',
  },
  {
    seed: 1024,
    bug: 'a client that reconnected did not see those whose presence had not changed since it left',
  },
  {
    seed: 1016,
    bug: 'a node whose room loaded again announced a returning client below the clock another node kept',
  },
];

/** Seeds that find a bug not fixed yet (its fix lies elsewhere), run expecting the failure. */
const KNOWN_BUGS: { seed: number; bug: string }[] = [];

const TYPED = ['a', 'b', ' ', 'é', '👍', 'LoRa'];

const word = (gen: prng.PRNG) => prng.uint32(gen, 0, 0xffffffff);
const pick = <T>(gen: prng.PRNG, items: readonly T[]): T => items[prng.int32(gen, 0, items.length - 1)]!;

interface FuzzClient {
  index: number;
  role: Role;
  provider: WebsocketProvider;
  /** Close codes the server sent this client. */
  serverCloses: number[];
}

interface Attack {
  name: string;
  frames: Uint8Array[];
  /** The codes it may be closed with. */
  codes: number[];
  /** What it sent may decode and do no harm (a mangled update that is still an update). */
  mayStayOpen: boolean;
}

interface Hostile extends Attack {
  socket: FakeSocket;
  /** True once its frames were handled: it was closed, or it is in its room. */
  handled(): boolean;
  disconnect(): void;
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

/** A logger that keeps what the nodes log at error level: nothing in the fuzz should be an error. */
function errorLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: pino({ level: 'error' }, destination) };
}

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

/** One hostile connection's frames, and how the relay may answer them. */
function attack(gen: prng.PRNG, clientId: number): Attack {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  addNote(doc, { id: `h${clientId}`, x: 1, y: 2, text: 'mangled', author: 'h', department: 'd' }, 'h');
  const presence = new awarenessProtocol.Awareness(doc);
  presence.setLocalState({ name: 'hostile' });
  const awareness = awarenessProtocol.encodeAwarenessUpdate(presence, [clientId]);
  presence.destroy();
  const valid = [encodeUpdate(update), frame(1, awareness), encodeSyncStep1(Y.encodeStateVector(doc))];
  const mangled = (bytes: Uint8Array) => {
    const copy = bytes.slice();
    for (let i = prng.int32(gen, 1, 4); i > 0; i--) {
      copy[prng.int32(gen, 0, copy.length - 1)] = prng.int32(gen, 0, 255);
    }
    return copy;
  };
  // Half of them first say who they are, so that their presence must go when they are closed.
  const greeting = prng.bool(gen) ? [frame(1, awareness)] : [];
  const malformed: number[] = [CLOSE.malformed.code];
  const certain = (name: string, bad: Uint8Array, codes = malformed): Attack => ({
    name,
    frames: [...greeting, bad],
    codes,
    mayStayOpen: false,
  });
  const maybe = (name: string, bad: Uint8Array): Attack => ({ ...certain(name, bad), mayStayOpen: true });
  switch (prng.int32(gen, 0, 7)) {
    case 0:
      return certain('unknown message type', frame(pick(gen, [2, 4, 9, 200]), prng.uint8Array(gen, 8)));
    case 1: {
      const big = new Uint8Array(MAX_MESSAGE_BYTES + prng.int32(gen, 1, 1000));
      big.set(valid[0]!.subarray(0, 4));
      return certain('oversized', big, [CLOSE.tooLarge.code]);
    }
    case 2: {
      const whole = pick(gen, valid);
      return certain('truncated', whole.slice(0, prng.int32(gen, 1, whole.length - 1)));
    }
    case 3:
      return certain('empty', new Uint8Array());
    case 4:
      return certain('unknown sync step', frame(0, prng.int32(gen, 3, 100), prng.uint8Array(gen, 4)));
    case 5:
      return maybe('garbage update', frame(0, 2, mangled(update)));
    case 6:
      return maybe('garbage awareness', frame(1, mangled(awareness)));
    default:
      return maybe('garbage state vector', frame(0, 0, mangled(Y.encodeStateVector(doc))));
  }
}

/** Types a little into `text` or deletes a little of it, at a random place. */
function typed(gen: prng.PRNG, text: string): string {
  const chars = Array.from(text);
  const at = prng.int32(gen, 0, chars.length);
  if (chars.length > 0 && prng.bool(gen)) chars.splice(at, prng.int32(gen, 1, 3));
  else chars.splice(at, 0, ...Array.from({ length: prng.int32(gen, 1, 3) }, () => pick(gen, TYPED)));
  return chars.join('');
}

/** One command of the product, run on a client's document as its editor would. */
function edit(gen: prng.PRNG, doc: Y.Doc, author: string): void {
  const notes = readNotes(doc);
  const note = () => pick(gen, notes);
  const origin = 'fuzz';
  switch (notes.length < 2 ? 0 : prng.int32(gen, 0, 6)) {
    case 0:
      addNote(
        doc,
        {
          id: `n${word(gen).toString(16)}`,
          x: prng.int32(gen, 0, 2000),
          y: prng.int32(gen, 0, 2000),
          text: typed(gen, ''),
          color: pick(gen, NOTE_COLORS).id,
          kind: pick(gen, NOTE_KINDS),
          author,
          department: 'fuzz',
        },
        origin,
      );
      return;
    case 1: {
      const target = note();
      editNoteText(doc, target.id, typed(gen, target.text), origin);
      return;
    }
    case 2:
      moveNotes(
        doc,
        notes
          .filter(() => prng.bool(gen))
          .map(({ id }) => ({ id, x: prng.int32(gen, 0, 2000), y: prng.int32(gen, 0, 2000) })),
        origin,
      );
      return;
    case 3:
      deleteNotes(doc, [note().id], origin);
      return;
    case 4:
      recolorNote(doc, note().id, pick(gen, NOTE_COLORS).id, origin);
      return;
    case 5: {
      const [from, to] = [note(), note()];
      if (from.id !== to.id)
        linkNotes(doc, { id: `l${word(gen).toString(16)}`, from: from.id, to: to.id }, origin);
      return;
    }
    default:
      setNoteKind(doc, [note().id], pick(gen, NOTE_KINDS), origin);
  }
}

/** The board as one document, read from storage. */
async function storedDoc(cluster: InProcessCluster): Promise<Y.Doc> {
  const stored = await cluster.storage.load(BOARD);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored!.state);
  for (const update of stored!.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A replica in a line: its state vector and its notes' ids and texts, to tell replicas apart. */
function summary(doc: Y.Doc): string {
  const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b);
  const notes = readNotes(doc)
    .map(({ id, text }) => `${id}:${JSON.stringify(text)}`)
    .sort();
  return `${JSON.stringify(vector)} ${notes.join(' ')}`;
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

async function runFuzz(seed: number): Promise<void> {
  const gen = prng.create(seed);
  const fail = (what: string) => `${what} (seed ${seed}; replay with FUZZ_SEED=${seed})`;
  const cluster = new InProcessCluster();
  const { lines: errors, log } = errorLog();
  const template = new Y.Doc();
  template.clientID = 1;
  createBoard(template, { title: 'Fuzz', createdAt: 1 }, 'server');
  await cluster.storage.createBoard(BOARD, Y.encodeStateAsUpdate(template));

  // Each run draws its own settings, so that every path gets its turn across seeds.
  const lossyBus = prng.bool(gen);
  const options = coreOptions({
    maxMessageBytes: MAX_MESSAGE_BYTES,
    roomUnloadDelayMs: pick(gen, [0, 5, 60_000]),
    persistence: {
      flushDelayMs: pick(gen, [1, 10, 50]),
      compactAfterRows: pick(gen, [2, 10, 200]),
    },
    busCatchUpMs: pick(gen, [100, 600_000]),
  });
  const buses = [0, 1].map(() => cluster.hub.node({ log }));
  const managers = buses.map((bus) => new RoomManager(cluster.nodeStorage(), { ...options, bus }, log));
  const network = new MemoryNetwork(managers);
  const clients: FuzzClient[] = [];
  const hostiles: Hostile[] = [];
  let interrupted = false;

  try {
    for (let index = 0; index < CLIENTS; index++) {
      // The last one only looks (a view link): it moves its cursor but never edits.
      const role: Role = index === CLIENTS - 1 ? 'view' : 'edit';
      // Each client picks its node from a generator of its own: reconnections happen on timers.
      const nodes = prng.create(word(gen));
      const doc = new Y.Doc();
      doc.clientID = 1000 + index;
      const serverCloses: number[] = [];
      const provider = new WebsocketProvider('ws://relay/sync', BOARD, doc, {
        WebSocketPolyfill: network.webSocketFor({
          boardId: BOARD,
          role,
          node: () => prng.int32(nodes, 0, 1),
          onServerClose: (code) => serverCloses.push(code),
        }),
        disableBc: true,
        maxBackoffTime: 5,
      });
      provider.awareness.setLocalState({ name: `client ${index}`, cursor: { x: 0, y: 0 } });
      clients.push({ index, role, provider, serverCloses });
    }

    for (let step = 0; step < STEPS; step++) {
      const roll = prng.int32(gen, 0, 99);
      const client = pick(gen, clients);
      const { provider } = client;
      if (roll < 25) {
        if (client.role === 'edit') edit(gen, provider.doc, `client ${client.index}`);
      } else if (roll < 33) {
        provider.awareness.setLocalStateField('cursor', { x: prng.int32(gen, 0, 999), y: step });
      } else if (roll < 65) {
        // Frames move on one link, in one direction, a few at a time.
        const busy = network.busy();
        if (busy.length > 0) {
          const link = pick(gen, busy);
          const toServer = prng.bool(gen);
          for (let n = prng.int32(gen, 1, 4); n > 0; n--) {
            if (!(toServer ? link.deliverToServer() : link.deliverToClient())) break;
          }
        }
      } else if (roll < 68) {
        const open = network.links.filter((link) => !link.clientClosed && link.server !== null);
        if (open.length > 0) pick(gen, open).drop();
      } else if (roll < 71) {
        provider.disconnect();
      } else if (roll < 75) {
        provider.connect();
      } else if (roll < 78) {
        const node = prng.int32(gen, 0, 1);
        const socket = new FakeSocket();
        const connection = managers[node]!.connect(BOARD, 'edit', socket);
        const hostile = attack(gen, 5000 + hostiles.length);
        hostiles.push({
          ...hostile,
          socket,
          handled: () =>
            socket.closed !== null || managers[node]!.room(BOARD)?.connections.has(connection) === true,
          disconnect: () => connection.disconnected(),
        });
        for (const data of hostile.frames) connection.receive(data);
      } else if (roll < 79 && lossyBus) {
        cluster.hub.interrupt();
        interrupted = true;
      } else if (roll < 90) {
        await endOfTurn();
      } else {
        // Long enough for timers: flushes, reconnections, unloads, catch-ups.
        await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 1, 5)));
      }
    }

    // Quiet now: the hostile ones leave once their frames were handled (a connection waits while its
    // room loads), everyone else comes back online, and every frame is delivered.
    await waitFor(
      () => hostiles.every((hostile) => hostile.handled()),
      fail('the hostile frames to be handled'),
    );
    for (const hostile of hostiles) hostile.disconnect();
    for (const { provider } of clients) provider.connect();
    const docs = () => clients.map(({ provider }) => provider.doc);
    const settle = async () => {
      for (let link = network.busy()[0]; link; link = network.busy()[0]) {
        while (link.deliverToServer() || link.deliverToClient());
      }
      await endOfTurn();
    };
    const roomDocs = () =>
      managers.flatMap((manager) => {
        const room = manager.room(BOARD);
        return room ? [docOf(room.boardState())] : [];
      });
    const converged = () =>
      clients.every(({ provider }) => provider.wsconnected && provider.synced) &&
      new Set([...docs(), ...roomDocs()].map(replicaOf)).size === 1;
    if (interrupted) {
      // What the bus lost comes from storage: once every node has stored what it holds, catch up.
      await waitFor(async () => {
        await settle();
        return clients.every(({ provider }) => provider.wsconnected && provider.synced);
      }, fail('every client to reconnect'));
      for (const manager of managers) await manager.room(BOARD)?.persistence.flush();
      cluster.hub.interrupt();
    }
    await waitFor(
      async () => {
        await settle();
        return converged();
      },
      fail('every client and room to hold the same board'),
      10_000,
    ).catch((error: unknown) => {
      const replicas = [
        ...clients.map(
          ({ index, provider }) =>
            `client ${index} (${provider.wsconnected ? 'online' : 'offline'}${provider.synced ? ', synced' : ''}): ${summary(provider.doc)}`,
        ),
        ...managers.map((manager, node) => {
          const room = manager.room(BOARD);
          return `node ${node}: ${room ? summary(docOf(room.boardState())) : 'no room'}`;
        }),
      ];
      throw new Error(`${String(error)}\n${replicas.join('\n')}`);
    });

    for (const manager of managers) await manager.room(BOARD)?.persistence.flush();
    expect(replicaOf(await storedDoc(cluster)), fail('storage holds the board the clients hold')).toBe(
      replicaOf(clients[0]!.provider.doc),
    );
    for (const client of clients) {
      expect(
        client.serverCloses,
        fail(`the server closed no well-behaved client (client ${client.index})`),
      ).toEqual([]);
    }
    for (const hostile of hostiles) {
      const code = hostile.socket.closed?.code;
      if (code === undefined) expect(hostile.mayStayOpen, fail(`${hostile.name} was closed`)).toBe(true);
      else expect(hostile.codes, fail(`${hostile.name} was closed with a documented code`)).toContain(code);
    }
    // Presence: once every removal and every re-announcement has arrived, everyone sees exactly
    // everyone, without waiting for the 15-second renewal (a bus that lost a removal leaves a ghost
    // until it times out, so not after a restart).
    if (!interrupted) {
      const everyone = clients.map(({ provider }) => provider.doc.clientID).sort();
      await waitFor(
        async () => {
          await settle();
          return clients.every(
            ({ provider }) => [...provider.awareness.getStates().keys()].sort().join() === everyone.join(),
          );
        },
        fail('every client to see exactly everyone’s presence'),
        2000,
      ).catch((error: unknown) => {
        const seen = clients.map(({ provider }) => [...provider.awareness.getStates().keys()].join());
        throw new Error(`${String(error)}\n${seen.join('\n')}`);
      });
    }
    expect(errors, fail('nothing was logged as an error')).toEqual([]);
    expect(rejections, fail('no promise was left rejected')).toEqual([]);
  } finally {
    for (const { provider } of clients) provider.destroy();
    for (const manager of managers) await manager.shutdown();
    for (const bus of buses) await bus.close();
    await cluster.dispose();
  }
}

describe('relay core under random traffic on two nodes', () => {
  it(`converges (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => runFuzz(SEED), 30_000);

  for (const { seed, bug } of REGRESSIONS) {
    it(`still converges with seed ${seed}: ${bug}`, () => runFuzz(seed), 30_000);
  }

  // Bugs found whose fix lies elsewhere; each flips to passing (and so fails here) once fixed.
  for (const { seed, bug } of KNOWN_BUGS) {
    it.fails(`seed ${seed} still finds: ${bug}`, () => runFuzz(seed), 30_000);
  }
});
