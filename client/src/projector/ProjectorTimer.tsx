import type { TimerState } from '@shared';
import { MuteButton } from '../facilitation/MuteButton';
import type { ServerClock } from '../facilitation/ServerClock';
import { TimerDisplay } from '../facilitation/TimerDisplay';
import { useCountdown } from '../facilitation/useCountdown';
import { useTimerEndSignal } from '../facilitation/useTimerEndSignal';

/** The shared countdown, big enough to read from the back of the room; chimes at the end. */
export function ProjectorTimer({ timer, clock }: { timer: TimerState | null; clock: ServerClock }) {
  const remaining = useCountdown(timer, clock);
  const signal = useTimerEndSignal(timer, remaining, clock);
  if (!timer) return null;
  return (
    <div className="projector-timer">
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
