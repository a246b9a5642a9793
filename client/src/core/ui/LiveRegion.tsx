import { useSyncExternalStore } from 'react';
import type { Announcer } from '../editor/Announcer';

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
