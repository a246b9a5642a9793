import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineBusySeconds, rssMiB } from './procStats';
import { cleanUpOnExit, killAll, track } from './processes';
import { buildRows, markdownTable, type ScenarioOutcome } from './report';
import type { RunReply, RunRequest, Scenario, ScenarioResult } from './scenarioTypes';
import {
  buildOurServer,
  REPO_ROOT,
  startTarget,
  stopProcess,
  type OursRuntime,
  type ServerKind,
} from './servers';

/**
 * `npm run bench`: runs every scenario against the reference server and ours, each on a fresh server
 * process with the load generator in another process, then prints a markdown table and writes JSON.
 */

const USAGE = `Usage: npm run bench -- [options]
  --duration <s>       measuring window of each load scenario (default 20)
  --warmup <s>         load before each window, not measured (default 5)
  --joins <n>          timed joins per mode in the join scenario (default 5)
  --only <ids>         comma-separated scenario ids: room50, rooms40x5, join5000
  --servers <kinds>    comma-separated: reference, ours (default both)
  --server-env K=V     extra environment for our server (repeatable), e.g. a raised rate limit
  --out <file>         JSON output (default server/bench/results/latest.json)
  --ours-runtime <r>   start (default: built, with the start script's node flags, as npm start runs it)
                       or tsx (from source through tsx, as in development)
  --rounds <n>         run each scenario n times per server and report the least disturbed (default 1)
  --quiet-wait <s>     before each run, wait up to this long for other programs to go idle (default 30)
  --cpu-prof <dir>     write a V8 CPU profile of our server per scenario into <dir> (slows it a little)`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    joins: { type: 'string', default: '5' },
    only: { type: 'string' },
    servers: { type: 'string', default: 'reference,ours' },
    'server-env': { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: path.join(REPO_ROOT, 'server/bench/results/latest.json') },
    'quiet-wait': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '1' },
    'ours-runtime': { type: 'string', default: 'start' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function scenarios(): Scenario[] {
  const durationMs = positive('duration', args.duration) * 1000;
  const warmupMs = positive('warmup', args.warmup) * 1000;
  const load = { docHz: 1, awarenessHz: 10, warmupMs, durationMs, drainMs: 2000 };
  const all: Scenario[] = [
    {
      kind: 'rooms',
      id: 'room50',
      title: '1 room × 50 people',
      rooms: 1,
      peoplePerRoom: 50,
      notesPerRoom: 200,
      ...load,
    },
    {
      kind: 'rooms',
      id: 'rooms40x5',
      title: '40 rooms × 5 people',
      rooms: 40,
      peoplePerRoom: 5,
      notesPerRoom: 20,
      ...load,
    },
    {
      kind: 'join',
      id: 'join5000',
      title: 'join, 5,000 notes',
      notes: 5000,
      joins: positive('joins', args.joins),
      cold: true,
    },
  ];
  if (!args.only) return all;
  const wanted = new Set(args.only.split(','));
  const chosen = all.filter((s) => wanted.has(s.id));
  if (chosen.length === 0)
    throw new Error(`--only matched no scenario; ids are ${all.map((s) => s.id).join(', ')}`);
  return chosen;
}

function serverKinds(): ServerKind[] {
  const kinds = args.servers.split(',').map((s) => s.trim());
  for (const kind of kinds)
    if (kind !== 'ours' && kind !== 'reference') throw new Error(`unknown server ${kind}`);
  return kinds as ServerKind[];
}

function oursRuntime(): OursRuntime {
  const runtime = args['ours-runtime'];
  if (runtime !== 'start' && runtime !== 'tsx')
    throw new Error(`--ours-runtime is start or tsx, got ${runtime}`);
  return runtime;
}

function serverEnv(): Record<string, string> {
  return Object.fromEntries(
    args['server-env'].map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--server-env wants KEY=VALUE, got ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** Above this, other programs competed noticeably for the cores during a window (see the README). */
const DISTURBED_CORES = 0.3;

/** A bound on one scenario, so that a hung server or client ends the run instead of stalling it. */
function timeoutMs(scenario: Scenario): number {
  return scenario.kind === 'rooms' ? scenario.warmupMs + scenario.durationMs + 120_000 : 180_000;
}

/** Runs one scenario in a fresh load generator process. */
function runInChild(request: RunRequest): Promise<ScenarioResult> {
  const child = track(
    fork(path.join(REPO_ROOT, 'server/bench/loadgen.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  return new Promise<ScenarioResult>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`scenario ${request.scenario.id} timed out`)));
      void stopProcess(child);
    }, timeoutMs(request.scenario));
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    child.once('message', (reply: RunReply) =>
      settle(() => (reply.type === 'result' ? resolve(reply.result) : reject(new Error(reply.message)))),
    );
    child.once('exit', (code, signal) =>
      settle(() => reject(new Error(`load generator exited (${code ?? signal}) without a result`))),
    );
    child.send(request);
  });
}

/**
 * On a shared machine other programs may be busy: waiting (bounded) for a quiet second before each
 * run keeps their load out of the measurement more often than not. The report flags what remains.
 */
async function waitForQuietMachine(): Promise<void> {
  const deadline = performance.now() + Number(args['quiet-wait']) * 1000;
  let busy = Number.POSITIVE_INFINITY;
  let said = false;
  while (performance.now() < deadline) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    busy = machineBusySeconds() - before;
    if (busy < DISTURBED_CORES) return;
    if (!said) process.stderr.write(` (waiting for a quiet machine: ${busy.toFixed(2)} cores busy)`);
    said = true;
  }
  if (said) process.stderr.write(` (still ${busy.toFixed(2)} cores busy; running anyway)`);
}

async function runScenario(scenario: Scenario, kind: ServerKind, env: Record<string, string>) {
  const profileDir = args['cpu-prof'];
  // Only ours: the reference has no signal handler, so it never exits cleanly enough to write one.
  const flags =
    profileDir && kind === 'ours'
      ? // One directory per scenario: Node writes a profile per thread (tsx's loader runs in a worker).
        ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, scenario.id)}`]
      : [];
  await waitForQuietMachine();
  const target = await startTarget(kind, env, flags, oursRuntime());
  try {
    const idleRssMiB = rssMiB(target.pid);
    const result = await runInChild({ scenario, target: { kind, httpUrl: target.httpUrl, pid: target.pid } });
    result.server.idleRssMiB = idleRssMiB;
    return result;
  } finally {
    await target.stop();
  }
}

/**
 * Of several rounds, the one during which other programs used the least CPU: on a shared machine it is
 * the nearest to a quiet run. (All rounds stay in the JSON.)
 */
function leastDisturbed(results: ScenarioResult[]): ScenarioResult | null {
  let best: ScenarioResult | null = null;
  for (const result of results) {
    if (!best || result.machine.otherBusyCores < best.machine.otherBusyCores) best = result;
  }
  return best;
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  cleanUpOnExit();
  const chosen = scenarios();
  if (oursRuntime() === 'start' && serverKinds().includes('ours')) buildOurServer();
  const kinds = serverKinds();
  const env = serverEnv();
  const startedAt = new Date().toISOString();
  const outcomes: ScenarioOutcome[] = [];
  const rounds = Math.round(positive('rounds', args.rounds));
  for (const scenario of chosen) {
    const outcome: ScenarioOutcome = {
      scenario,
      ours: null,
      reference: null,
      rounds: { ours: [], reference: [] },
    };
    // Reference and ours alternate, round after round, so that any drift of the machine hits both alike.
    for (let round = 1; round <= rounds; round++) {
      for (const kind of kinds) {
        const began = performance.now();
        process.stderr.write(`bench: ${scenario.id} on ${kind}${rounds > 1 ? `, round ${round}` : ''}...`);
        outcome.rounds[kind].push(await runScenario(scenario, kind, env));
        process.stderr.write(` ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
      }
    }
    for (const kind of kinds) outcome[kind] = leastDisturbed(outcome.rounds[kind]);
    outcomes.push(outcome);
  }

  const rows = buildRows(outcomes);
  const report = {
    startedAt,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    options: { ...args, serverEnv: env },
    scenarios: outcomes,
    rows,
  };
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  // JSON has no NaN; missing figures become null.
  fs.writeFileSync(
    args.out,
    `${JSON.stringify(report, (_k, v: unknown) => (Number.isNaN(v) ? null : v), 2)}\n`,
  );

  process.stdout.write(`${markdownTable(rows)}\n\n`);
  process.stdout.write(
    'Ratios are ours / reference: below 1 means ours is lower (better for latency, CPU, RSS, join time).\n',
  );
  process.stdout.write(`JSON: ${path.resolve(args.out)}\n`);
  for (const { scenario, ours } of outcomes) {
    if (ours?.kind === 'join' && ours.cold && !ours.coldConfirmed) {
      process.stdout.write(
        `Warning: ${scenario.id}: our server did not report its loaded rooms in /healthz, so the cold joins ` +
          'may have found the room still loaded.\n',
      );
    }
  }
  for (const { scenario, ours, reference } of outcomes) {
    for (const [kind, result] of [
      ['ours', ours],
      ['reference', reference],
    ] as const) {
      const other = result?.machine.otherBusyCores ?? 0;
      if (other > DISTURBED_CORES) {
        process.stdout.write(
          `Warning: other programs kept ${other.toFixed(2)} cores busy during ${scenario.id} on ${kind}; ` +
            'its figures are disturbed. Re-run on a quiet machine.\n',
        );
      }
    }
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => killAll());
