import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/**
 * The y-websocket messages a simulated client sends and reads, written with lib0 directly: a simulated
 * client has no Awareness instance, and reading only what the measurement needs keeps the load
 * generator light enough that it, not the server, is never the bottleneck.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Hocuspocus only: a sync message sent in reply (its step 2 to a client's step 1), read as any sync. */
export const MESSAGE_SYNC_REPLY = 4;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export const syncStep1 = (stateVector: Uint8Array) =>
  syncMessage(syncProtocol.messageYjsSyncStep1, stateVector);
export const syncStep2 = (update: Uint8Array) => syncMessage(syncProtocol.messageYjsSyncStep2, update);
export const updateMessage = (update: Uint8Array) => syncMessage(syncProtocol.messageYjsUpdate, update);

/** An awareness message for one client, in y-protocols' format (count, then id, clock, JSON state). */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = frame((encoder) => {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  });
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export type Incoming =
  | { kind: 'sync'; step: number; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'queryAwareness' }
  | { kind: 'other'; type: number };

export function readMessage(data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC:
    case MESSAGE_SYNC_REPLY: {
      const step = decoding.readVarUint(decoder);
      return { kind: 'sync', step, payload: decoding.readVarUint8Array(decoder) };
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'queryAwareness' };
    default:
      return { kind: 'other', type };
  }
}

/**
 * Calls `visit` with the client id, clock and seq (see awarenessSeq) of every entry of an awareness
 * update, without decoding the JSON states or making a view of them (a server may pack several clients
 * into one message, and a large room's load generator reads hundreds of thousands of entries a second).
 */
export function forEachAwarenessEntry(
  payload: Uint8Array,
  visit: (clientId: number, clock: number, seq: number | null) => void,
): void {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const length = decoding.readVarUint(decoder);
    if (decoder.pos + length > payload.byteLength) throw new Error('an awareness entry past the message');
    const seq = seqAt(payload, decoder.pos, length);
    decoder.pos += length;
    visit(clientId, clock, seq);
  }
}

/** What a simulated person's awareness state starts with: its own count of the states it sent. */
const SEQ_PREFIX = Array.from('{"seq":', (c) => c.charCodeAt(0));
const DIGIT_0 = 0x30;

/**
 * The `seq` of a simulated person's awareness state, read from the JSON bytes without parsing them
 * (the state is written with `seq` first, and JSON keeps its keys' order through a relay that parses
 * and writes it again); null for any other state, a removal (`null`) included.
 *
 * The load generator matches awareness receipts by (client id, seq) rather than by the entry's clock:
 * a relay may send a presence at a clock of its own (ours mirrors other nodes' presences at its own
 * clocks; see the server's PresenceClocks), and the state is what a person sees.
 */
export function awarenessSeq(state: Uint8Array): number | null {
  return seqAt(state, 0, state.byteLength);
}

function seqAt(bytes: Uint8Array, start: number, length: number): number | null {
  if (length <= SEQ_PREFIX.length) return null;
  for (let i = 0; i < SEQ_PREFIX.length; i++) if (bytes[start + i] !== SEQ_PREFIX[i]) return null;
  const end = start + length;
  const first = start + SEQ_PREFIX.length;
  let seq = 0;
  let i = first;
  for (; i < end; i++) {
    const digit = bytes[i]! - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    seq = seq * 10 + digit;
  }
  return i === first ? null : seq;
}
