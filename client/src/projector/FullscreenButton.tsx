import { useEffect, useState } from 'react';

/**
 * Puts the projector page full screen (browsers allow it only from a click). Hidden while full screen:
 * the room's screen shows no controls, and Escape leaves full screen as everywhere.
 */
export function FullscreenButton() {
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (full || !document.fullscreenEnabled) return null;
  return (
    <>
      <button
        type="button"
        className="projector-fullscreen"
        onClick={() => {
          setError(null);
          document.documentElement
            .requestFullscreen()
            .catch((e: Error) => setError(`Full screen was refused: ${e.message}`));
        }}
      >
        Full screen
      </button>
      {error && (
        <p className="projector-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
