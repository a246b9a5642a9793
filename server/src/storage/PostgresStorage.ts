import { limitValueDepth } from '@shared';
import { createRequire } from 'node:module';
import type pg from 'pg';
import * as Y from 'yjs';

// Loaded on first use: a server on SQLite (the default) never pays for the driver's memory.
let driver: typeof pg | null = null;
function pgDriver(): typeof pg {
  driver ??= createRequire(import.meta.url)('pg') as typeof pg;
  return driver;
}
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

export interface PostgresOptions {
  connectionString: string;
  /** The schema holding the tables (created when missing); `public` by default. */
  schema?: string;
  /** Connections in the pool. */
  maxConnections?: number;
}

const MIGRATION = (schema: string) => `
      CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.boards (
        id TEXT PRIMARY KEY,
        state BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0,
        token_epoch INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS ${schema}.updates (
        board_id TEXT NOT NULL REFERENCES ${schema}.boards(id),
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (board_id, seq)
      );
      CREATE TABLE IF NOT EXISTS ${schema}.versions (
        board_id TEXT NOT NULL REFERENCES ${schema}.boards(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        state BYTEA NOT NULL,
        PRIMARY KEY (board_id, id)
      );
      CREATE TABLE IF NOT EXISTS ${schema}.ballots (
        board_id TEXT NOT NULL REFERENCES ${schema}.boards(id),
        vote_id TEXT NOT NULL,
        voter TEXT NOT NULL,
        dots JSONB NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, vote_id, voter)
      );
    `;

const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * Storage in PostgreSQL, for several relay nodes sharing boards (chosen by DATABASE_URL). Every write is
 * one transaction that locks the board's row first, so appends from several nodes get distinct,
 * gap-free sequence numbers, and a compaction never races an append.
 *
 * Compaction with several nodes: a node's document may lack rows another node appended (the bus can
 * lose messages), so the rows being folded are merged into the new state (Y.mergeUpdates) rather than
 * trusted to be in it. Nothing a row held can be lost by compacting.
 */
export class PostgresStorage implements Storage {
  private readonly pool: pg.Pool;
  private readonly ready: Promise<void>;

