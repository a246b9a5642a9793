import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { boardMaps, readSession, type SessionSnapshot } from '@shared';

/**
 * The workshop session (facilitator, focus, timer, vote, silent mode) of a board document. readSession
 * hands back the same snapshot until a value changes, so this re-renders only on a real change.
 */
export function useSession(doc: Y.Doc): SessionSnapshot {
  const subscribe = useCallback(
    (listener: () => void) => {
      const { session } = boardMaps(doc);
      session.observe(listener);
      return () => session.unobserve(listener);
    },
    [doc],
  );
  const read = useCallback(() => readSession(doc), [doc]);
  return useSyncExternalStore(subscribe, read);
}
