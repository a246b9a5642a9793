import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  buildClusterRows,
  clusterMarkdownTable,
  manyRoomsMarkdownTable,
  type ClusterOutcome,
} from './clusterReport';
import { runManyRooms, type IdleStep } from './manyRooms';
import { disturbedWarnings, runInChild, waitForQuietMachine, writeJson } from './orchestration';
import { rssMiB } from './procStats';
import { cleanUpOnExit, killAll } from './processes';
import { startRedis, type RunningRedis } from './redisServer';
import type { Scenario, ScenarioResult } from './scenarioTypes';
import { workshopScenarios } from './scenarios';
import { buildOurServer, REPO_ROOT, startTarget, type OursRuntime, type RunningTarget } from './servers';

/**
 * `npm run bench:cluster`: the workshop scenarios of `npm run bench`, on our server only, against one
 * node with PostgreSQL storage and no Redis, then against two nodes on PostgreSQL and Redis with each
 * room's clients spread evenly over both, so that every message between them crosses the bus. The
 * two-node / one-node ratio of each figure is what the bus costs. Then the many-rooms scenario (see
 * manyRooms.ts): idle boards loaded on two nodes, growing, with each node's CPU and PostgreSQL's reads.
 */

const USAGE = `Usage: npm run bench:cluster -- [options]
  --duration <s>        measuring window of each load scenario (default 20)
  --warmup <s>          load before each window, not measured (default 5)
  --joins <n>           timed joins per mode in the join scenario (default 5)
  --only <ids>          comma-separated scenario ids: room50, rooms40x5, join5000, manyRooms
  --rooms <counts>      board counts of the many-rooms scenario, growing (default 100,300,1000)
  --idle-window <s>     measuring window of each count in the many-rooms scenario (default 30)
  --settle <s>          wait after loading each count before its window (default 15)
  --catch-up-ms <ms>    BUS_CATCH_UP_MS of the many-rooms scenario's nodes (default: the server's, 10000)
  --database-url <url>  PostgreSQL for both set-ups (default $DATABASE_URL, else the machine's
                        postgres://postgres@127.0.0.1:5432/test); each run uses a fresh schema and drops it
  --redis-url <url>     a running Redis for the two nodes, instead of a redis-server of the run's own
                        (then Redis's CPU and memory are not reported)
  --out <file>          JSON output (default server/bench/results/cluster.json)
  --ours-runtime <r>    start (default: built, as npm start runs it) or tsx (from source)
  --quiet-wait <s>      before each run, wait up to this long for other programs to go idle (default 30)`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    joins: { type: 'string', default: '5' },
    only: { type: 'string' },
    rooms: { type: 'string', default: '100,300,1000' },
    'idle-window': { type: 'string', default: '30' },
    settle: { type: 'string', default: '15' },
    'catch-up-ms': { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    'redis-url': { type: 'string' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'server/bench/results/cluster.json') },
    'ours-runtime': { type: 'string', default: 'start' },
    'quiet-wait': { type: 'string', default: '30' },
    help: { type: 'boolean', default: false },
  },
});

function oursRuntime(): OursRuntime {
  const runtime = args['ours-runtime'];
  if (runtime !== 'start' && runtime !== 'tsx')
    throw new Error(`--ours-runtime is start or tsx, got ${runtime}`);
  return runtime;
}

