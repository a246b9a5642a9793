import { useCallback, useState } from 'react';

/**
 * Runs a session command from a button and keeps its error to show beside the controls: a command
 * refuses bad input (a timer over 4 hours, say) with a message meant for people.
 */
export function useCommand(): [error: string | null, run: (command: () => unknown) => void] {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((command: () => unknown) => {
    try {
      command();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  return [error, run];
}
