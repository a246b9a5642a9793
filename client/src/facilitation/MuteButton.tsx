import { setChimeMuted } from './chime';
import { useChimeMuted } from './useTimerEndSignal';

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden focusable="false">
      <path
        d="M12 3a5 5 0 0 0-5 5v3.6L5.3 15a1 1 0 0 0 .9 1.5h11.6a1 1 0 0 0 .9-1.5L17 11.6V8a5 5 0 0 0-5-5Zm-2 15a2 2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      {muted && <path d="M4 4l16 16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  );
}

/** Turns the timer's end chime off or on for this device; the visual signal stays either way. */
export function MuteButton() {
  const muted = useChimeMuted();
  return (
    <button
      type="button"
      className="icon timer-mute"
      aria-pressed={muted}
      aria-label="Mute the end chime on this device"
      title={muted ? 'The end chime is muted on this device' : 'Mute the end chime on this device'}
      onClick={() => setChimeMuted(!muted)}
    >
      <BellIcon muted={muted} />
    </button>
  );
}
