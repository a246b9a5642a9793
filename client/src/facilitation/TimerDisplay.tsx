import './facilitation.css';
import type { TimerState } from '@shared';
import { describeCountdown, formatCountdown } from './timerFormat';

interface Props {
  timer: TimerState | null;
  remaining: number | null;
  /** True for a few seconds after the end: the display pulses (or, with reduced motion, glows). */
  pulsing?: boolean;
  /** How many ends this page signalled (for browser tests). */
  signals?: number;
  /** `large` on the projector. */
  size?: 'small' | 'large';
}

/** The shared countdown as everyone sees it: the same digits on every screen. */
export function TimerDisplay({ timer, remaining, pulsing = false, signals, size = 'small' }: Props) {
  if (!timer || remaining === null) return null;
  const paused = timer.status === 'paused';
  const ended = timer.status === 'running' && remaining === 0;
  const fraction = Math.min(1, remaining / timer.durationMs);
  const classes = ['timer-display', `timer-${size}`];
  if (paused) classes.push('is-paused');
  if (ended) classes.push('is-ended');
  if (pulsing) classes.push('is-pulsing');
  return (
    <div
      className={classes.join(' ')}
      role="timer"
      aria-label={`Timer: ${describeCountdown(remaining)}${paused ? ', paused' : ''}`}
      data-remaining-seconds={Math.ceil(remaining / 1000)}
      data-end-signals={signals}
    >
      <span className="timer-digits">{formatCountdown(remaining)}</span>
      {paused && <span className="timer-state">Paused</span>}
      {ended && <span className="timer-state">Time’s up</span>}
      <span className="timer-bar" aria-hidden>
        <span className="timer-bar-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
    </div>
  );
}
