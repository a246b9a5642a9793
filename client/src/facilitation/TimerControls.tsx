import { useId, useState, type FormEvent } from 'react';
import {
  addTimerMinute,
  clearTimer,
  pauseTimer,
  resetTimer,
  resumeTimer,
  startTimer,
  timerRemainingMs,
} from '@shared';
import { parseMinutes } from './timerFormat';
import type { Facilitation } from './useFacilitation';
import { useCommand } from './useCommand';

const PRESETS = [1, 3, 5, 10];

/** The facilitator's timer: start (presets or custom minutes), pause and resume, one more minute, reset. */
export function TimerControls({ facilitation }: { facilitation: Facilitation }) {
  const { connection, session, clock, me } = facilitation;
  const { doc, origin } = connection;
  const ids = useId();
  const [minutes, setMinutes] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [error, run] = useCommand();
  const timer = session.timer;

  const start = (ms: number) => run(() => startTimer(doc, ms, me.id, origin, clock.now()));
  const startCustom = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMinutes(minutes);
    setInputError(parsed.ok ? null : parsed.error);
    if (parsed.ok) start(parsed.ms);
  };
  const finished = timer?.status === 'running' && timerRemainingMs(timer, clock.now()) === 0;

  return (
    <section className="facilitate-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Timer</h3>
      <div className="facilitate-row" role="group" aria-label="Start a timer">
        {PRESETS.map((m) => (
          <button key={m} type="button" onClick={() => start(m * 60_000)}>
            {m} min
          </button>
        ))}
      </div>
      <form className="facilitate-row" onSubmit={startCustom} noValidate>
        <div className="facilitate-field">
          <label htmlFor={`${ids}-minutes`}>Minutes</label>
          <input
            id={`${ids}-minutes`}
            className="timer-minutes"
            inputMode="decimal"
            placeholder="e.g. 7 or 2:30"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? `${ids}-minutes-error` : undefined}
          />
        </div>
        <button type="submit">Start</button>
      </form>
      {inputError && (
        <p className="error" id={`${ids}-minutes-error`} role="alert">
          {inputError}
        </p>
      )}
      {timer && (
        <div className="facilitate-row" role="group" aria-label="Running timer">
          {timer.status === 'running' ? (
            <button
              type="button"
              disabled={finished}
              onClick={() => run(() => pauseTimer(doc, origin, clock.now()))}
            >
              Pause
            </button>
          ) : (
            <button
              type="button"
              disabled={timer.remainingMs === 0}
              onClick={() => run(() => resumeTimer(doc, origin, clock.now()))}
            >
              Resume
            </button>
          )}
          <button type="button" onClick={() => run(() => addTimerMinute(doc, origin, clock.now()))}>
            +1 min
          </button>
          <button type="button" onClick={() => run(() => resetTimer(doc, origin))}>
            Reset
          </button>
          <button type="button" onClick={() => run(() => clearTimer(doc, origin))}>
            Remove
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
