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
import { buildRows, markdownTable, type ScenarioOutcome } from './report';
import type { Scenario } from './scenarioTypes';
import { positive, workshopScenarios } from './scenarios';
import { buildOurServer, REPO_ROOT, startTarget, type OursRuntime, type ServerKind } from './servers';

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

async function runScenario(scenario: Scenario, kind: ServerKind, env: Record<string, string>) {
  const profileDir = args['cpu-prof'];
  // Only ours: the reference has no signal handler, so it never exits cleanly enough to write one.
  const flags =
    profileDir && kind === 'ours'
      ? // One directory per scenario: Node writes a profile per thread (tsx's loader runs in a worker).
        ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, scenario.id)}`]
      : [];
  await waitForQuietMachine(Number(args['quiet-wait']));
  const target = await startTarget(kind, env, flags, oursRuntime());
  try {
    const idleRssMiB = rssMiB(target.pid);
    const result = await runInChild({
      scenario,
      target: { kind, httpUrls: [target.httpUrl], pids: [target.pid] },
    });
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
  const chosen = workshopScenarios(args);
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
  writeJson(args.out, report);

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
  process.stdout.write(
    disturbedWarnings(
      outcomes.flatMap(({ scenario, ours, reference }) => [
        { label: `${scenario.id} on ours`, result: ours },
        { label: `${scenario.id} on reference`, result: reference },
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