  constructor(options: PostgresOptions) {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    this.pool = new (pgDriver().Pool)({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${schema}`,
    });
    // An idle client's error (the server restarted) must not crash the process; the next query retries.
    this.pool.on('error', () => {});
    this.ready = this.migrate(schema);
    this.ready.catch(() => {});
  }

  private async migrate(schema: string): Promise<void> {
    // Nodes starting together would race on CREATE ... IF NOT EXISTS: one at a time, under a lock.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`iot-board-migrate:${schema}`]);
      await client.query(MIGRATION(schema));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    await this.ready;
    return this.pool.query<R>(text, values);
  }

  /** Runs `work` in one transaction on one connection; rolls back on any error. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async createBoard(id: string, state: Uint8Array): Promise<void> {
    await this.query('INSERT INTO boards (id, state, created_at) VALUES ($1, $2, $3)', [
      id,
      state,
      Date.now(),
    ]);
  }

  async hasBoard(id: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM boards WHERE id = $1', [id])).rowCount === 1;
  }

  async load(id: string): Promise<StoredBoard | null> {
    return this.transaction(async (client) => {
      // One snapshot for both reads: the state and the rows after it agree.
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const board = await client.query<{ state: Buffer; last_seq: string; token_epoch: number }>(
        'SELECT state, last_seq, token_epoch FROM boards WHERE id = $1',
        [id],
      );
      const row = board.rows[0];
      if (!row) return null;
      const updates = await client.query<{ data: Buffer }>(
        'SELECT data FROM updates WHERE board_id = $1 ORDER BY seq',
        [id],
      );
      return {
        state: bytes(row.state),
        updates: updates.rows.map((u) => bytes(u.data)),
        lastSeq: Number(row.last_seq),
        tokenEpoch: row.token_epoch,
      };
    });
  }

  async boardHeads(ids: readonly string[]): Promise<Map<string, BoardHead>> {
    const heads = new Map<string, BoardHead>();
    if (ids.length === 0) return heads;
    // One statement for every loaded board: an index probe each on the primary key, one round trip.
    const result = await this.query<{ id: string; last_seq: string; token_epoch: number }>(
      'SELECT id, last_seq, token_epoch FROM boards WHERE id = ANY($1::text[])',
      [ids],
    );
    for (const row of result.rows) {
      heads.set(row.id, { lastSeq: Number(row.last_seq), tokenEpoch: row.token_epoch });
    }
    return heads;
  }

  async updatesSince(id: string, afterSeq: number): Promise<StoredChanges | null> {
    // One statement, so one snapshot: the board's head and the rows after afterSeq agree.
    const result = await this.query<{
      last_seq: string;
      token_epoch: number;
      seq: string | null;
      data: Buffer | null;
    }>(
      `SELECT b.last_seq, b.token_epoch, u.seq, u.data
         FROM boards b LEFT JOIN updates u ON u.board_id = b.id AND u.seq > $2
        WHERE b.id = $1 ORDER BY u.seq`,
      [id, afterSeq],
    );
    const head = result.rows[0];
    if (!head) return null;
    const rows = result.rows.filter((row) => row.seq !== null);
    const lastSeq = Number(head.last_seq);
    let state: Uint8Array | null = null;
    if (lastSeq > afterSeq && (rows.length === 0 || Number(rows[0]!.seq) !== afterSeq + 1)) {
      // Rows numbered without gaps, so a missing first row was folded into the state. Read later than
      // the rows, the state holds at least every row up to the first one read (a compaction only ever
      // folds more), so state and rows together hold everything up to lastSeq.
      const board = await this.query<{ state: Buffer }>('SELECT state FROM boards WHERE id = $1', [id]);
      const row = board.rows[0];
      if (!row) return null;
      state = bytes(row.state);
    }
    return {
      state,
      updates: rows.map((row) => bytes(row.data!)),
      lastSeq,
      tokenEpoch: head.token_epoch,
    };
  }

  async appendUpdates(id: string, updates: Uint8Array[]): Promise<number> {
    return this.transaction(async (client) => {
      // Locks the board's row: concurrent appends (other nodes) wait and then number after these.
      const result = await client.query<{ last_seq: string }>(
        'UPDATE boards SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq',
        [id, updates.length],
      );
      const row = result.rows[0];
      if (!row) throw new Error(`unknown board ${id}`);
      const last = Number(row.last_seq);
      const first = last - updates.length + 1;
      if (updates.length > 0) {
        await client.query(
          'INSERT INTO updates (board_id, seq, data) SELECT $1, s, d FROM unnest($2::bigint[], $3::bytea[]) AS u(s, d)',
          [
            id,
            updates.map((_, i) => first + i),
            updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)),
          ],
        );
      }
      return last;
    });
  }

  async compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      const locked = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [id]);
      if (locked.rowCount !== 1) throw new Error(`unknown board ${id}`);
      const rows = await client.query<{ data: Buffer }>(
        'DELETE FROM updates WHERE board_id = $1 AND seq <= $2 RETURNING data',
        [id, uptoSeq],
      );
      // Rows another node wrote may be missing from `state`: fold them in rather than drop them. A row
      // stored before the relay refused deep values may hold one Yjs cannot decode: it folds in as null.
      const folded =
        rows.rows.length === 0
          ? state
          : Y.mergeUpdates([state, ...rows.rows.map((r) => limitValueDepth(bytes(r.data)))]);
      await client.query('UPDATE boards SET state = $2 WHERE id = $1', [id, folded]);
    });
  }

  async tokenEpoch(id: string): Promise<number | null> {
    const result = await this.query<{ token_epoch: number }>('SELECT token_epoch FROM boards WHERE id = $1', [
      id,
    ]);
    return result.rows[0]?.token_epoch ?? null;
  }

  async revokeTokens(id: string): Promise<number> {
    const result = await this.query<{ token_epoch: number }>(
      'UPDATE boards SET token_epoch = token_epoch + 1 WHERE id = $1 RETURNING token_epoch',
      [id],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`unknown board ${id}`);
    return row.token_epoch;
  }

  async logLength(id: string): Promise<number> {
    const result = await this.query<{ count: string }>('SELECT count(*) FROM updates WHERE board_id = $1', [
      id,
    ]);
    return Number(result.rows[0]?.count ?? 0);
  }

  async saveVersion(
    boardId: string,
    version: VersionInfo,
    state: Uint8Array,
    quota?: VersionQuota,
  ): Promise<VersionRefusal | null> {
    return this.transaction(async (client) => {
      // Locks the board's row: saves from other nodes wait, and then count this one.
      const locked = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (locked.rowCount !== 1) throw new Error(`unknown board ${boardId}`);
      if (quota) {
        const counts = await client.query<{ total: string; recent: string; oldest_recent: string | null }>(
          `SELECT count(*) AS total, count(*) FILTER (WHERE created_at >= $2) AS recent,
                  min(created_at) FILTER (WHERE created_at >= $2) AS oldest_recent
             FROM versions WHERE board_id = $1`,
          [boardId, quota.since],
        );
        const row = counts.rows[0]!;
        if (Number(row.total) >= quota.maxVersions) return { limit: 'total' };
        if (Number(row.recent) >= quota.maxRecent) {
          return { limit: 'recent', oldestRecent: Number(row.oldest_recent) };
        }
      }
      await client.query(
        'INSERT INTO versions (board_id, id, name, created_at, state) VALUES ($1, $2, $3, $4, $5)',
        [boardId, version.id, version.name, version.createdAt, state],
      );
      return null;
    });
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    const result = await this.query<{ id: string; name: string; created_at: string }>(
      'SELECT id, name, created_at FROM versions WHERE board_id = $1 ORDER BY created_at, id',
      [boardId],
    );
    return result.rows.map((row) => ({ id: row.id, name: row.name, createdAt: Number(row.created_at) }));
  }

  async loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const result = await this.query<{ state: Buffer }>(
      'SELECT state FROM versions WHERE board_id = $1 AND id = $2',
      [boardId, versionId],
    );
    const row = result.rows[0];
    return row ? bytes(row.state) : null;
  }

  async saveBallot(
    boardId: string,
    voteId: string,
    voter: string,
    dots: Readonly<StoredBallot>,
    maxBallots?: number,
  ): Promise<boolean> {
    if (Object.keys(dots).length === 0) {
      // A deletion must still fail for an unknown board, as a write would.
      if (!(await this.hasBoard(boardId))) throw new Error(`unknown board ${boardId}`);
      await this.query('DELETE FROM ballots WHERE board_id = $1 AND vote_id = $2 AND voter = $3', [
        boardId,
        voteId,
        voter,
      ]);
      return true;
    }
    const row = [boardId, voteId, voter, JSON.stringify(dots), Date.now()];
    return this.transaction(async (client) => {
      // A person changing their ballot (the common case) takes no lock beyond their own row.
      const updated = await client.query(
        'UPDATE ballots SET dots = $4, updated_at = $5 WHERE board_id = $1 AND vote_id = $2 AND voter = $3',
        row,
      );
      if (updated.rowCount === 1) return true;
      // A new voter: the board's row is locked, so that new voters from other nodes wait, then count this one.
      const locked = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (locked.rowCount !== 1) throw new Error(`unknown board ${boardId}`);
      if (maxBallots !== undefined) {
        const count = await client.query<{ count: string }>(
          'SELECT count(*) AS count FROM ballots WHERE board_id = $1 AND vote_id = $2',
          [boardId, voteId],
        );
        if (Number(count.rows[0]!.count) >= maxBallots) return false;
      }
      await client.query(
        `INSERT INTO ballots (board_id, vote_id, voter, dots, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (board_id, vote_id, voter) DO UPDATE SET dots = EXCLUDED.dots, updated_at = EXCLUDED.updated_at`,
        row,
      );
      return true;
    });
  }

  async loadBallot(boardId: string, voteId: string, voter: string): Promise<StoredBallot | null> {
    const result = await this.query<{ dots: StoredBallot }>(
      'SELECT dots FROM ballots WHERE board_id = $1 AND vote_id = $2 AND voter = $3',
      [boardId, voteId, voter],
    );
    return result.rows[0]?.dots ?? null;
  }

  async listBallots(boardId: string, voteId: string): Promise<StoredBallot[]> {
    const result = await this.query<{ dots: StoredBallot }>(
      'SELECT dots FROM ballots WHERE board_id = $1 AND vote_id = $2',
      [boardId, voteId],
    );
    return result.rows.map((row) => row.dots);
  }

  async deleteBallots(boardId: string): Promise<void> {
    await this.query('DELETE FROM ballots WHERE board_id = $1', [boardId]);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.pool.end();
  }
}
