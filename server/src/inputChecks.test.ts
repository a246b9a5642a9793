import { addNote, boardMaps, CLOSE, MAX_VALUE_DEPTH } from '@shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDocumentUpdate, jsonNestingExceeds, RefusedInput, valueNestingExceeds } from './inputChecks';
import { encodeSyncStep1, encodeUpdate } from './protocol';
import type { RoomManager } from './RoomManager';
import { endOfTurn, FakeSocket, startCore, waitFor } from './testing';

const BOARD = 'b'.repeat(32);

/** Arrays inside arrays, `depth` levels in all. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

/** The update a change to `doc` makes. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.transact(change);
  doc.off('update', capture);
  return update!;
}

describe('nesting checks', () => {
  it('measure JSON text without parsing it, strings included', () => {
    expect(jsonNestingExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
    expect(jsonNestingExceeds('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
    // Brackets inside strings, escaped quotes included, are text.
    expect(jsonNestingExceeds(`{"a":"[[[[[[\\"[[[[[["}`, 1)).toBe(false);
    expect(jsonNestingExceeds(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 32)).toBe(true);
  });

  it('measure decoded values without recursing', () => {
    expect(valueNestingExceeds(nested(32), 32)).toBe(false);
    expect(valueNestingExceeds(nested(33), 32)).toBe(true);
    expect(valueNestingExceeds({ a: [{ b: new Uint8Array(3) }] }, 3)).toBe(false);
    expect(valueNestingExceeds('text', 0)).toBe(false);
    expect(valueNestingExceeds(nested(1_000_000), 32)).toBe(true);
  });

  it('find a deep value in any content an update carries', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const deep = nested(MAX_VALUE_DEPTH + 1);
    const contents: Record<string, () => void> = {
      'a map entry (ContentAny)': () => doc.getMap('m').set('v', deep),
      'an array item (ContentAny)': () => doc.getArray('a').push([{ deep }]),
      'a text format (ContentFormat)': () => text.insert(0, 'x', { bold: deep }),
      'an embed (ContentEmbed)': () => text.insertEmbed(0, { deep }),
    };
    for (const [what, change] of Object.entries(contents)) {
      const update = updateOf(doc, change);
      expect(() => checkDocumentUpdate(update, MAX_VALUE_DEPTH), what).toThrow(RefusedInput);
    }
    const fine = updateOf(doc, () => doc.getMap('m').set('v', nested(MAX_VALUE_DEPTH)));
    expect(() => checkDocumentUpdate(fine, MAX_VALUE_DEPTH)).not.toThrow();
    expect(() => checkDocumentUpdate(new Uint8Array([5, 200]), MAX_VALUE_DEPTH)).toThrow(RefusedInput);
  });
});

describe('a document update nested too deep', () => {
  let manager: RoomManager | undefined;
  afterEach(async () => {
    await manager?.shutdown();
    manager = undefined;
  });

  it('is refused with 4422 and never applied, relayed or stored', async () => {
    const core = await startCore({ persistence: { flushDelayMs: 1 } });
    manager = core.manager;
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(core.template));
    const writer = new FakeSocket();
    const watcher = new FakeSocket();
    const connection = manager.connect(BOARD, 'edit', writer);
    manager.connect(BOARD, 'edit', watcher).receive(encodeSyncStep1(Y.encodeStateVector(client)));
    await waitFor(() => manager!.room(BOARD)?.connections.size === 2, 'the joins');
    await endOfTurn();
    watcher.sent = [];

    // Finding 5: a value 4,500 levels deep in meta made the board fail to load in every browser. (2,000
    // here: a test worker's stack is smaller than the server's, and the decoder recurses.)
    const deep = updateOf(client, () => boardMaps(client).meta.set('deep', nested(2000)));
    connection.receive(encodeUpdate(deep));
    expect(writer.closed?.code).toBe(CLOSE.malformed.code);
    await endOfTurn();
    const room = manager.room(BOARD)!;
    expect(room.hydrated && boardMaps(room.doc).meta.has('deep')).toBe(false);
    expect(watcher.sent).toEqual([]);
    await room.persistence.flush();
    const stored = await core.storage.load(BOARD);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, Y.mergeUpdates([stored!.state, ...stored!.updates]));
    expect(boardMaps(storedDoc).meta.has('deep')).toBe(false);
  });

  it('leaves a note edit alone', async () => {
    const core = await startCore();
    manager = core.manager;
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(core.template));
    const socket = new FakeSocket();
    const connection = manager.connect(BOARD, 'edit', socket);
    await waitFor(() => manager!.room(BOARD)?.connections.size === 1, 'the join');
    const edit = updateOf(client, () =>
      addNote(client, { x: 0, y: 0, text: 'kept', author: 'a', department: 'd' }, 'test'),
    );
    connection.receive(encodeUpdate(edit));
    expect(socket.closed).toBeNull();
    expect(boardMaps(manager.room(BOARD)!.doc).notes.size).toBe(1);
  });
});
