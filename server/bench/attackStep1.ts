import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { API_BOARDS_PATH, type CreatedBoard } from '@shared';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { fillRoom } from './boards';
import { syncStep1 } from './messages';
import { cleanUpOnExit, killAll, track } from './processes';
import { buildOurServer, REPO_ROOT, startTarget, type OursRuntime } from './servers';
import { Traffic } from './SimClient';
import { summarize, type LatencySummary } from './stats';

/**
 * Sync step 1 as a weapon: view-link sockets that each send sync step 1 many times a second with a
 * state vector naming a client the board has never seen, so that every one asks for the whole board.
 * Measures the latency of plain HTTP requests (GET /healthz) to the same node, first with no attack, then
 * under it, and prints both. The attackers run in a child process, so that reading the answers never
 * shares an event loop with the HTTP probe.
 *
 *   npx tsx server/bench/attackStep1.ts [--notes 3000] [--sockets 2] [--rate 100] [--seconds 10]
 */

const USAGE = `Usage: npx tsx server/bench/attackStep1.ts [options]
  --notes <n>        notes on the attacked board (default 3000)
  --sockets <n>      attacking view sockets (default 2)
  --rate <n>         sync step 1 messages per second per socket (default 100)
  --seconds <s>      length of each window, without and with the attack (default 10)
  --server-env K=V   extra environment for the server (repeatable), e.g. MAX_ANSWER_BYTES_PER_SECOND=65536
  --ours-runtime <r> start (built, as npm start runs it; default) or tsx (from source)`;

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: '3000' },
    sockets: { type: 'string', default: '2' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    'ours-runtime': { type: 'string', default: 'start' },
    'server-env': { type: 'string', multiple: true, default: [] },
    attacker: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A state vector naming one client the board has never seen: the answer is the whole board. */
function foreignStateVector(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 0x7fff_ffff);
  encoding.writeVarUint(encoder, 1);
  return encoding.toUint8Array(encoder);
}

interface AttackReport {
  answers: number;
  bytes: number;
  closes: number[];
}

/** The child: `sockets` view connections, each sending step 1 `rate` times a second for `seconds`. */
async function attack(url: string, sockets: number, rate: number, seconds: number): Promise<AttackReport> {
  const message = syncStep1(foreignStateVector());
  const report: AttackReport = { answers: 0, bytes: 0, closes: [] };
  const open = await Promise.all(
    Array.from(
      { length: sockets },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          ws.on('open', () => resolve(ws));
          ws.on('error', reject);
          ws.on('message', (data: Buffer) => {
            // Sync step 2 (type 0, step 1): an answer to one of the step 1s.
            if (data[0] === 0 && data[1] === 1) report.answers++;
            report.bytes += data.byteLength;
          });
          ws.on('close', (code) => report.closes.push(code));
        }),
    ),
  );
  const timer = setInterval(() => {
    for (const ws of open) if (ws.readyState === WebSocket.OPEN) ws.send(message);
  }, 1000 / rate);
  await sleep(seconds * 1000);
  clearInterval(timer);
  for (const ws of open) ws.terminate();
  return report;
}

/** GET /healthz one after another (10 ms apart) for `seconds`; the latency of each. */
async function probe(httpUrl: string, seconds: number): Promise<LatencySummary & { failed: number }> {
  const samples: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    try {
      const response = await fetch(`${httpUrl}/healthz`);
      await response.arrayBuffer();
      samples.push(performance.now() - start);
    } catch (error) {
      failed++;
      if (failed === 1) console.error('GET /healthz failed:', error);
    }
    await sleep(10);
  }
  return { ...summarize(samples), failed };
}

function runAttacker(url: string): { done: Promise<AttackReport> } {
  const child = track(
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--attacker',
        url,
        '--sockets',
        args.sockets,
        '--rate',
        args.rate,
        '--seconds',
        args.seconds,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    done: new Promise((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve(JSON.parse(output) as AttackReport) : reject(new Error(`attacker: ${code}`)),
      ),
    ),
  };
}

const row = (what: string, s: LatencySummary & { failed: number }) =>
  `| ${what} | ${s.count} | ${s.failed} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`;

async function main(): Promise<void> {
  const runtime = args['ours-runtime'] as OursRuntime;
  if (runtime !== 'start' && runtime !== 'tsx') throw new Error('--ours-runtime is start or tsx');
  const seconds = Number(args.seconds);
  if (runtime === 'start') buildOurServer();
  const env = Object.fromEntries(
    args['server-env'].map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--server-env wants KEY=VALUE, got ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const server = await startTarget('ours', env, [], runtime);
  try {
    const response = await fetch(`${server.httpUrl}${API_BOARDS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const board = (await response.json()) as CreatedBoard;
    const ws = server.httpUrl.replace(/^http/, 'ws');
    const editUrl = `${ws}/sync/${board.id}?token=${encodeURIComponent(board.editToken)}`;
    const viewUrl = `${ws}/sync/${board.id}?token=${encodeURIComponent(board.viewToken)}`;
    // The editor stays: a live workshop's board, its document built in the relay.
    const filler = await fillRoom(
      { kind: 'ours', httpUrls: [server.httpUrl] },
      { urls: [editUrl] },
      Number(args.notes),
      new Traffic(),
    );
    const quiet = await probe(server.httpUrl, seconds);
    const attacker = runAttacker(viewUrl);
    await sleep(500); // the attackers connect
    const attacked = await probe(server.httpUrl, seconds - 1);
    const report = await attacker.done;
    await filler.close();
    console.log(
      `${args.notes} notes, ${args.sockets} view sockets x ${args.rate} sync step 1/s with a foreign state vector\n`,
    );
    console.log('| GET /healthz | answered | failed | p50 ms | p95 ms | p99 ms | max ms |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('no attack', quiet));
    console.log(row('under attack', attacked));
    console.log(
      `\nattackers got ${report.answers} whole-board answers (${(report.answers / seconds).toFixed(1)}/s, ` +
        `${(report.bytes / 1024 / 1024).toFixed(1)} MiB); closed by the server: ${
          report.closes.length ? report.closes.join(', ') : 'none'
        }`,
    );
  } finally {
    await server.stop();
  }
}

if (args.help) {
  console.log(USAGE);
} else if (args.attacker) {
  attack(args.attacker, Number(args.sockets), Number(args.rate), Number(args.seconds)).then(
    (report) => {
      process.stdout.write(JSON.stringify(report));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  cleanUpOnExit();
  main().catch(async (error: unknown) => {
    console.error(error);
    await killAll();
    process.exit(1);
  });
}
