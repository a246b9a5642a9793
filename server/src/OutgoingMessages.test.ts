import { describe, expect, it } from 'vitest';
import type { EventEmitter } from 'node:events';
import * as ws from 'ws';
import { LARGE_MESSAGE_BYTES, OutgoingMessages } from './OutgoingMessages';

// ws exports its frame parser, but its type definitions do not declare it.
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => EventEmitter & {
    write(chunk: Buffer): void;
  };
};

/** Parses frames with ws's own client-side receiver, as a browser's WebSocket would. */
function receive(chunks: readonly Buffer[]): Buffer[] {
  const received: Buffer[] = [];
  const errors: Error[] = [];
  const receiver = new Receiver({ isServer: false, maxPayload: 0 });
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true);
    received.push(Buffer.from(data));
  });
  receiver.on('error', (error: Error) => errors.push(error));
  for (const chunk of chunks) receiver.write(chunk);
  expect(errors).toEqual([]);
  return received;
}

function bytes(length: number, seed: number): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
}

describe('OutgoingMessages', () => {
  it('frames each message as one binary frame, with every length encoding', () => {
    // 7-bit, 16-bit and 64-bit payload lengths, and the boundaries between them.
    const messages = [0, 1, 125, 126, 65535, 65536, 200_000].map((length, i) => bytes(length, i));
    const out = new OutgoingMessages(messages);
    const received = receive(out.framed());
    expect(received.map((m) => m.byteLength)).toEqual(messages.map((m) => m.byteLength));
    received.forEach((message, i) => expect(new Uint8Array(message)).toEqual(messages[i]));
  });

  it('frames a view into a larger buffer by its own bytes only', () => {
    const backing = bytes(64, 3);
    const view = backing.subarray(10, 20);
    expect(new Uint8Array(receive(OutgoingMessages.of(view).framed())[0]!)).toEqual(view);
  });

  it('packs small frames into one chunk and writes a large message from its own bytes', () => {
    const large = bytes(LARGE_MESSAGE_BYTES, 4);
    const small = [bytes(10, 1), bytes(300, 2), bytes(20, 3)];
    expect(OutgoingMessages.of(...small).framed()).toHaveLength(1);
    const chunks = OutgoingMessages.of(small[0]!, large, small[1]!, small[2]!).framed();
    // The small frame and the large one's header; the large message itself; the two small frames.
    expect(chunks).toHaveLength(3);
    expect(chunks[1]!.buffer).toBe(large.buffer);
    expect(receive(chunks).map((m) => m.byteLength)).toEqual([10, LARGE_MESSAGE_BYTES, 300, 20]);
  });

  it('builds the frames once, however many connections are sent them', () => {
    const out = OutgoingMessages.of(bytes(10, 1), bytes(300, 2));
    expect(out.framed()).toBe(out.framed());
  });
});
