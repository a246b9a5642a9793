import './facilitation.css';
import { setFocus } from '@shared';
import { focusLabel } from './focusLabel';
import { MuteButton } from './MuteButton';
import { TimerDisplay } from './TimerDisplay';
import { useCountdown } from './useCountdown';
import type { Facilitation } from './useFacilitation';
import { useTimerEndSignal } from './useTimerEndSignal';

/**
 * What the facilitator has set, in the bar under the canvas for everyone: the focus ("Focus: Cloud
 * platform · Security", which its facilitator can lift) and the shared countdown with its end signal.
 * Only this small strip re-renders each second.
 */
export function SessionStrip({ facilitation }: { facilitation: Facilitation }) {
  const { session, clock, isFacilitator, connection } = facilitation;
  const { focus, timer } = session;
  const remaining = useCountdown(timer, clock);
  const signal = useTimerEndSignal(timer, remaining, clock);
  const ended = timer?.status === 'running' && remaining === 0;
  return (
    <div className="session-strip">
      {focus && (
        <div className="session-chip focus-indicator" role="status" title={`Focus: ${focusLabel(focus)}`}>
          <span className="session-chip-label">Focus:</span> <strong>{focusLabel(focus)}</strong>
          {isFacilitator && (
            <button
              type="button"
              className="icon"
              aria-label="Clear focus"
              title="Clear focus"
              onClick={() => setFocus(connection.doc, null, connection.origin, 0)}
            >
              ×
            </button>
          )}
        </div>
      )}
      {timer && remaining !== null && (
        <div className="session-chip timer-chip">
          <TimerDisplay timer={timer} remaining={remaining} pulsing={signal.pulsing} signals={signal.count} />
          <MuteButton />
        </div>
      )}
      <span className="visually-hidden" role="status">
        {ended ? 'Time is up' : ''}
      </span>
    </div>
  );
}
