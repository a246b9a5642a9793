import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  disturbedWarnings,
  leastDisturbed,
  runInChild,
  waitForQuietMachine,
  writeJson,
} from './orchestration';
import { rssMiB } from './procStats';
import { cleanUpOnExit, killAll } from './processes';
import { buildRows, capacityRows, markdownTable, type CapacityStep, type ScenarioOutcome } from './report';
import type { RoomsResult, RoomsScenario, Scenario } from './scenarioTypes';
import { DEFAULT_RAMP, positive, rampSteps, workshopScenarios } from './scenarios';
import {
  buildOurServer,
  REFERENCES,
  REPO_ROOT,
  startTarget,
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
  --joins <n>          timed joins per mode in the join scenario (default 15)
  --only <ids>         comma-separated scenario ids: room50, room100, rooms40x5, join5000, capacity
  --servers <kinds>    comma-separated: reference (@y/websocket-server), hocuspocus, ours (default all)
  --ramp <steps>       loads the capacity ramp tries, in order, until one misses: a room size (100) or
                       rooms x size (4x50); default 1x50,2x50,3x50,4x50,6x50,8x50,10x50
  --server-env K=V     extra environment for our server (repeatable), e.g. a raised rate limit
  --out <file>         JSON output (default server/bench/results/latest.json)
  --ours-runtime <r>   start (default: built, with the start script's node flags, as npm start runs it)
                       or tsx (from source through tsx, as in development)
  --rounds <n>         run each scenario n times per server and report the least disturbed (default 1)
  --quiet-wait <s>     before each run, wait up to this long for other programs to go idle (default 30)
  --cpu-prof <dir>     write V8 CPU profiles of our server (and of the load generator, in loadgen/)
                       per scenario into <dir>/<scenario id>/ (slows both a little)
  --loadgen <mode>     full (receivers decode each update with Y.decodeUpdate) or light (they read only
                       its item ids); default full for the scenarios, light for the capacity ramp`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    joins: { type: 'string', default: '15' },
    only: { type: 'string' },
    servers: { type: 'string', default: 'reference,hocuspocus,ours' },
    ramp: { type: 'string', default: DEFAULT_RAMP },
    'server-env': { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: path.join(REPO_ROOT, 'server/bench/results/latest.json') },
    'quiet-wait': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '1' },
    'ours-runtime': { type: 'string', default: 'start' },
    'cpu-prof': { type: 'string' },
    loadgen: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function serverKinds(): ServerKind[] {
  const kinds = args.servers.split(',').map((s) => s.trim());
  for (const kind of kinds)
    if (kind !== 'ours' && !(REFERENCES as readonly string[]).includes(kind))
      throw new Error(`unknown server ${kind}`);
  return kinds as ServerKind[];
}

const CAPACITY = 'capacity';

/** The scenario ids asked for, the capacity ramp apart (it is not one scenario but several). */
function onlyScenarios(): { only: string | undefined; none: boolean; capacity: boolean } {
  if (!args.only) return { only: undefined, none: false, capacity: true };
  const ids = args.only.split(',').map((id) => id.trim());
  const rest = ids.filter((id) => id !== CAPACITY);
  return { only: rest.join(','), none: rest.length === 0, capacity: ids.includes(CAPACITY) };
}

/**
 * The capacity ramp on one server: each load in turn (rooms of a size, all at once), until one keeps
 * document p99 at 100 ms or more, delivers less than everything or has a connection closed (the larger
 * loads are not tried then).
 */
async function capacityRamp(kind: ServerKind, env: Record<string, string>): Promise<CapacityStep[]> {
  // Light unless asked otherwise: the larger loads are where a decoding generator would saturate first.
  const [room50] = workshopScenarios({ ...args, only: 'room50', light: loadgenMode() !== 'full' }) as [
    RoomsScenario,
  ];
  const steps: CapacityStep[] = [];
  for (const { rooms, peoplePerRoom } of rampSteps(args.ramp)) {
    const people = rooms * peoplePerRoom;
    const load = `${rooms} × ${peoplePerRoom}`;
    const scenario: RoomsScenario = {
      ...room50,
      id: `capacity${rooms}x${peoplePerRoom}`,
      title: `${load} people`,
      rooms,
      peoplePerRoom,
      notesPerRoom: Math.max(room50.notesPerRoom, peoplePerRoom),
    };
    const began = performance.now();
    process.stderr.write(`bench: capacity ramp, ${load} on ${kind}...`);
    const result = (await runScenario(scenario, kind, env)) as RoomsResult;
    const deliveredPercent =
      result.doc.expected + result.awareness.expected === 0
        ? 0
        : (100 * (result.doc.delivered + result.awareness.delivered + result.awareness.superseded)) /
          (result.doc.expected + result.awareness.expected);
    const step: CapacityStep = {
      rooms,
      peoplePerRoom,
      people,
      docP99Ms: result.doc.latencyMs.p99,
      deliveredPercent,
      loadgenCpuPercent: result.loadgen.cpuPercent,
      serverCpuPercent: (100 * result.server.cpuSeconds) / result.windowSeconds,
      passed:
        result.doc.latencyMs.p99 < 100 &&
        deliveredPercent >= 100 - 1e-9 &&
        Object.keys(result.unexpectedCloses).length === 0,
    };
    steps.push(step);
    process.stderr.write(
      ` ${((performance.now() - began) / 1000).toFixed(1)} s: doc p50/p95/p99 ` +
        `${result.doc.latencyMs.p50.toFixed(1)}/${result.doc.latencyMs.p95.toFixed(1)}/${step.docP99Ms.toFixed(1)} ms, ` +
        `${deliveredPercent.toFixed(2)} % delivered, server ${step.serverCpuPercent.toFixed(0)} %, ` +
        `load generator ${step.loadgenCpuPercent.toFixed(0)} %\n`,
    );
    if (!step.passed) break;
  }
  return steps;
}

/** `--loadgen`, checked; undefined when not given (each part of the run then takes its own default). */
function loadgenMode(): 'full' | 'light' | undefined {
  const mode = args.loadgen;
  if (mode !== undefined && mode !== 'full' && mode !== 'light')
    throw new Error(`--loadgen is full or light, got ${mode}`);
  return mode;
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

async function runScenario(scenario: Scenario, kind: ServerKind, env: Record<string, string>) {
  const profileDir = args['cpu-prof'];
  // Only ours: the references have no signal handler, so it never exits cleanly enough to write one.
  const flags =
    profileDir && kind === 'ours'
      ? // One directory per scenario: Node writes a profile per thread (tsx's loader runs in a worker).
        ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, scenario.id)}`]
      : [];
  await waitForQuietMachine(Number(args['quiet-wait']));
  const target = await startTarget(kind, env, flags, oursRuntime());
  try {
    const idleRssMiB = rssMiB(target.pid);
    const result = await runInChild(
      { scenario, target: { kind, httpUrls: [target.httpUrl], pids: [target.pid] } },
      // The generator too, whichever server it loads: its profile tells what a saturated generator spends on.
      profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, scenario.id, 'loadgen', kind)}`]
        : [],
    );
    result.server.idleRssMiB = idleRssMiB;
    return result;
  } finally {
    await target.stop();
  }
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  cleanUpOnExit();
  const only = onlyScenarios();
  const chosen = only.none
    ? []
    : workshopScenarios({ ...args, only: only.only, light: loadgenMode() === 'light' });
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
      hocuspocus: null,
      rounds: { ours: [], reference: [], hocuspocus: [] },
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

  const capacity: Partial<Record<ServerKind, CapacityStep[]>> = {};
  if (only.capacity) for (const kind of kinds) capacity[kind] = await capacityRamp(kind, env);

  const rows = [...buildRows(outcomes), ...(only.capacity ? capacityRows(capacity) : [])];
  const report = {
    startedAt,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    options: { ...args, serverEnv: env },
    scenarios: outcomes,
    capacity,
    rows,
  };
  writeJson(args.out, report);

  process.stdout.write(`${markdownTable(rows)}\n\n`);
  process.stdout.write(
    'Ratios are ours / the better reference: below 1 means ours is lower (better for latency, CPU, RSS,\n' +
      'join time; for the capacity ramp, higher is better).\n',
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
  process.stdout.write(
    disturbedWarnings(
      outcomes.flatMap(({ scenario, ours, reference, hocuspocus }) => [
        { label: `${scenario.id} on ours`, result: ours },
        { label: `${scenario.id} on @y/websocket-server`, result: reference },
        { label: `${scenario.id} on Hocuspocus`, result: hocuspocus },
      ]),
    ),
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => killAll());
