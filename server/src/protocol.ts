import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';

/** Message types of the y-websocket protocol (the first varUint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 carrying a state vector (Y.encodeStateVector, or one read from an update). */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, stateVector);
  });
}

/**
 * Sync step 2 carrying an update. Built in one allocation of its exact size: for a join this is often
 * the whole board, and an encoder would copy it twice (growing its buffer, then joining the parts).
 */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const head = message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint(encoder, update.byteLength);
  });
  const out = new Uint8Array(head.byteLength + update.byteLength);
  out.set(head);
  out.set(update, head.byteLength);
  return out;
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
  });
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

/**
 * The awareness update (the payload of an awareness message) for `clients`, leaving out every client
 * whose state cannot be encoded, which are added to `unencodable`; null when none is left. States are
 * checked on arrival (see AwarenessGate), so this is the last line: one state that JSON.stringify
 * cannot write (nested past the stack, a cycle) must never stop the others' messages, nor every later
 * join.
 */
export function encodeAwarenessUpdateOf(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
  unencodable: number[],
): Uint8Array | null {
  try {
    return awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
  } catch {
    // One at a time below, to find which.
  }
  const encodable = clients.filter((client) => {
    try {
      awarenessProtocol.encodeAwarenessUpdate(awareness, [client]);
      return true;
    } catch {
      unencodable.push(client);
      return false;
    }
  });
  return encodable.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(awareness, encodable);
}

/**
 * The JSON bytes a state arrived as, when `state` is exactly the object parsed from them (see
 * AwarenessGate.stateBytes); undefined otherwise.
 */
export type KnownStateBytes = (clientId: number, state: unknown) => Uint8Array | undefined;

/**
 * The awareness update for `clients` as y-protocols' encodeAwarenessUpdate writes it, but each state
 * that `known` has the bytes of is written from them instead of by JSON.stringify again: a room
 * re-encodes every changed cursor once per display frame, and the states are almost always exactly
 * what their clients sent. Null when a state cannot be stringified (the caller then finds which).
 */
function encodeAwarenessUpdateFromKnown(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
  known: KnownStateBytes,
): Uint8Array | null {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const client of clients) {
    // As y-protocols reads them (a falsy state is written as null).
    const state: unknown = awareness.states.get(client) || null;
    const meta = awareness.meta.get(client);
    // A state without its meta fails y-protocols' encoding too: the caller finds it.
    if (meta === undefined) return null;
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, meta.clock);
    const bytes = state === null ? undefined : known(client, state);
    if (bytes) {
      encoding.writeVarUint8Array(encoder, bytes);
      continue;
    }
    try {
      encoding.writeVarString(encoder, JSON.stringify(state));
    } catch {
      return null;
    }
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The awareness message for `clients`, leaving out the unencodable (see encodeAwarenessUpdateOf);
 * states whose received bytes `known` has are written from them.
 */
export function encodeAwarenessOf(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
  unencodable: number[],
  known?: KnownStateBytes,
): Uint8Array | null {
  const update =
    (known && encodeAwarenessUpdateFromKnown(awareness, clients, known)) ??
    encodeAwarenessUpdateOf(awareness, clients, unencodable);
  if (update === null) return null;
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
  });
}
