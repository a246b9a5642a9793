import type { Role } from '@shared';
import * as Y from 'yjs';
import { DEFAULT_PERSISTENCE, FlushClock, type PersistenceOptions } from './BoardPersistence';
import { Connection, type ConnectionAccess, type ConnectionLimits, type SocketLike } from './Connection';
import type { Logger } from './logger';
import { decodeRevocation, encodeRevocation, type Bus, type BusKind } from './bus/Bus';
import { DEFAULT_AWARENESS_FRAME_MS, OutboxScheduler } from './Outbox';
import { Room, type RoomOptions } from './Room';
import type { Storage, StoredBoard } from './storage/Storage';
import { readableBoard, readableChanges } from './storedDepth';
import { Telemetry } from './Telemetry';

export interface RoomManagerOptions extends ConnectionLimits {
  maxConnectionsPerRoom: number;
  /** Rooms held in memory at most; past it an idle room is evicted, else the join is refused (4507). */
  maxRooms: number;
  roomUnloadDelayMs: number;
  persistence?: Partial<PersistenceOptions>;
  /** Merge outgoing messages per event-loop turn (default true); false relays each message at once. */
  batchOutbound?: boolean;
  /** Awareness leaves each room at most once per this many ms (default 16, a display frame; 0: per turn). */
  awarenessFrameMs?: number;
  /** In a long turn, what has waited this long leaves before the next message is handled (ms). */
  outboundWaitBudgetMs?: number;
  /** A room that sent nothing for this long sends the first message of a turn on arrival (ms). */
  outboundQuietMs?: number;
  /** Fan-out to other relay nodes (several nodes); none by default. */
  bus?: Bus | null;
  /** With a bus: how often each loaded board is read back from storage to catch up on lost messages. */
  busCatchUpMs?: number;
  /**
   * How long a board's token generation read from storage answers for later joins (ms, default 1000).
   * A join with a token newer than the one the room knows always reads it afresh.
   */
  tokenEpochCacheMs?: number;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

/** After the bus returns, how long (beyond one flush) other nodes' last writes may take to land. */
const GAP_SETTLE_MS = 1000;

/** Why a room could not be had. */
export type NoRoom = 'unknownBoard' | 'serverFull';

/** A read of a board's token generation from storage, shared by the joins it is recent enough for. */
interface EpochRead {
  startedAt: number;
  done: Promise<void>;
}

/**
 * The core of the relay: knows the loaded rooms and their connections, loads a room on its first
 * connection and unloads it a while after its last one leaves. Independent of any socket library.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  /** Loads in flight, so that concurrent joins of a cold room share one load. */
  private readonly loading = new Map<string, Promise<Room | NoRoom>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Idle rooms being unloaded early to make space for another. */
  private readonly evicting = new Set<Room>();
  /** Unloads in progress: a second unload of the same room waits for the first instead of racing it. */
  private readonly unloading = new Map<Room, Promise<void>>();
  /**
   * When each room's token generation was last read from storage (`performance.now()` at the start of
   * the read): the room's own load, a join's check, or a catch-up.
   */
  private readonly epochReadAt = new WeakMap<Room, number>();
  private readonly epochReads = new Map<Room, EpochRead>();
  private readonly roomOptions: RoomOptions;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private shuttingDown = false;

  constructor(
    private readonly storage: Storage,
    private readonly options: RoomManagerOptions,
    private readonly log: Logger,
    /** Counters read by /metrics; the core only increments them. */
    readonly telemetry = new Telemetry(),
  ) {
    const persistence = { ...DEFAULT_PERSISTENCE, ...options.persistence };
    this.roomOptions = {
      persistence,
      flushClock: new FlushClock(persistence.flushDelayMs),
      outboxScheduler: new OutboxScheduler(options.outboundWaitBudgetMs, options.outboundQuietMs, log),
      batchOutbound: options.batchOutbound ?? true,
      awarenessFrameMs: options.awarenessFrameMs ?? DEFAULT_AWARENESS_FRAME_MS,
      bus: options.bus ?? null,
    };
    if (this.roomOptions.bus) {
      this.catchUpTimer = setInterval(() => this.catchUp(), options.busCatchUpMs ?? 10_000);
      this.catchUpTimer.unref();
      this.roomOptions.bus.onGap(() => this.catchUpAfterGap());
    }
  }

  stats(): RoomStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /** Rows in the stored logs of the loaded rooms (what compaction has yet to fold). */
  storedLogRows(): number {
    let rows = 0;
    for (const room of this.rooms.values()) rows += room.persistence.logLength;
    return rows;
  }

