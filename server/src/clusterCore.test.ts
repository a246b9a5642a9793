import { addNote, boardMaps, createBoard, editNoteText } from '@shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { InProcessCluster } from './clusterTesting';
import { silentLogger } from './logger';
import { encodeAwareness, encodeUpdate, MESSAGE_AWARENESS } from './protocol';
import { RoomManager } from './RoomManager';
import { coreOptions, FakeSocket, waitFor } from './testing';

/** Room cores of two nodes in this process, on one database and a MemoryBus. */
const BOARD = 'c'.repeat(32);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function twoNodes() {
  const cluster = new InProcessCluster();
  cleanup.push(() => cluster.dispose());
  const template = new Y.Doc();
  createBoard(template, { title: 'Two cores' }, 'test');
  await cluster.storage.createBoard(BOARD, Y.encodeStateAsUpdate(template));
  const nodes = [0, 1].map(() => {
    const bus = cluster.hub.node();
    const manager = new RoomManager(cluster.nodeStorage(), coreOptions({ bus }), silentLogger);
    cleanup.push(async () => {
      await manager.shutdown();
      await bus.close();
    });
    return manager;
  });
  return { cluster, nodes, template };
}

function clientOf(template: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(template));
  return doc;
}

/** Runs `change` on `doc` and returns the update it made. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  change();
  doc.off('update', capture);
  return update!;
}

const noteText = (doc: Y.Doc, id: string) => String(boardMaps(doc).notes.get(id)?.get('text') ?? '');

describe('two room cores on one bus', () => {
  it('relays and stores a client’s change that waited in a node for another node’s change', async () => {
    const { cluster, nodes, template } = await twoNodes();
    const [one, two] = nodes as [RoomManager, RoomManager];
    // Carol, on node two, adds a note; Dave, who got it before node one did (he was on node two,
    // say, and moved to node one), types into it at once.
    const carol = clientOf(template);
    const dave = clientOf(template);
    const added = updateOf(carol, () =>
      addNote(carol, { id: 'n', x: 0, y: 0, text: 'note', author: 'c', department: 'd' }, 'test'),
    );
    Y.applyUpdate(dave, added);
    const typed = updateOf(dave, () => editNoteText(dave, 'n', 'note typed', 'test'));

    // Dave's typing reaches node one before Carol's note does: node one keeps it waiting.
    one.connect(BOARD, 'edit', new FakeSocket()).receive(encodeUpdate(typed));
    await waitFor(() => one.room(BOARD)?.doc.store.pendingStructs, 'the typing to wait in node one');
    // Carol's note reaches node one over the bus, and the typing with it.
    two.connect(BOARD, 'edit', new FakeSocket()).receive(encodeUpdate(added));
    await waitFor(() => noteText(one.room(BOARD)!.doc, 'n') === 'note typed', 'the typing in node one');

    // Node two and storage must get Dave's typing too: only node one ever had it.
    await waitFor(() => noteText(two.room(BOARD)!.doc, 'n') === 'note typed', 'the typing in node two');
    await one.room(BOARD)!.persistence.flush();
    await two.room(BOARD)!.persistence.flush();
    const stored = (await cluster.storage.load(BOARD))!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([stored.state, ...stored.updates]));
    expect(noteText(doc, 'n')).toBe('note typed');
  });

  // Every node (and every client) that saw Ada leave keeps the clock she left at, and y-protocols applies
  // only a higher one; the stock client re-announces at that same clock (see PresenceClocks).
  it('shows a client that reconnects, on either node, to everyone at once', async () => {
    const { nodes, template } = await twoNodes();
    const [one, two] = nodes as [RoomManager, RoomManager];
    const watcher = new FakeSocket();
    two.connect(BOARD, 'view', watcher);
    const ada = clientOf(template);
    const presence = new awarenessProtocol.Awareness(ada);
    presence.setLocalState({ name: 'Ada' });
    const announcement = encodeAwareness(presence, [ada.clientID]);
    presence.destroy();
    const seen = (manager: RoomManager) => manager.room(BOARD)?.awareness.getStates().has(ada.clientID);

    const first = one.connect(BOARD, 'edit', new FakeSocket());
    first.receive(announcement);
    await waitFor(() => seen(one) && seen(two), 'Ada’s presence on both nodes');
    first.disconnected();
    await waitFor(() => !seen(one) && !seen(two), 'Ada’s presence gone from both nodes');
    // The stock client re-announces its unchanged presence as it was, on whichever node it reaches.
    two.connect(BOARD, 'edit', new FakeSocket()).receive(announcement);
    await waitFor(() => seen(one) && seen(two), 'Ada’s presence back on both nodes', 1000);
    // And a client that saw her leave shows her again.
    const shownByWatcher = () => {
      const shown = new awarenessProtocol.Awareness(new Y.Doc());
      for (const message of watcher.sent.filter((m) => m[0] === MESSAGE_AWARENESS)) {
        const decoder = decoding.createDecoder(message);
        decoding.readVarUint(decoder);
        awarenessProtocol.applyAwarenessUpdate(shown, decoding.readVarUint8Array(decoder), 'relay');
      }
      shown.destroy();
      return shown.getStates().get(ada.clientID);
    };
    await waitFor(() => shownByWatcher(), 'Ada shown to a client that saw her leave', 1000);
    expect(shownByWatcher()).toEqual({ name: 'Ada' });
  });
});
