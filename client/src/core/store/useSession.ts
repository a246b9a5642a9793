import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { boardMaps, readSession, type SessionSnapshot } from '@shared';

/**
 * A value of a board document's session map, as `read` makes it of the document; re-read whenever the
 * map changes. `read` must hand back the very same value until what it reads changes (shared's session
 * readers do), and be one function for the component's life, as useSyncExternalStore needs.
 */
export function useSessionValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const subscribe = useCallback(
    (listener: () => void) => {
      const { session } = boardMaps(doc);
      session.observe(listener);
      return () => session.unobserve(listener);
    },
    [doc],
  );
  const get = useCallback(() => read(doc), [doc, read]);
  return useSyncExternalStore(subscribe, get);
}

/**
 * The workshop session (facilitator, focus, timer, vote, silent mode) of a board document; re-renders
 * only when one of its values changes (readSession hands back the same snapshot until then).
 */
export function useSession(doc: Y.Doc): SessionSnapshot {
  return useSessionValue(doc, readSession);
}