  /**
   * The board's whole current state as one update, or null for an unknown board: from its room when
   * loaded (with what is not stored yet), else from storage, without loading a room.
   */
  async boardState(boardId: string): Promise<Uint8Array | null> {
    const room = this.rooms.get(boardId);
    if (room) return room.boardState();
    const stored = await this.readBoard(boardId);
    if (!stored) return null;
    return stored.updates.length === 0 ? stored.state : Y.mergeUpdates([stored.state, ...stored.updates]);
  }

  /**
   * Runs `use` on the board's room, loading it when needed (for the server's own reads and changes of a
   * board, such as a vote's reveal); a room that nobody is connected to is unloaded later as usual.
   * `use` runs synchronously, so the room cannot be unloaded under it.
   */
  async useRoom<T>(boardId: string, use: (room: Room) => T): Promise<T | NoRoom> {
    for (;;) {
      if (this.shuttingDown) return 'serverFull';
      this.cancelUnload(boardId);
      const room = await this.getRoom(boardId);
      if (!(room instanceof Room)) return room;
      // Unloaded while this waited: load it again.
      if (this.rooms.get(boardId) !== room) continue;
      try {
        return use(room);
      } finally {
        if (room.connections.size === 0) this.scheduleUnload(room);
      }
    }
  }

  /** The loaded room of a board, if any (for tests and diagnostics). */
  room(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }

  /**
   * Joins an authenticated socket to a board's room. The host feeds frames to the returned connection's
   * `receive` and reports the socket's end with `disconnected`. A bare role means token generation 0.
   */
  connect(boardId: string, access: Role | ConnectionAccess, socket: SocketLike): Connection {
    const connection = new Connection(
      boardId,
      typeof access === 'string' ? { role: access, tokenEpoch: 0 } : access,
      socket,
      this.options,
      this.log,
      this.telemetry,
    );
    if (this.shuttingDown) {
      connection.close('shuttingDown');
      return connection;
    }
    this.cancelUnload(boardId);
    const arrivedAt = performance.now();
    this.getRoom(boardId)
      .then((room) => this.join(connection, room, arrivedAt))
      .catch((err: unknown) => {
        this.log.error({ board: boardId, err }, 'joining a room failed');
        connection.close('serverError');
      });
    return connection;
  }

  /**
   * Applies a revocation (the board's token generation is now `epoch` in storage) here and, over the
   * bus, on the other nodes: connections that came in with an older token are closed with 4410, and
   * later joins are checked against `epoch`. A node that misses the bus message learns the generation
   * from storage at its next join with a newer token, its next check of the cached generation, or its
   * next catch-up.
   */
  async revokeTokens(boardId: string, epoch: number): Promise<void> {
    this.roomOptions.bus?.publish(boardId, 'revocation', encodeRevocation(epoch));
    const room = this.rooms.get(boardId) ?? (await this.loading.get(boardId));
    if (room instanceof Room) room.revokeTokens(epoch);
  }

