import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  BoardHead,
  Storage,
  StoredChanges,
  StoredBallot,
  StoredBoard,
  VersionInfo,
  VersionQuota,
  VersionRefusal,
} from './Storage';

interface BoardRow {
  state: Buffer;
  last_seq: number;
  token_epoch: number;
}

// better-sqlite3 hands out Buffers; callers get plain Uint8Arrays, as from any other adapter.
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

interface QueuedAppend {
  id: string;
  updates: Uint8Array[];
  resolve: (lastSeq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded default: one SQLite file in the data directory.
 *
 * Appends made in the same turn of the event loop (the rooms' write-behind flushes together, see
 * FlushClock) are committed in one transaction at the end of the turn: a commit costs far more than a
 * row, so forty rooms cost one commit instead of forty. Each board's append is atomic on its own (a
 * savepoint), so one failing board fails only its own caller.
 */
export class SqliteStorage implements Storage {
  static readonly FILE_NAME = 'boards.sqlite3';

  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTx;
  private readonly appendGroupTx;
  private readonly compactTx;
  private readonly saveVersionTx;
  private readonly saveBallotTx;
  private queuedAppends: QueuedAppend[] = [];
  private appendTimer: NodeJS.Immediate | null = null;

  /** Opens (and creates when needed) `<dataDir>/boards.sqlite3`; pass ':memory:' for a throwaway store. */
  constructor(dataDir: string) {
    let file = ':memory:';
    if (dataDir !== ':memory:') {
      fs.mkdirSync(dataDir, { recursive: true });
      file = path.join(dataDir, SqliteStorage.FILE_NAME);
    }
    this.db = new Database(file);
    // WAL lets readers run beside the writer; NORMAL is durable across process crashes, which is the
    // failure that matters here (clients keep their own copies for the rest).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS boards (
        id TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS updates (
        board_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (board_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS versions (
        board_id TEXT NOT NULL REFERENCES boards(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state BLOB NOT NULL,
        PRIMARY KEY (board_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS ballots (
        board_id TEXT NOT NULL REFERENCES boards(id),
        vote_id TEXT NOT NULL,
        voter TEXT NOT NULL,
        dots TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, vote_id, voter)
      ) WITHOUT ROWID;
    `);
    // Databases made before token revocation existed lack the column; their tokens are generation 0.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(boards)').all();
    if (!columns.some((column) => column.name === 'token_epoch')) {
      this.db.exec('ALTER TABLE boards ADD COLUMN token_epoch INTEGER NOT NULL DEFAULT 0');
    }
    this.statements = {
      insertBoard: this.db.prepare<[string, Uint8Array, number]>(
        'INSERT INTO boards (id, state, created_at) VALUES (?, ?, ?)',
      ),
      hasBoard: this.db.prepare<[string]>('SELECT 1 FROM boards WHERE id = ?').pluck(),
      board: this.db.prepare<[string], BoardRow>(
        'SELECT state, last_seq, token_epoch FROM boards WHERE id = ?',
      ),
      head: this.db.prepare<[string], { last_seq: number; token_epoch: number }>(
        'SELECT last_seq, token_epoch FROM boards WHERE id = ?',
      ),
      state: this.db.prepare<[string], Buffer>('SELECT state FROM boards WHERE id = ?').pluck(),
      updatesAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      tokenEpoch: this.db.prepare<[string], number>('SELECT token_epoch FROM boards WHERE id = ?').pluck(),
      revokeTokens: this.db
        .prepare<[string], number>(
          'UPDATE boards SET token_epoch = token_epoch + 1 WHERE id = ? RETURNING token_epoch',
        )
        .pluck(),
      lastSeq: this.db.prepare<[string], number>('SELECT last_seq FROM boards WHERE id = ?').pluck(),
      updates: this.db
        .prepare<[string], Buffer>('SELECT data FROM updates WHERE board_id = ? ORDER BY seq')
        .pluck(),
      insertUpdate: this.db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)',
      ),
      setLastSeq: this.db.prepare<[number, string]>('UPDATE boards SET last_seq = ? WHERE id = ?'),
      setState: this.db.prepare<[Uint8Array, string]>('UPDATE boards SET state = ? WHERE id = ?'),
      deleteUpdates: this.db.prepare<[string, number]>('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      logLength: this.db.prepare<[string], number>('SELECT count(*) FROM updates WHERE board_id = ?').pluck(),
      ping: this.db.prepare('SELECT 1').pluck(),
      insertVersion: this.db.prepare<[string, string, string, number, Uint8Array]>(
        'INSERT INTO versions (board_id, id, name, created_at, state) VALUES (?, ?, ?, ?, ?)',
      ),
      listVersions: this.db.prepare<[string], { id: string; name: string; created_at: number }>(
        'SELECT id, name, created_at FROM versions WHERE board_id = ? ORDER BY created_at, id',
      ),
      versionCounts: this.db.prepare<
        [number, number, string],
        { total: number; recent: number; oldest_recent: number | null }
      >(
        `SELECT count(*) AS total, count(*) FILTER (WHERE created_at >= ?) AS recent,
                min(created_at) FILTER (WHERE created_at >= ?) AS oldest_recent
           FROM versions WHERE board_id = ?`,
      ),
      versionState: this.db
        .prepare<[string, string], Buffer>('SELECT state FROM versions WHERE board_id = ? AND id = ?')
        .pluck(),
      upsertBallot: this.db.prepare<[string, string, string, string, number]>(
        `INSERT INTO ballots (board_id, vote_id, voter, dots, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id, vote_id, voter) DO UPDATE SET dots = excluded.dots, updated_at = excluded.updated_at`,
      ),
      deleteBallot: this.db.prepare<[string, string, string]>(
        'DELETE FROM ballots WHERE board_id = ? AND vote_id = ? AND voter = ?',
      ),
      ballot: this.db
        .prepare<[string, string, string], string>(
          'SELECT dots FROM ballots WHERE board_id = ? AND vote_id = ? AND voter = ?',
        )
        .pluck(),
      ballots: this.db
        .prepare<[string, string], string>('SELECT dots FROM ballots WHERE board_id = ? AND vote_id = ?')
        .pluck(),
      ballotCount: this.db
        .prepare<[string, string], number>('SELECT count(*) FROM ballots WHERE board_id = ? AND vote_id = ?')
        .pluck(),
      deleteBallots: this.db.prepare<[string]>('DELETE FROM ballots WHERE board_id = ?'),
    };
    this.appendTx = this.db.transaction((id: string, updates: Uint8Array[]): number => {
      const last = this.statements.lastSeq.get(id);
      if (last === undefined) throw new Error(`unknown board ${id}`);
      let seq = last;
      for (const update of updates) this.statements.insertUpdate.run(id, ++seq, update);
      this.statements.setLastSeq.run(seq, id);
      return seq;
    });
    this.appendGroupTx = this.db.transaction((group: QueuedAppend[]): (number | { error: unknown })[] =>
      group.map(({ id, updates }) => {
        try {
          // Nested: a savepoint, rolled back alone when this board's append fails.
          return this.appendTx(id, updates);
        } catch (error) {
          // A board's own failure (unknown board) rolled back its savepoint only. A failure of the
          // database (disk full, I/O) rolled back the whole transaction: the rest must not go on
          // outside it, so the whole group fails and is retried.
          if (!this.db.inTransaction) throw error;
          return { error };
        }
      }),
    );
    this.saveBallotTx = this.db.transaction(
      (
        boardId: string,
        voteId: string,
        voter: string,
        dots: Readonly<StoredBallot>,
        maxBallots: number | undefined,
      ): boolean => {
        const { statements } = this;
        if (statements.hasBoard.get(boardId) === undefined) throw new Error(`unknown board ${boardId}`);
        if (Object.keys(dots).length === 0) {
          statements.deleteBallot.run(boardId, voteId, voter);
          return true;
        }
        if (
          maxBallots !== undefined &&
          statements.ballot.get(boardId, voteId, voter) === undefined &&
          statements.ballotCount.get(boardId, voteId)! >= maxBallots
        ) {
          return false;
        }
        statements.upsertBallot.run(boardId, voteId, voter, JSON.stringify(dots), Date.now());
        return true;
      },
    );
    this.saveVersionTx = this.db.transaction(
      (
        boardId: string,
        version: VersionInfo,
        state: Uint8Array,
        quota?: VersionQuota,
      ): VersionRefusal | null => {
        if (this.statements.hasBoard.get(boardId) === undefined) throw new Error(`unknown board ${boardId}`);
        if (quota) {
          const counts = this.statements.versionCounts.get(quota.since, quota.since, boardId)!;
          if (counts.total >= quota.maxVersions) return { limit: 'total' };
          if (counts.recent >= quota.maxRecent)
            return { limit: 'recent', oldestRecent: counts.oldest_recent! };
        }
        this.statements.insertVersion.run(boardId, version.id, version.name, version.createdAt, state);
        return null;
      },
    );
    this.compactTx = this.db.transaction((id: string, state: Uint8Array, uptoSeq: number) => {
      if (this.statements.setState.run(state, id).changes === 0) throw new Error(`unknown board ${id}`);
      this.statements.deleteUpdates.run(id, uptoSeq);
    });
  }

  async createBoard(id: string, state: Uint8Array): Promise<void> {
    this.statements.insertBoard.run(id, state, Date.now());
  }

  async hasBoard(id: string): Promise<boolean> {
    return this.statements.hasBoard.get(id) !== undefined;
  }

  async load(id: string): Promise<StoredBoard | null> {
    const read = this.db.transaction((): StoredBoard | null => {
      const row = this.statements.board.get(id);
      if (!row) return null;
      return {
        state: bytes(row.state),
        updates: this.statements.updates.all(id).map(bytes),
        lastSeq: row.last_seq,
        tokenEpoch: row.token_epoch,
      };
    });
    return read();
  }

  async boardHeads(ids: readonly string[]): Promise<Map<string, BoardHead>> {
    const read = this.db.transaction((): Map<string, BoardHead> => {
      const heads = new Map<string, BoardHead>();
      for (const id of ids) {
        const row = this.statements.head.get(id);
        if (row) heads.set(id, { lastSeq: row.last_seq, tokenEpoch: row.token_epoch });
      }
      return heads;
    });
    return read();
  }

  async updatesSince(id: string, afterSeq: number): Promise<StoredChanges | null> {
    const read = this.db.transaction((): StoredChanges | null => {
      const head = this.statements.head.get(id);
      if (!head) return null;
      const rows = this.statements.updatesAfter.all(id, afterSeq);
      // Rows are numbered without gaps: a missing first row was folded into the state by a compaction.
      const folded = head.last_seq > afterSeq && (rows.length === 0 || rows[0]!.seq !== afterSeq + 1);
      return {
        state: folded ? bytes(this.statements.state.get(id)!) : null,
        updates: rows.map((row) => bytes(row.data)),
        lastSeq: head.last_seq,
        tokenEpoch: head.token_epoch,
      };
    });
    return read();
  }

  appendUpdates(id: string, updates: Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queuedAppends.push({ id, updates, resolve, reject });
      this.appendTimer ??= setImmediate(() => this.commitAppends());
    });
  }

  /** Commits every queued append in one transaction and settles each caller. */
  private commitAppends(): void {
    if (this.appendTimer) clearImmediate(this.appendTimer);
    this.appendTimer = null;
    const group = this.queuedAppends;
    this.queuedAppends = [];
    if (group.length === 0) return;
    let results: (number | { error: unknown })[];
    try {
      results = this.appendGroupTx(group);
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    results.forEach((result, i) => {
      if (typeof result === 'number') group[i]!.resolve(result);
      else group[i]!.reject(result.error);
    });
  }

  async compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.compactTx(id, state, uptoSeq);
  }

  async tokenEpoch(id: string): Promise<number | null> {
    return this.statements.tokenEpoch.get(id) ?? null;
  }

  async revokeTokens(id: string): Promise<number> {
    const epoch = this.statements.revokeTokens.get(id);
    if (epoch === undefined) throw new Error(`unknown board ${id}`);
    return epoch;
  }

  async logLength(id: string): Promise<number> {
    return this.statements.logLength.get(id) ?? 0;
  }

  async saveVersion(
    boardId: string,
    version: VersionInfo,
    state: Uint8Array,
    quota?: VersionQuota,
  ): Promise<VersionRefusal | null> {
    return this.saveVersionTx(boardId, version, state, quota);
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    return this.statements.listVersions
      .all(boardId)
      .map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  async loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const state = this.statements.versionState.get(boardId, versionId);
    return state === undefined ? null : bytes(state);
  }

  async saveBallot(
    boardId: string,
    voteId: string,
    voter: string,
    dots: Readonly<StoredBallot>,
    maxBallots?: number,
  ): Promise<boolean> {
    return this.saveBallotTx(boardId, voteId, voter, dots, maxBallots);
  }

  async loadBallot(boardId: string, voteId: string, voter: string): Promise<StoredBallot | null> {
    const dots = this.statements.ballot.get(boardId, voteId, voter);
    return dots === undefined ? null : (JSON.parse(dots) as StoredBallot);
  }

  async listBallots(boardId: string, voteId: string): Promise<StoredBallot[]> {
    return this.statements.ballots.all(boardId, voteId).map((dots) => JSON.parse(dots) as StoredBallot);
  }

  async deleteBallots(boardId: string): Promise<void> {
    this.statements.deleteBallots.run(boardId);
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commitAppends();
    this.db.close();
  }
}
