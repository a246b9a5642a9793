import { createBoard } from '@shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { InProcessCluster } from './clusterTesting';
import { silentLogger } from './logger';
import { MemoryNetwork, type Link } from './MemoryNetwork';
import { MESSAGE_AWARENESS } from './protocol';
import { RoomManager } from './RoomManager';
import { coreOptions, endOfTurn, FakeSocket, waitFor } from './testing';

/**
 * Presence when people come back: stock y-websocket clients on room cores of one or two nodes (one
 * database, a MemoryBus), over in-memory sockets whose frames move only when the test says. Everyone
 * must see everyone as soon as the frames have moved: no test waits for the 15-second renewal.
 */
const BOARD = 'p'.repeat(32);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function nodes(count: number) {
  const cluster = new InProcessCluster();
  cleanup.push(() => cluster.dispose());
  const template = new Y.Doc();
  createBoard(template, { title: 'Presence' }, 'test');
  await cluster.storage.createBoard(BOARD, Y.encodeStateAsUpdate(template));
  const managers = Array.from({ length: count }, () => {
    const bus = cluster.hub.node();
    const manager = new RoomManager(cluster.nodeStorage(), coreOptions({ bus }), silentLogger);
    cleanup.push(async () => {
      await manager.shutdown();
      await bus.close();
    });
    return manager;
  });
  const network = new MemoryNetwork(managers);
  const people: WebsocketProvider[] = [];

  /** A stock client with a presence, on the node `node()` says each time it connects. */
  const join = (clientID: number, node: () => number = () => 0) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const provider = new WebsocketProvider('ws://relay/sync', BOARD, doc, {
      WebSocketPolyfill: network.webSocketFor({ boardId: BOARD, role: 'edit', node }),
      disableBc: true,
      maxBackoffTime: 5,
    });
    provider.awareness.setLocalState({ name: `person ${clientID}`, cursor: { x: 0, y: 0 } });
    cleanup.push(async () => provider.destroy());
    people.push(provider);
    return provider;
  };

  /**
   * Moves every frame, on every link, until nothing is left in flight and no room holds awareness for
   * the end of its display frame.
   */
  const settle = async () => {
    for (;;) {
      await endOfTurn();
      const busy = network.busy();
      if (busy.length === 0) {
        const waiting = () => managers.some((manager) => manager.room(BOARD)?.awarenessWaiting);
        if (!waiting()) return;
        await waitFor(() => !waiting(), 'the rooms’ display frames to end');
        continue;
      }
      for (const link of busy) while (link.deliverToServer() || link.deliverToClient());
    }
  };

  /** The link a client's current socket is on. */
  const linkOf = (provider: WebsocketProvider): Link => (provider.ws as unknown as { link: Link }).link;

  const online = () => waitFor(() => people.every((p) => p.wsconnected), 'everyone online');

  return { cluster, managers, network, join, settle, linkOf, online };
}

const seen = (provider: WebsocketProvider) => [...provider.awareness.getStates().keys()].sort();
const ids = (...people: WebsocketProvider[]) => people.map((p) => p.doc.clientID).sort();

