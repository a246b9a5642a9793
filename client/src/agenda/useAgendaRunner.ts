import { useCallback, useState } from 'react';
import type { AgendaAction } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { ServerClock } from '../core/clock/ServerClock';
import { RunStopped, runAgendaAction, type RunChoices, type RunProblem } from './runAgendaAction';

/** The facilitator's agenda buttons: one action at a time, and what stopped the last one. */
export interface AgendaRunner {
  /** An action is waiting for the server (a reveal, an iteration). */
  busy: boolean;
  /** Why the last action stopped, with the action, to try again with a choice. */
  problem: (RunProblem & { action: AgendaAction; choices: RunChoices }) | null;
  run(action: AgendaAction, choices?: RunChoices): void;
  /** Tries the stopped action again with more choices ("Go on without this vote"). */
  retry(extra: RunChoices): void;
  dismiss(): void;
}

export function useAgendaRunner(connection: BoardConnection, by: string, clock: ServerClock): AgendaRunner {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AgendaRunner['problem']>(null);
  const run = useCallback(
    (action: AgendaAction, choices: RunChoices = {}) => {
      setBusy(true);
      setProblem(null);
      runAgendaAction(connection, by, clock.now, action, choices).then(
        () => setBusy(false),
        (e: unknown) => {
          setBusy(false);
          const stopped =
            e instanceof RunStopped
              ? e.problem
              : { kind: 'refused' as const, message: e instanceof Error ? e.message : String(e) };
          setProblem({ ...stopped, action, choices });
        },
      );
    },
    [connection, by, clock],
  );
  const retry = useCallback(
    (extra: RunChoices) => {
      if (problem) run(problem.action, { ...problem.choices, ...extra });
    },
    [problem, run],
  );
  const dismiss = useCallback(() => setProblem(null), []);
  return { busy, problem, run, retry, dismiss };
}
