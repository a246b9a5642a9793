import { API_BOARDS_PATH, SYNC_PATH, type CreatedBoard } from '@shared';
import pg from 'pg';
import WebSocket from 'ws';
import { cpuSeconds } from './procStats';
import type { RunningTarget } from './servers';

/**
 * The many-rooms scenario of `npm run bench:cluster`: idle boards loaded on two nodes (PostgreSQL and
 * Redis), each board watched by one view connection per node, so every board is a room on both and
 * subscribed on the bus. Nothing changes; what a node spends then is what loaded rooms cost at rest:
 * the periodic catch-up from storage (every BUS_CATCH_UP_MS) and the bus's reads. The board count
 * grows step by step on the same nodes; CPU and PostgreSQL's reads per second should not grow with it.
 */

export interface IdleStep {
  boards: number;
  seconds: number;
  /** CPU seconds per second (share of one core), per node. */
  nodeCpu: number[];
  /** Table scans (index and sequential) on the run's tables, per second: one per statement reading a table. */
  pgScansPerSecond: number;
  /** Rows those scans read (index fetches and sequential reads), per second. */
  pgRowsPerSecond: number;
  /** Bytes of table and index blocks PostgreSQL touched for the run's tables (hits and reads), per second. */
  pgBlockBytesPerSecond: number;
}

interface TableReads {
  scans: number;
  rows: number;
  blocks: number;
}

/**
 * What PostgreSQL read of the run's own tables so far (pg_stat_user_tables and its I/O view), so that
 * other databases and schemas on the same server do not count. Needs no extension.
 */
async function tableReads(client: pg.Client, schema: string): Promise<TableReads> {
  // Statistics reach the views when a backend reports them (at most about a second later); a fresh
  // snapshot each time, not the one cached for this transaction.
  await client.query('SELECT pg_stat_clear_snapshot()');
  const result = await client.query<{ scans: string; rows: string; blocks: string }>(
    `SELECT coalesce(sum(coalesce(t.seq_scan, 0) + coalesce(t.idx_scan, 0)), 0) AS scans,
            coalesce(sum(coalesce(t.seq_tup_read, 0) + coalesce(t.idx_tup_fetch, 0)), 0) AS rows,
            coalesce(sum(coalesce(io.heap_blks_hit, 0) + coalesce(io.heap_blks_read, 0)
                       + coalesce(io.idx_blks_hit, 0) + coalesce(io.idx_blks_read, 0)
                       + coalesce(io.toast_blks_hit, 0) + coalesce(io.toast_blks_read, 0)), 0) AS blocks
       FROM pg_stat_user_tables t JOIN pg_statio_user_tables io USING (relid)
      WHERE t.schemaname = $1`,
    [schema],
  );
  const row = result.rows[0]!;
  return { scans: Number(row.scans), rows: Number(row.rows), blocks: Number(row.blocks) };
}

async function createBoards(httpUrl: string, count: number): Promise<CreatedBoard[]> {
  const boards: CreatedBoard[] = [];
  // A few at a time: creation is not what is measured.
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, async () => {
      const response = await fetch(`${httpUrl}${API_BOARDS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Idle board' }),
      });
      if (response.status !== 201) throw new Error(`creating a board: ${response.status}`);
      return (await response.json()) as CreatedBoard;
    });
    boards.push(...(await Promise.all(batch)));
  }
  return boards;
}

/** A view connection that says nothing: its board becomes a room, watched only. Resolves on the first message. */
function watch(node: RunningTarget, board: CreatedBoard, sockets: WebSocket[]): Promise<void> {
  const url = `${node.httpUrl.replace(/^http/, 'ws')}${SYNC_PATH}/${board.id}?token=${board.viewToken}`;
  const socket = new WebSocket(url);
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`view connection closed (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads boards on both nodes up to each count in `sizes` (cumulative), waits `settleSeconds` for the
 * loads to die down, then measures `windowSeconds` of idle.
 */
export async function runManyRooms(options: {
  nodes: RunningTarget[];
  databaseUrl: string;
  schema: string;
  sizes: number[];
  settleSeconds: number;
  windowSeconds: number;
  progress: (line: string) => void;
}): Promise<IdleStep[]> {
  const { nodes, sizes } = options;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const sockets: WebSocket[] = [];
  const steps: IdleStep[] = [];
  let loaded = 0;
  try {
    for (const size of sizes) {
      if (size < loaded) throw new Error(`--rooms must grow: ${sizes.join(',')}`);
      const boards = await createBoards(nodes[0]!.httpUrl, size - loaded);
      for (let i = 0; i < boards.length; i += 50) {
        await Promise.all(
          boards.slice(i, i + 50).flatMap((board) => nodes.map((node) => watch(node, board, sockets))),
        );
      }
      loaded = size;
      options.progress(`${size} boards loaded on ${nodes.length} nodes; settling`);
      await sleep(options.settleSeconds * 1000);
      const cpuBefore = nodes.map((node) => cpuSeconds(node.pid));
      const readsBefore = await tableReads(client, options.schema);
      const began = performance.now();
      await sleep(options.windowSeconds * 1000);
      // Reports of the last moment's reads reach the views within about a second.
      const seconds = (performance.now() - began) / 1000;
      const cpuAfter = nodes.map((node) => cpuSeconds(node.pid));
      const readsAfter = await tableReads(client, options.schema);
      const step: IdleStep = {
        boards: size,
        seconds,
        nodeCpu: cpuAfter.map((after, i) => (after - cpuBefore[i]!) / seconds),
        pgScansPerSecond: (readsAfter.scans - readsBefore.scans) / seconds,
        pgRowsPerSecond: (readsAfter.rows - readsBefore.rows) / seconds,
        pgBlockBytesPerSecond: ((readsAfter.blocks - readsBefore.blocks) * 8192) / seconds,
      };
      steps.push(step);
      options.progress(
        `${size} boards idle: node CPU ${step.nodeCpu.map((c) => `${(100 * c).toFixed(2)}%`).join(' + ')}, ` +
          `PostgreSQL ${step.pgScansPerSecond.toFixed(1)} scans/s, ${step.pgRowsPerSecond.toFixed(1)} rows/s`,
      );
    }
  } finally {
    for (const socket of sockets) socket.terminate();
    await client.end();
  }
  return steps;
}
