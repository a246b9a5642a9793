/**
 * Fan-out between relay nodes: what one node's clients change reaches the clients of the same board on
 * other nodes, and a revocation of a board's tokens reaches the nodes holding the board. One node needs
 * none (the default); several use Redis (RedisBus, chosen by REDIS_URL); tests run several nodes in one
 * process on MemoryBus. Delivery is at most once: a node also catches up from storage now and then (see
 * RoomManager), so a lost message delays an update or a revocation, never loses it.
 */
export type BusKind = 'update' | 'awareness' | 'revocation';

export const BUS_KINDS: readonly BusKind[] = ['update', 'awareness', 'revocation'];

export type BusHandler = (kind: BusKind, payload: Uint8Array) => void;

export interface Bus {
  /**
   * Starts delivering what other nodes publish for the board, from the moment this resolves (and what
   * they published a moment before: a node may have relayed an update it has not stored yet); call it
   * before reading the board from storage, so nothing falls between the read and the subscription.
   * Messages of one board from one node arrive in the order they were published.
   */
  subscribe(boardId: string, handler: BusHandler): Promise<void>;
  unsubscribe(boardId: string): void;
  /**
   * Sends to the other nodes: a document update or an awareness update of this node's clients, or a
   * revocation (the board's new token generation, see `encodeRevocation`). Never to this node itself.
   */
  publish(boardId: string, kind: BusKind, payload: Uint8Array): void;
  /**
   * Calls `listener` each time the bus may have lost messages in bulk (its connection came back after
   * a break, or the bus itself restarted), so that the node catches up from storage at once instead
   * of at its next periodic catch-up.
   */
  onGap(listener: () => void): void;
  close(): Promise<void>;
}

/** The payload of a revocation message: the board's new token generation, as a decimal string. */
export function encodeRevocation(epoch: number): Uint8Array {
  return new TextEncoder().encode(String(epoch));
}

/** The token generation a revocation message carries, or null when it carries none. */
export function decodeRevocation(payload: Uint8Array): number | null {
  if (payload.byteLength === 0 || payload.byteLength > 16) return null;
  const text = new TextDecoder().decode(payload);
  return /^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : null;
}
