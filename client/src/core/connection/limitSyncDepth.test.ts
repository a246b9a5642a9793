import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeUpdate } from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardMaps, createBoard } from '@shared';
import { limitSyncDepth } from './limitSyncDepth';

const PLACEHOLDER = 'deep-value-goes-here';
const DEPTH = 100_000;

/** The server's sync step 2 of a stored board whose meta holds a value DEPTH levels deep. */
function poisonedStep2(): Uint8Array {
  const server = new Y.Doc();
  createBoard(server, { title: 'Stored long ago', createdAt: 1 }, 'server');
  boardMaps(server).meta.set('zzz', PLACEHOLDER);
  const update = Y.encodeStateAsUpdate(server);
  // Swap the placeholder string (tag 119, length, bytes) for { a: { a: ... } }, built without recursion.
  const marker = new TextEncoder().encode(PLACEHOLDER);
  let at = 0;
  while (!marker.every((b, j) => update[at + j] === b)) at++;
  at -= 2;
  const deep: number[] = [];
  for (let i = 0; i < DEPTH; i++) deep.push(118, 1, 1, 97);
  deep.push(126);
  const poisoned = new Uint8Array([
    ...update.subarray(0, at),
    ...deep,
    ...update.subarray(at + marker.length + 2),
  ]);
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, messageSync);
  encoding.writeVarUint(message, 1); // sync step 2
  encoding.writeVarUint8Array(message, poisoned);
  return encoding.toUint8Array(message);
}

/** Hands one message to the provider as its socket would. */
function receive(provider: WebsocketProvider, message: Uint8Array): void {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  provider.messageHandlers[type]!(encoding.createEncoder(), decoder, provider, true, type);
}

const providers: WebsocketProvider[] = [];
function provider(doc: Y.Doc): WebsocketProvider {
  const made = new WebsocketProvider('ws://localhost:1', 'board', doc, {
    connect: false,
    // Never used: the test hands messages to the provider itself.
    WebSocketPolyfill: class {} as unknown as typeof WebSocket,
  });
  providers.push(made);
  return made;
}

afterEach(() => {
  while (providers.length > 0) providers.pop()!.destroy();
});

describe('limitSyncDepth', () => {
  it('loads a board holding a value nested 100,000 deep, which the stock provider cannot', () => {
    const message = poisonedStep2();
    // The stock provider: Yjs overflows, y-protocols logs it and goes on, and the board is empty.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lost = new Y.Doc();
    receive(provider(lost), message);
    expect(errors.mock.calls[0]?.[1]).toBeInstanceOf(RangeError);
    errors.mockRestore();
    expect(boardMaps(lost).zones.size).toBe(0);

    const doc = new Y.Doc();
    const limited = provider(doc);
    limitSyncDepth(limited);
    receive(limited, message);
    expect(limited.synced).toBe(true);
    expect(boardMaps(doc).meta.get('title')).toBe('Stored long ago');
    expect(boardMaps(doc).meta.get('zzz')).toBeNull();
    expect(boardMaps(doc).zones.size).toBeGreaterThan(0);
  });

  it('passes ordinary updates through untouched', () => {
    const other = new Y.Doc();
    other.getMap('meta').set('title', { nested: { ok: true } });
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, messageSync);
    writeUpdate(message, Y.encodeStateAsUpdate(other));
    const doc = new Y.Doc();
    const limited = provider(doc);
    limitSyncDepth(limited);
    receive(limited, encoding.toUint8Array(message));
    expect(doc.getMap('meta').get('title')).toEqual({ nested: { ok: true } });
  });
});
