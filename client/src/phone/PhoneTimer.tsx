import type { TimerState } from '@shared';
import type { ServerClock } from '../core/clock/ServerClock';
import { TimerDisplay } from '../facilitation/TimerDisplay';
import { useCountdown } from '../facilitation/useCountdown';
import { useTimerEndSignal } from '../facilitation/useTimerEndSignal';

/**
 * The workshop timer in the phone's top bar: the same countdown as every other screen (by the server's
 * clock), and the same gentle chime and pulse when it runs out.
 */
export function PhoneTimer({ timer, clock }: { timer: TimerState | null; clock: ServerClock }) {
  const remaining = useCountdown(timer, clock);
  const signal = useTimerEndSignal(timer, remaining, clock);
  return <TimerDisplay timer={timer} remaining={remaining} pulsing={signal.pulsing} signals={signal.count} />;
}