/** A schema of this run's own: its boards never mix with anyone else's, and it goes away afterwards. */
async function withSchema<T>(url: string, run: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(`PostgreSQL at ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await run(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

interface Deployment {
  databaseUrl: string;
  schema: string;
  redis: { url: string; pid?: number };
  secret: string;
}

/** Starts `count` relay nodes on the run's schema; with more than one, they share the Redis bus. */
async function startNodes(
  count: number,
  deployment: Deployment,
  extra: Record<string, string> = {},
): Promise<RunningTarget[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      startTarget(
        'ours',
        {
          DATABASE_URL: deployment.databaseUrl,
          DATABASE_SCHEMA: deployment.schema,
          // Every node must accept the tokens another node issued.
          AUTH_SECRET: deployment.secret,
          NODE_NAME: `bench-${count}-${i}`,
          ...(count > 1 ? { REDIS_URL: deployment.redis.url } : {}),
          ...extra,
        },
        [],
        oursRuntime(),
      ),
    ),
  );
}

async function runOn(scenario: Scenario, count: number, deployment: Deployment): Promise<ScenarioResult> {
  await waitForQuietMachine(Number(args['quiet-wait']));
  const nodes = await startNodes(count, deployment);
  try {
    const idleRssMiB = nodes.reduce((total, node) => total + rssMiB(node.pid), 0);
    const result = await runInChild({
      scenario,
      target: {
        kind: 'ours',
        httpUrls: nodes.map((node) => node.httpUrl),
        pids: nodes.map((node) => node.pid),
        ...(count > 1 && deployment.redis.pid !== undefined ? { busPid: deployment.redis.pid } : {}),
      },
    });
    result.server.idleRssMiB = idleRssMiB;
    return result;
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

/** The many-rooms scenario's board counts, checked. */
function roomCounts(): number[] {
  const counts = args.rooms.split(',').map(Number);
  if (counts.some((n, i) => !Number.isInteger(n) || n < 1 || (i > 0 && n <= counts[i - 1]!)))
    throw new Error(`--rooms takes growing whole numbers, such as 100,300,1000; got ${args.rooms}`);
  return counts;
}

async function runManyRoomsOn(deployment: Deployment): Promise<IdleStep[]> {
  await waitForQuietMachine(Number(args['quiet-wait']));
  const counts = roomCounts();
  const catchUpMs = args['catch-up-ms'];
  const nodes = await startNodes(2, deployment, {
    // Every board stays loaded on both nodes for the whole scenario.
    MAX_ROOMS: String(counts.at(-1)! + 100),
    ...(catchUpMs ? { BUS_CATCH_UP_MS: catchUpMs } : {}),
  });
  try {
    return await runManyRooms({
      nodes,
      databaseUrl: deployment.databaseUrl,
      schema: deployment.schema,
      sizes: counts,
      settleSeconds: Number(args.settle),
      windowSeconds: Number(args['idle-window']),
      progress: (line) => process.stderr.write(`bench:cluster: manyRooms: ${line}\n`),
    });
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  cleanUpOnExit();
  const only = args.only?.split(',');
  const manyRooms = !only || only.includes('manyRooms');
  const otherIds = only?.filter((id) => id !== 'manyRooms');
  const chosen = otherIds?.length === 0 ? [] : workshopScenarios({ ...args, only: otherIds?.join(',') });
  let idleSteps: IdleStep[] = [];
  const databaseUrl = args['database-url'];
  const runtime = oursRuntime();
  const startedAt = new Date().toISOString();
  let privateRedis: RunningRedis | null = null;
  const outcomes: ClusterOutcome[] = [];
  // The schema first: a wrong --database-url fails at once, before any build or process.
  await withSchema(databaseUrl, async (schema) => {
    if (runtime === 'start') buildOurServer();
    privateRedis = args['redis-url'] ? null : await startRedis();
    try {
      const redis = privateRedis ?? { url: args['redis-url']! };
      const deployment = { databaseUrl, schema, redis, secret: randomBytes(24).toString('hex') };
      for (const scenario of chosen) {
        const outcome: ClusterOutcome = { scenario, oneNode: null, twoNodes: null };
        for (const count of [1, 2]) {
          const began = performance.now();
          process.stderr.write(
            `bench:cluster: ${scenario.id} on ${count === 1 ? 'one node' : 'two nodes'}...`,
          );
          const result = await runOn(scenario, count, deployment);
          if (count === 1) outcome.oneNode = result;
          else outcome.twoNodes = result;
          process.stderr.write(` ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
        }
        outcomes.push(outcome);
      }
      if (manyRooms) idleSteps = await runManyRoomsOn(deployment);
    } finally {
      await privateRedis?.stop();
    }
  });

  const rows = buildClusterRows(outcomes);
  writeJson(args.out, {
    startedAt,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    options: { ...args, 'database-url': redact(databaseUrl) },
    redis: privateRedis ? 'a redis-server of the run’s own' : redact(args['redis-url']!),
    scenarios: outcomes,
    rows,
    manyRooms: idleSteps,
  });
  if (rows.length > 0) {
    process.stdout.write(`${clusterMarkdownTable(rows)}\n\n`);
    process.stdout.write(
      'One node: PostgreSQL storage, no Redis. Two nodes: PostgreSQL and Redis, each room’s clients split ' +
        'evenly between the nodes. Ratios are two nodes / one node: the cost of the bus.\n\n',
    );
  }
  if (idleSteps.length > 0) {
    process.stdout.write(`${manyRoomsMarkdownTable(idleSteps)}\n\n`);
    process.stdout.write(
      'Many rooms: idle boards, each watched by one view connection on each of two nodes (PostgreSQL and ' +
        'Redis); PostgreSQL figures count the run’s own tables only (pg_stat_user_tables).\n',
    );
  }
  process.stdout.write(`JSON: ${path.resolve(args.out)}\n`);
  process.stdout.write(
    disturbedWarnings(
      outcomes.flatMap(({ scenario, oneNode, twoNodes }) => [
        { label: `${scenario.id} on one node`, result: oneNode },
        { label: `${scenario.id} on two nodes`, result: twoNodes },
      ]),
    ),
  );
}

/** A URL without its password, for the report. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `\nbench:cluster failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => killAll());
