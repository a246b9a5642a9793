import type { CSSProperties } from 'react';
import type { TimerState } from '@shared';
import { MuteButton } from '../facilitation/MuteButton';
import type { ServerClock } from '../core/clock/ServerClock';
import { TimerDisplay } from '../facilitation/TimerDisplay';
import { formatCountdown } from '../facilitation/timerFormat';
import { useCountdown } from '../facilitation/useCountdown';
import { useTimerEndSignal } from '../facilitation/useTimerEndSignal';

/**
 * The shared countdown, big enough to read from the back of the room; chimes at the end. The mute button
 * sits at the end of the progress bar, so that the digits have the rail's whole width.
 */
export function ProjectorTimer({ timer, clock }: { timer: TimerState | null; clock: ServerClock }) {
  const remaining = useCountdown(timer, clock);
  const signal = useTimerEndSignal(timer, remaining, clock);
  if (!timer || remaining === null) return null;
  // The digits are sized to fit "10:00" in the rail, and smaller only for an hour or more.
  const chars = Math.max(5, formatCountdown(remaining).length);
  return (
    <div className="projector-timer" style={{ '--timer-chars': chars } as CSSProperties}>
      <TimerDisplay
        timer={timer}
        remaining={remaining}
        pulsing={signal.pulsing}
        signals={signal.count}
        size="large"
      />
      <MuteButton />
    </div>
  );
}
