import { useMemo, useSyncExternalStore } from 'react';
import { Announcer } from '../editor/Announcer';
import type { BoardConnection } from '../connection/BoardConnection';

/**
 * The board page's announcer, one per connection. `now` is the server's clock (for the timer's end);
 * it is read when a timer starts, so the latest estimate is used.
 */
export function useAnnouncer(connection: BoardConnection, now: () => number): Announcer {
  return useMemo(() => {
    const { doc, origin, store, presence, provider } = connection;
    return new Announcer({ doc, origin, store, presence, synced: () => provider.synced }, () => now());
  }, [connection, now]);
}

/**
 * The one polite live region of the board page: screen readers say what the announcer says, after
 * what they are saying now. Always in the page (a live region added with its text is often not read).
 */
export function LiveRegion({ announcer }: { announcer: Announcer }) {
  const message = useSyncExternalStore(announcer.subscribe, announcer.getMessage);
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="announcer"
    >
      {message}
    </div>
  );
}
