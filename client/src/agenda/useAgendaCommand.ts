import { useCallback, useState } from 'react';

/**
 * Runs an agenda command from a control and keeps its refusal to show (a command refuses with words
 * meant for people: "an agenda takes at most 12 hours; this one would take 790 minutes"). Returns
 * whether it ran.
 */
export function useAgendaCommand(): [error: string | null, run: (command: () => unknown) => boolean] {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((command: () => unknown) => {
    try {
      command();
      setError(null);
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(message.charAt(0).toUpperCase() + message.slice(1));
      return false;
    }
  }, []);
  return [error, run];
}
