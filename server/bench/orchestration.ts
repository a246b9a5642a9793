import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machineBusySeconds } from './procStats';
import { track } from './processes';
import type { RunReply, RunRequest, Scenario, ScenarioResult } from './scenarioTypes';
import { REPO_ROOT, stopProcess } from './servers';

/** What `npm run bench` and `npm run bench:cluster` share around the scenarios themselves. */

/** Above this, other programs competed noticeably for the cores during a window (see the README). */
export const DISTURBED_CORES = 0.3;

/** A bound on one scenario, so that a hung server or client ends the run instead of stalling it. */
function timeoutMs(scenario: Scenario): number {
  return scenario.kind === 'rooms' ? scenario.warmupMs + scenario.durationMs + 120_000 : 180_000;
}

/** Runs one scenario in a fresh load generator process, with extra node flags (a CPU profile) if given. */
export function runInChild(request: RunRequest, nodeFlags: readonly string[] = []): Promise<ScenarioResult> {
  const child = track(
    fork(path.join(REPO_ROOT, 'server/bench/loadgen.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx', ...nodeFlags],
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
export async function waitForQuietMachine(quietWaitSeconds: number): Promise<void> {
  const deadline = performance.now() + quietWaitSeconds * 1000;
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

/**
 * Of several rounds, the one during which other programs used the least CPU: on a shared machine it is
 * the nearest to a quiet run. (All rounds stay in the JSON.)
 */
export function leastDisturbed(results: ScenarioResult[]): ScenarioResult | null {
  let best: ScenarioResult | null = null;
  for (const result of results) {
    if (!best || result.machine.otherBusyCores < best.machine.otherBusyCores) best = result;
  }
  return best;
}

/** Writes a report as JSON, creating its directory; JSON has no NaN, so missing figures become null. */
export function writeJson(file: string, report: unknown): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, (_k, v: unknown) => (Number.isNaN(v) ? null : v), 2)}\n`);
}

/** Prints a warning for each result whose window other programs disturbed. */
export function disturbedWarnings(results: { label: string; result: ScenarioResult | null }[]): string {
  let text = '';
  for (const { label, result } of results) {
    const other = result?.machine.otherBusyCores ?? 0;
    if (other > DISTURBED_CORES) {
      text +=
        `Warning: other programs kept ${other.toFixed(2)} cores busy during ${label}; ` +
        'its figures are disturbed. Re-run on a quiet machine.\n';
    }
  }
  return text;
}
