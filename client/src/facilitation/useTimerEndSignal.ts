import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TimerState } from '@shared';
import { isChimeMuted, playChime, readyAudioOnFirstGesture, subscribeChimeMuted } from './chime';
import type { ServerClock } from '../core/clock/ServerClock';
import { endToSignal } from './timerSignal';

/** How long the visual pulse lasts. */
const PULSE_MS = 4_000;

export interface TimerEndSignal {
  /** True for a few seconds after the timer ran out. */
  pulsing: boolean;
  /** How many ends this page has signalled: browser tests read it. */
  count: number;
}

/**
 * The gentle end-of-timer signal: a soft chime (unless muted on this device) and a visual pulse, once per
 * end. Mount it once per page, next to the countdown it watches.
 */
export function useTimerEndSignal(
  timer: TimerState | null,
  remaining: number | null,
  clock: ServerClock,
): TimerEndSignal {
  const [signalled, setSignalled] = useState<{ end: number | null; count: number }>({
    end: null,
    count: 0,
  });
  const [pulsing, setPulsing] = useState(false);
  // The end of the run this page saw with time left: only that end is this page's to signal.
  const watched = useRef<number | null>(null);
  useEffect(() => readyAudioOnFirstGesture(), []);
  useEffect(() => {
    if (timer?.status === 'running' && remaining !== null && remaining > 0) watched.current = timer.endsAt;
    const end = endToSignal(timer, clock.now(), signalled.end, watched.current);
    if (end === null) return;
    if (!isChimeMuted()) playChime();
    // The end is a moment in time outside React: this effect notices it (the countdown re-renders at
    // 0:00) and records it, so that it is signalled once.
    setSignalled((s) => ({ end, count: s.count + 1 }));
    setPulsing(true);
  }, [timer, remaining, clock, signalled.end]);
  useEffect(() => {
    if (!pulsing) return;
    const id = setTimeout(() => setPulsing(false), PULSE_MS);
    return () => clearTimeout(id);
  }, [pulsing, signalled.count]);
  return { pulsing, count: signalled.count };
}

/** Whether this device keeps the chime quiet; re-renders when that changes. */
export function useChimeMuted(): boolean {
  return useSyncExternalStore(subscribeChimeMuted, isChimeMuted);
}
