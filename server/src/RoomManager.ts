import type { Role } from '@shared';
import { DEFAULT_PERSISTENCE, type PersistenceOptions } from './BoardPersistence';
import { Connection, type SocketLike } from './Connection';
import type { Logger } from './logger';
import { CLOSE } from '@shared';
import { Room } from './Room';
import type { Storage } from './storage/Storage';

export interface RoomManagerOptions {
  maxMessageBytes: number;
  maxBufferedBytes: number;
  maxConnectionsPerRoom: number;
  roomUnloadDelayMs: number;
  persistence?: Partial<PersistenceOptions>;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

/**
 * The core of the relay: knows the loaded rooms and their connections, loads a room on its first
 * connection and unloads it a while after its last one leaves. Independent of any socket library.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  /** Loads in flight, so that concurrent joins of a cold room share one load. */
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly persistence: PersistenceOptions;
  private shuttingDown = false;

  constructor(
    private readonly storage: Storage,
    private readonly options: RoomManagerOptions,
    private readonly log: Logger,
  ) {
    this.persistence = { ...DEFAULT_PERSISTENCE, ...options.persistence };
  }

  stats(): RoomStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /** The loaded room of a board, if any (for tests and diagnostics). */
  room(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }

  /**
   * Joins an authenticated socket to a board's room. The host feeds frames to the returned connection's
   * `receive` and reports the socket's end with `disconnected`.
   */
  connect(boardId: string, role: Role, socket: SocketLike): Connection {
    const connection = new Connection(
      boardId,
      role,
      socket,
      { maxMessageBytes: this.options.maxMessageBytes, maxBufferedBytes: this.options.maxBufferedBytes },
      this.log,
    );
    if (this.shuttingDown) {
      connection.close(CLOSE.shuttingDown);
      return connection;
    }
    this.cancelUnload(boardId);
    this.getRoom(boardId)
      .then((room) => this.join(connection, room))
      .catch((error: unknown) => {
        this.log.error('joining a room failed', { board: boardId, error });
        connection.close(CLOSE.serverError);
      });
    return connection;
  }

  /** Closes every connection, writes every room to storage and closes storage. */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled(this.loading.values());
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) connection.close(CLOSE.shuttingDown);
    }
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        await room.persistence.flush();
        await room.persistence.compact();
        if (room.persistence.hasPending) {
          this.log.error('updates could not be stored before shutdown', { board: room.boardId });
        }
        room.destroy();
      }),
    );
    this.rooms.clear();
    await this.storage.close();
  }

  private join(connection: Connection, room: Room | null): void {
    if (connection.closed) {
      if (room && room.connections.size === 0) this.scheduleUnload(room);
      return;
    }
    if (!room) {
      connection.close(CLOSE.unknownBoard);
      return;
    }
    if (this.shuttingDown) {
      connection.close(CLOSE.shuttingDown);
      return;
    }
    if (room.connections.size >= this.options.maxConnectionsPerRoom) {
      this.log.warn('room is full', { board: room.boardId });
      connection.close(CLOSE.roomFull);
      if (room.connections.size === 0) this.scheduleUnload(room);
      return;
    }
    this.cancelUnload(room.boardId);
    room.addConnection(connection);
    connection.attach(room);
  }

  private getRoom(boardId: string): Promise<Room | null> {
    const loaded = this.rooms.get(boardId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(boardId);
    if (!loading) {
      loading = this.load(boardId).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, loading);
    }
    return loading;
  }

  private async load(boardId: string): Promise<Room | null> {
    const stored = await this.storage.load(boardId);
    if (!stored) return null;
    const room = new Room(boardId, stored, this.storage, this.persistence, this.log, (empty) =>
      this.scheduleUnload(empty),
    );
    this.rooms.set(boardId, room);
    this.log.debug('room loaded', { board: boardId, updates: stored.updates.length });
    return room;
  }

  private scheduleUnload(room: Room): void {
    if (this.shuttingDown) return;
    this.cancelUnload(room.boardId);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId);
      void this.unload(room);
    }, this.options.roomUnloadDelayMs);
    this.unloadTimers.set(room.boardId, timer);
  }

  private cancelUnload(boardId: string): void {
    const timer = this.unloadTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(boardId);
  }

  /**
   * The room stays in the map while it is written out, so a join during the write reuses it (and
   * the unload is abandoned) instead of loading a copy that lacks the last updates.
   */
  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.rooms.get(room.boardId) !== room) return;
    await room.persistence.flush();
    await room.persistence.compact();
    if (this.shuttingDown || room.connections.size > 0 || this.rooms.get(room.boardId) !== room) return;
    if (room.persistence.hasPending) {
      // Storage is failing; keep the document in memory rather than drop what it holds.
      this.scheduleUnload(room);
      return;
    }
    this.rooms.delete(room.boardId);
    room.destroy();
    this.log.debug('room unloaded', { board: room.boardId });
  }
}
