import { useEffect, useReducer } from 'react';
import type * as Y from 'yjs';
import { readAgenda, type AgendaRun, type AgendaState } from '@shared';
import type { ServerClock } from '../core/clock/ServerClock';
import { useSessionValue } from '../core/store/useSession';

/** The board's agenda and its run; re-renders only when one of the two changes. */
export function useAgenda(doc: Y.Doc): AgendaState {
  return useSessionValue(doc, readAgenda);
}

/** The wait until the countdown of a step ending at `endsAt` shows another second, a little after it. */
export function msToNextShownSecond(endsAt: number, now: number): number {
  const left = endsAt - now;
  // The label rounds up both ways ("0:03 left" until 2 s are left, "0:01 over" from the first ms over):
  // before the end it turns over on each whole second left, after it just past each whole second over.
  if (left > 0) return (left % 1000 || 1000) + 5;
  const over = -left % 1000;
  return (over === 0 ? 1 : 1000 - over) + 5;
}

/**
 * The server's time for a step's countdown: re-read just after each second the label shows turns over
 * while the run is running, so every screen's "2:40 left" changes together (they share the server's
 * clock). A paused or finished run does not tick.
 */
export function useStepNow(run: AgendaRun | null, clock: ServerClock): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const now = clock.now();
  const running = run?.status === 'running';
  const endsAt = run?.endsAt ?? 0;
  useEffect(() => {
    if (!running) return;
    const id = setTimeout(tick, msToNextShownSecond(endsAt, clock.now()));
    return () => clearTimeout(id);
  });
  return now;
}