describe('presence of people who come back', () => {
  it('shows a client that reconnects to everyone, and everyone to it, at once', async () => {
    const { join, settle, online } = await nodes(1);
    const ada = join(11);
    const ben = join(12);
    const cy = join(13);
    await online();
    await settle();
    expect(seen(ben)).toEqual(ids(ada, ben, cy));

    ada.disconnect();
    await settle();
    expect(seen(ben)).toEqual(ids(ben, cy));
    ada.connect();
    await online();
    await settle();
    // Ada re-announces her unchanged presence at the clock she left with, and she, having dropped
    // everyone when her socket closed, is greeted with presences she saw at the clocks she knows.
    for (const person of [ada, ben, cy]) expect(seen(person)).toEqual(ids(ada, ben, cy));
    // Everyone took Ada's clock as the relay announced it, Ada too: her next change reaches everyone.
    ada.awareness.setLocalStateField('cursor', { x: 5, y: 5 });
    await settle();
    expect(ben.awareness.getStates().get(ada.doc.clientID)?.cursor).toEqual({ x: 5, y: 5 });
    expect(cy.awareness.getStates().get(ada.doc.clientID)?.cursor).toEqual({ x: 5, y: 5 });
  });

  it('shows a client that comes back to the other node to everyone on both, and both to it', async () => {
    let adaNode = 0;
    const { join, settle, online, managers } = await nodes(2);
    const ada = join(21, () => adaNode);
    const ben = join(22, () => 1);
    const cy = join(23, () => 0);
    await online();
    await settle();
    expect(seen(ben)).toEqual(ids(ada, ben, cy));

    for (const node of [1, 0]) {
      ada.disconnect();
      await settle();
      expect(seen(ben)).toEqual(ids(ben, cy));
      adaNode = node;
      ada.connect();
      await online();
      await settle();
      for (const person of [ada, ben, cy]) expect(seen(person)).toEqual(ids(ada, ben, cy));
      for (const manager of managers) {
        expect([...manager.room(BOARD)!.awareness.getStates().keys()].sort()).toEqual(ids(ada, ben, cy));
      }
    }
  });

  it('shows a client that reconnected before its old connection was seen to close, once it is', async () => {
    const { join, settle, online, linkOf } = await nodes(2);
    const ada = join(31, () => 0);
    const ben = join(32, () => 1);
    await online();
    await settle();
    // Ada's network goes and comes back: her browser sees the socket close, the relay does not yet.
    const old = linkOf(ada);
    old.closeClient({ code: 1006, reason: '' });
    await waitFor(() => ada.wsconnected, 'Ada back');
    await settle();
    // Her old connection still holds her presence; what she sends now waits for it to go.
    ada.awareness.setLocalStateField('cursor', { x: 7, y: 7 });
    await settle();
    expect(ben.awareness.getStates().get(ada.doc.clientID)?.cursor).toEqual({ x: 0, y: 0 });
    old.server!.disconnected();
    await settle();
    expect(seen(ben)).toEqual(ids(ada, ben));
    expect(ben.awareness.getStates().get(ada.doc.clientID)?.cursor).toEqual({ x: 7, y: 7 });
    expect(seen(ada)).toEqual(ids(ada, ben));
  });

  it('applies a change a client made before it heard the clock its presence was announced at', async () => {
    const { join, settle, online, linkOf } = await nodes(1);
    const ada = join(41);
    const ben = join(42);
    await online();
    await settle();
    ada.disconnect();
    await settle();
    ada.connect();
    await waitFor(() => ada.wsconnected, 'Ada back');
    // Her announcement reaches the relay, which relays it one clock up; she moves before she hears it.
    const link = linkOf(ada);
    while (link.deliverToServer());
    await endOfTurn();
    ada.awareness.setLocalStateField('cursor', { x: 9, y: 9 });
    await settle();
    expect(ben.awareness.getStates().get(ada.doc.clientID)?.cursor).toEqual({ x: 9, y: 9 });
  });

  it('never brings back someone who left with another client’s late echo of their presence', async () => {
    const { join, settle, online, linkOf, managers } = await nodes(1);
    const ada = join(51);
    const ben = join(52);
    await online();
    await settle();
    // Ada moves and leaves; Ben's echo of her move reaches the relay only after she is gone.
    const adaLink = linkOf(ada);
    ada.awareness.setLocalStateField('cursor', { x: 3, y: 3 });
    while (adaLink.deliverToServer());
    await endOfTurn();
    await endOfTurn();
    while (linkOf(ben).deliverToClient());
    ada.disconnect();
    while (adaLink.deliverToServer());
    await settle();
    expect(managers[0]!.room(BOARD)!.awareness.getStates().has(ada.doc.clientID)).toBe(false);
    expect(seen(ben)).toEqual(ids(ben));
  });
});

/** What a stock client would show from the awareness messages a connection was sent. */
function presenceShownBy(socket: FakeSocket): awarenessProtocol.Awareness {
  const shown = new awarenessProtocol.Awareness(new Y.Doc());
  cleanup.push(async () => shown.destroy());
  for (const message of socket.sent.filter((m) => m[0] === MESSAGE_AWARENESS)) {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    awarenessProtocol.applyAwarenessUpdate(shown, decoding.readVarUint8Array(decoder), 'relay');
  }
  return shown;
}

describe('presence another node tells of', () => {
  it('is shown again when another node says it is there at the clock this node saw it leave at', async () => {
    const { managers } = await nodes(1);
    const watcher = new FakeSocket();
    managers[0]!.connect(BOARD, 'view', watcher);
    await waitFor(() => managers[0]!.room(BOARD), 'the room');
    const room = managers[0]!.room(BOARD)!;
    const ada = new awarenessProtocol.Awareness(new Y.Doc());
    ada.setLocalState({ name: 'Ada' });
    const present = awarenessProtocol.encodeAwarenessUpdate(ada, [ada.clientID]);
    const gone = awarenessProtocol.encodeAwarenessUpdate(ada, [ada.clientID], new Map());
    ada.destroy();

    room.applyFromBus('awareness', present);
    room.applyFromBus('awareness', gone);
    // The removal waits for the end of the display frame the first message opened.
    await waitFor(() => !room.awarenessWaiting, 'the end of the frame');
    expect(presenceShownBy(watcher).getStates().has(ada.clientID)).toBe(false);
    // Her old connection on another node went at the moment her new one there announced her (clocks
    // made from the time can tie, and nodes' clocks differ): that node says she is there.
    room.applyFromBus('awareness', present);
    await waitFor(() => !room.awarenessWaiting, 'the end of the frame');
    await endOfTurn();
    expect(room.awareness.getStates().has(ada.clientID)).toBe(true);
    expect(presenceShownBy(watcher).getStates().get(ada.clientID)).toEqual({ name: 'Ada' });
  });
});
