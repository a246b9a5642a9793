/**
 * Fan-out between relay nodes: what one node's clients change reaches the clients of the same board on
 * other nodes. One node needs none (the default); several use Redis (RedisBus, chosen by REDIS_URL).
 * Delivery is at most once: a node also catches up from storage now and then (see RoomManager), so a
 * lost message delays an update, never loses it.
 */
export type BusKind = 'update' | 'awareness';

export type BusHandler = (kind: BusKind, payload: Uint8Array) => void;

export interface Bus {
  /**
   * Starts delivering what other nodes publish for the board, from the moment this resolves; call it
   * before reading the board from storage, so nothing falls between the read and the subscription.
   */
  subscribe(boardId: string, handler: BusHandler): Promise<void>;
  unsubscribe(boardId: string): void;
  /** Sends a document update or an awareness update of this node's clients to the other nodes. */
  publish(boardId: string, kind: BusKind, payload: Uint8Array): void;
  /**
   * Calls `listener` each time the bus may have lost messages in bulk (its connection came back after
   * a break, or the bus itself restarted), so that the node catches up from storage at once instead
   * of at its next periodic catch-up.
   */
  onGap(listener: () => void): void;
  close(): Promise<void>;
}
