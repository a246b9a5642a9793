import { runJoinScenario } from './joinScenario';
import { runRoomsScenario } from './roomsScenario';
import type { RunReply, RunRequest, ScenarioResult } from './scenarioTypes';

/**
 * The load generator: a child process of run.ts, so that the simulated clients never share a process
 * (or an event loop) with the server they measure. It runs one scenario it is sent, replies with the
 * result and exits.
 */

function reply(message: RunReply): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function run(request: RunRequest): Promise<ScenarioResult> {
  const { scenario, target } = request;
  const info = { kind: target.kind, httpUrls: target.httpUrls };
  const processes = { pids: target.pids, busPid: target.busPid };
  return scenario.kind === 'rooms'
    ? runRoomsScenario(scenario, info, processes)
    : runJoinScenario(scenario, info, processes);
}

if (!process.send) {
  process.stderr.write('loadgen.ts runs as a child of server/bench/run.ts\n');
  process.exit(2);
}

// If the parent dies, nothing is left to report to: stop at once rather than linger.
process.on('disconnect', () => process.exit(1));

process.once('message', (request: RunRequest) => {
  run(request)
    .then((result) => reply({ type: 'result', result }))
    .catch((error: unknown) =>
      reply({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    )
    .finally(() => process.exit(0));
});
