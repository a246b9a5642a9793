import './agenda.css';
import type { ReactNode } from 'react';
import {
  ACTIVITY_NAMES,
  currentStep,
  scopeName,
  stepInstruction,
  stepLabel,
  stepOvertimeMs,
  type AgendaState,
} from '@shared';
import type { ServerClock } from '../core/clock/ServerClock';
import { useStepNow } from './useAgenda';

interface Props {
  agenda: AgendaState;
  clock: ServerClock;
  /** `board` under the toolbar, `phone` under its top bar, `projector` large above the projected board. */
  variant: 'board' | 'phone' | 'projector';
  /** The facilitator's buttons, on the board page. */
  controls?: ReactNode;
}

/**
 * The running step for everyone: "Step 4 of 17 · Embedded software · Vote · 2:40 left" and what to do
 * now, counted on the server's clock so every screen shows the same second. Only this banner re-renders
 * each second. Screen readers hear the step when it changes, never the seconds
 * (the label is not a live region; a hidden status line without the time is).
 */
export function StepBanner({ agenda, clock, variant, controls }: Props) {
  const { steps, run } = agenda;
  const now = useStepNow(run, clock);
  const label = stepLabel(steps, run, now);
  if (!run || label === null) return null;
  if (run.status === 'finished') {
    // Finished stays in the document for the summary; the room's screen has better things to show.
    if (variant === 'projector') return null;
    return (
      <section className={`step-banner step-banner-${variant} is-finished`} aria-label="Agenda">
        <p className="step-label">{label}</p>
        {controls}
      </section>
    );
  }
  const at = currentStep(steps, run);
  const parts = label.split(' · ');
  const time = parts.pop()!;
  const [count, ...what] = parts;
  const over = stepOvertimeMs(run, now) > 0;
  const classes = ['step-banner', `step-banner-${variant}`];
  if (run.status === 'paused') classes.push('is-paused');
  if (over) classes.push('is-over');
  return (
    <section className={classes.join(' ')} aria-label="Agenda step" data-step-id={run.stepId}>
      <div className="step-text">
        <p className="step-label">
          <span className="step-count">{count}</span>
          {what.length > 0 && (
            <>
              <span className="step-sep"> · </span>
              <span className="step-what">{what.join(' · ')}</span>
            </>
          )}
          <span className="step-sep"> · </span>
          <span className="step-time">{time}</span>
        </p>
        {/* The words without the ticking seconds, said once per step. */}
        <p className="visually-hidden" role="status">
          {at ? `${count}: ${scopeName(at.step.scope)}, ${ACTIVITY_NAMES[at.step.activity]}` : count}
          {run.status === 'paused' ? ', paused' : ''}
        </p>
        {at && <p className="step-instruction">{stepInstruction(at.step)}</p>}
      </div>
      {controls}
    </section>
  );
}
