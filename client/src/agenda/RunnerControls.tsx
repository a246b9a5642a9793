import type { KeyboardEvent } from 'react';
import { currentStep, type AgendaState } from '@shared';
import type { AgendaRunner } from './useAgendaRunner';

const MINUTE = 60_000;

/** Enter and Space press the focused button: the board's shortcuts listen on the window and would take them. */
function keepKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
}

/**
 * The facilitator's buttons for the running agenda: Start, Back, Next (Finish at the last step),
 * Pause or Resume, +1 min and +5 min, Finish; `compact` (in the banner) keeps the ones used every few
 * minutes. Next and Back name the step they move from, so a second facilitator device that already
 * moved is refused rather than skipping a step. What stopped an action shows under the buttons with
 * the ways on it offers.
 */
export function RunnerControls({
  agenda,
  runner,
  compact = false,
}: {
  agenda: AgendaState;
  runner: AgendaRunner;
  compact?: boolean;
}) {
  const { steps, run } = agenda;
  const { busy } = runner;
  const going = run !== null && run.status !== 'finished';
  const at = going ? currentStep(steps, run) : null;
  const from = run?.stepId ?? undefined;
  const last = at !== null && at.index === steps.length - 1;
  return (
    <div className={`agenda-runner${compact ? ' is-compact' : ''}`} onKeyDown={keepKeys}>
      <div className="agenda-runner-buttons" role="group" aria-label="Run the agenda">
        {!going ? (
          !compact && (
            <button
              type="button"
              className="primary"
              disabled={busy || steps.length === 0}
              onClick={() => runner.run({ kind: 'start' })}
            >
              {run?.status === 'finished' ? 'Start again' : 'Start the agenda'}
            </button>
          )
        ) : (
          <>
            <button
              type="button"
              disabled={busy || (at !== null && at.index === 0)}
              onClick={() => runner.run({ kind: 'back', from })}
            >
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => runner.run(last ? { kind: 'finish' } : { kind: 'next', from })}
            >
              {last ? 'Finish' : 'Next step'}
            </button>
            {run.status === 'paused' ? (
              <button type="button" disabled={busy} onClick={() => runner.run({ kind: 'resume' })}>
                Resume
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => runner.run({ kind: 'pause' })}>
                Pause
              </button>
            )}
            <button
              type="button"
              disabled={busy}
              aria-label="Add 1 minute"
              onClick={() => runner.run({ kind: 'extend', ms: MINUTE })}
            >
              +1 min
            </button>
            {!compact && (
              <>
                <button
                  type="button"
                  disabled={busy}
                  aria-label="Add 5 minutes"
                  onClick={() => runner.run({ kind: 'extend', ms: 5 * MINUTE })}
                >
                  +5 min
                </button>
                {!last && (
                  <button type="button" disabled={busy} onClick={() => runner.run({ kind: 'finish' })}>
                    Finish now
                  </button>
                )}
              </>
            )}
          </>
        )}
        {busy && (
          <span className="agenda-busy" role="status">
            Working…
          </span>
        )}
      </div>
      <RunProblemNote runner={runner} />
    </div>
  );
}

/** What stopped the last action, and the ways on. */
function RunProblemNote({ runner }: { runner: AgendaRunner }) {
  const { problem, busy } = runner;
  if (!problem) return null;
  return (
    <div className="agenda-problem" role="alert">
      <p>{problem.message}</p>
      <div className="agenda-problem-choices">
        {problem.kind === 'voteOpen' && (
          <>
            <button type="button" disabled={busy} onClick={() => runner.retry({ revealOpenVote: true })}>
              Reveal and go on
            </button>
            <button type="button" disabled={busy} onClick={() => runner.retry({ discardOpenVote: true })}>
              Go on without this vote
            </button>
          </>
        )}
        {problem.kind === 'revealFailed' && (
          <>
            <button type="button" disabled={busy} onClick={() => runner.retry({})}>
              Try again
            </button>
            <button type="button" disabled={busy} onClick={() => runner.retry({ discardOpenVote: true })}>
              Go on without this vote
            </button>
          </>
        )}
        {problem.kind === 'saveFailed' && (
          <>
            <button type="button" disabled={busy} onClick={() => runner.retry({})}>
              Try again
            </button>
            <button type="button" disabled={busy} onClick={() => runner.retry({ skipSave: true })}>
              Go on without saving
            </button>
          </>
        )}
        <button type="button" onClick={runner.dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
