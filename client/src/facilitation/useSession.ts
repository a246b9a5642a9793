import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { boardMaps, readSession, type SessionSnapshot } from '@shared';

/**
 * The workshop session (facilitator, focus, timer, vote, silent mode) of a board document; re-renders
 * only when one of its values changes (readSession hands back the same snapshot until then).
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
  const get = useCallback(() => readSession(doc), [doc]);
  return useSyncExternalStore(subscribe, get);
}