  /** Closes every connection, writes every room to storage and closes storage. */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled([
      ...this.loading.values(),
      ...[...this.epochReads.values()].map((read) => read.done),
    ]);
    for (const room of this.rooms.values()) {
      room.flushOutbound();
      for (const connection of [...room.connections]) connection.close('shuttingDown');
    }
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        room.storeRelayed();
        await room.persistence.flush();
        await room.persistence.compact();
        if (room.persistence.hasPending) {
          this.log.error({ board: room.boardId }, 'updates could not be stored before shutdown');
        }
        room.destroy();
      }),
    );
    this.rooms.clear();
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.roomOptions.flushClock.dispose();
    this.roomOptions.outboxScheduler.dispose();
    await this.storage.close();
  }

  /**
   * Catches up on what the bus lost: one read of every loaded board's head (its last sequence number and
   * token generation), then, only for a board whose log moved past what its room holds, the rows after
   * that (see Room.catchUpRead). A node with a thousand idle boards asks storage one question per period.
   */
  private catchUp(): void {
    if (this.shuttingDown || this.rooms.size === 0) return;
    const rooms = [...this.rooms.values()];
    const startedAt = performance.now();
    this.storage.boardHeads(rooms.map((room) => room.boardId)).then(
      (heads) => {
        for (const room of rooms) {
          const head = heads.get(room.boardId);
          if (!head || this.rooms.get(room.boardId) !== room || this.shuttingDown) continue;
          this.applyStoredEpoch(room, head.tokenEpoch, startedAt);
          const read = room.catchUpRead(head);
          if (read === 'rows') this.catchUpRows(room);
          else if (read === 'whole') this.catchUpWhole(room);
        }
      },
      (err: unknown) => this.log.warn({ err, rooms: rooms.length }, 'catch-up from storage failed'),
    );
  }

  /** Applies to the room what was stored after the rows it holds. */
  private catchUpRows(room: Room): void {
    const startedAt = performance.now();
    this.storage.updatesSince(room.boardId, room.storedSeq).then(
      (changes) => {
        if (!changes || this.rooms.get(room.boardId) !== room || this.shuttingDown) return;
        this.applyStoredEpoch(room, changes.tokenEpoch, startedAt);
        room.catchUpRows(readableChanges(changes));
      },
      (err: unknown) => this.log.warn({ board: room.boardId, err }, 'catch-up from storage failed'),
    );
  }

  /** Reads the whole board back and applies what its room lacks (see Room.catchUp). */
  private catchUpWhole(room: Room): void {
    const startedAt = performance.now();
    this.readBoard(room.boardId).then(
      (stored) => {
        if (!stored || this.rooms.get(room.boardId) !== room || this.shuttingDown) return;
        this.applyStoredEpoch(room, stored.tokenEpoch, startedAt);
        room.catchUp(stored);
      },
      (err: unknown) => this.log.warn({ board: room.boardId, err }, 'catch-up from storage failed'),
    );
  }

  /**
   * The bus lost messages for a while (Redis went away and came back): catch up now, and once more when
   * what the other nodes applied just before the bus returned has surely reached storage.
   */
  private catchUpAfterGap(): void {
    this.catchUp();
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      this.catchUp();
    }, this.roomOptions.persistence.flushDelayMs + GAP_SETTLE_MS);
    this.gapTimer.unref();
  }

  /**
   * Admits a connection to its room, once the room's token generation is recent enough for the
   * connection's token: read from storage at most `tokenEpochCacheMs` ago, or, for a token newer than
   * the room's, since the connection arrived (a revocation on another node whose bus message is late
   * or lost). `epochRead` is set after such a read: the generation is then as recent as it can be.
   */
  private join(connection: Connection, room: Room | NoRoom, arrivedAt: number, epochRead = false): void {
    if (connection.closed) {
      if (room instanceof Room && room.connections.size === 0) this.scheduleUnload(room);
      return;
    }
    if (!(room instanceof Room)) {
      connection.refuse(room);
      return;
    }
    if (this.shuttingDown) {
      connection.close('shuttingDown');
      return;
    }
    const claimed = connection.tokenEpoch;
    const freshSince =
      claimed > room.tokenEpoch ? arrivedAt : performance.now() - (this.options.tokenEpochCacheMs ?? 1000);
    // A token older than the generation the room knows is refused without a read: generations only grow.
    if (!epochRead && claimed >= room.tokenEpoch && (this.epochReadAt.get(room) ?? -Infinity) < freshSince) {
      this.readEpoch(room, freshSince)
        // The same room, or a new load if it was unloaded meanwhile (which read the generation too).
        .then(() => (this.shuttingDown ? room : this.getRoom(room.boardId)))
        .then((current) => this.join(connection, current, arrivedAt, true))
        .catch((err: unknown) => {
          this.log.error({ board: room.boardId, err }, 'reading the token generation failed');
          connection.close('serverError');
          if (room.connections.size === 0 && this.rooms.get(room.boardId) === room) this.scheduleUnload(room);
        });
      return;
    }
    if (claimed !== room.tokenEpoch) {
      connection.refuse('tokenRevoked');
    } else if (room.connections.size >= this.options.maxConnectionsPerRoom) {
      this.log.warn({ board: room.boardId }, 'room is full');
      connection.refuse('roomFull');
    } else {
      this.cancelUnload(room.boardId);
      room.addConnection(connection);
      connection.attach(room);
      room.greet(connection);
      return;
    }
    if (room.connections.size === 0) this.scheduleUnload(room);
  }

  /**
   * Reads the board's token generation from storage into its room, closing the connections it revokes;
   * a read in flight that started at `freshSince` or later is shared.
   */
  private readEpoch(room: Room, freshSince: number): Promise<void> {
    const inFlight = this.epochReads.get(room);
    if (inFlight && inFlight.startedAt >= freshSince) return inFlight.done;
    const startedAt = performance.now();
    const done = this.storage
      .tokenEpoch(room.boardId)
      .then((epoch) => {
        if (epoch !== null && !this.shuttingDown) this.applyStoredEpoch(room, epoch, startedAt);
      })
      .finally(() => {
        if (this.epochReads.get(room)?.done === done) this.epochReads.delete(room);
      });
    this.epochReads.set(room, { startedAt, done });
    return done;
  }

  /** The generation storage held at `readAt`: connections holding an older token are closed. */
  private applyStoredEpoch(room: Room, epoch: number, readAt: number): void {
    room.revokeTokens(epoch);
    if (readAt > (this.epochReadAt.get(room) ?? -Infinity)) this.epochReadAt.set(room, readAt);
  }

  /** Hands a message from another node to the room; a revocation is applied here. */
  private fromBus(room: Room, kind: BusKind, payload: Uint8Array): void {
    if (kind !== 'revocation') {
      room.applyFromBus(kind, payload);
      return;
    }
    const epoch = decodeRevocation(payload);
    if (epoch === null) this.log.warn({ board: room.boardId }, 'malformed revocation on the bus');
    else room.revokeTokens(epoch);
  }

  /**
   * A board as stored, made readable: values nested too deep for Yjs to decode (stored before the
   * relay refused them) read as null (see storedDepth). `onRepair` runs when there were any.
   */
  private async readBoard(boardId: string, onRepair?: () => void): Promise<StoredBoard | null> {
    const stored = await this.storage.load(boardId);
    if (!stored) return null;
    const { board, repaired } = readableBoard(stored);
    if (repaired) {
      this.log.warn(
        { board: boardId },
        'stored board held values nested too deep to decode; they read as null',
      );
      onRepair?.();
    }
    return board;
  }

  private getRoom(boardId: string): Promise<Room | NoRoom> {
    const loaded = this.rooms.get(boardId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(boardId);
    if (!loading) {
      loading = this.load(boardId).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, loading);
    }
    return loading;
  }

  private async load(boardId: string): Promise<Room | NoRoom> {
    // Loads in flight count too: each will become a room.
    if (this.rooms.size + this.loading.size >= this.options.maxRooms && !(await this.evictIdleRoom())) {
      this.log.warn({ board: boardId, rooms: this.rooms.size }, 'too many rooms in memory');
      return 'serverFull';
    }
    // Subscribed before the read, so nothing another node sends falls between the two; what arrives
    // meanwhile is applied once the room exists (applying twice is harmless).
    const bus = this.roomOptions.bus;
    const early: [BusKind, Uint8Array][] = [];
    let target: Room | null = null;
    if (bus) {
      await bus.subscribe(boardId, (kind, payload) => {
        if (target) this.fromBus(target, kind, payload);
        else early.push([kind, payload]);
      });
    }
    const readAt = performance.now();
    let repaired = false;
    const stored = await this.readBoard(boardId, () => (repaired = true));
    if (!stored) {
      bus?.unsubscribe(boardId);
      return 'unknownBoard';
    }
    const room = new Room(
      boardId,
      stored,
      this.storage,
      this.roomOptions,
      this.log,
      this.telemetry,
      (empty) => this.scheduleUnload(empty),
    );
    this.rooms.set(boardId, room);
    this.epochReadAt.set(room, readAt);
    target = room;
    for (const [kind, payload] of early) this.fromBus(room, kind, payload);
    // Stored again at once, so that later loads (here or on another node) find nothing to repair.
    if (repaired) void room.persistence.storeState();
    this.log.debug({ board: boardId, updates: stored.updates.length }, 'room loaded');
    return room;
  }

  /** Unloads the longest-loaded empty room now, if there is one; true when a room went away. */
  private async evictIdleRoom(): Promise<boolean> {
    for (const room of this.rooms.values()) {
      if (room.connections.size > 0 || this.evicting.has(room)) continue;
      this.evicting.add(room);
      try {
        this.cancelUnload(room.boardId);
        await this.unload(room);
      } finally {
        this.evicting.delete(room);
      }
      return this.rooms.get(room.boardId) !== room;
    }
    return false;
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
  private unload(room: Room): Promise<void> {
    let running = this.unloading.get(room);
    if (!running) {
      running = this.unloadOnce(room).finally(() => this.unloading.delete(room));
      this.unloading.set(room, running);
    }
    return running;
  }

  private async unloadOnce(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.rooms.get(room.boardId) !== room) return;
    room.storeRelayed();
    await room.persistence.flush();
    await room.persistence.compact();
    if (this.shuttingDown || room.connections.size > 0 || this.rooms.get(room.boardId) !== room) return;
    if (room.persistence.hasPending) {
      // Storage is failing; keep the document in memory rather than drop what it holds.
      this.scheduleUnload(room);
      return;
    }
    this.rooms.delete(room.boardId);
    this.roomOptions.bus?.unsubscribe(room.boardId);
    room.destroy();
    this.log.debug({ board: room.boardId }, 'room unloaded');
  }
}
