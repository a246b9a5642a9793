import { useSyncExternalStore } from 'react';
import type { Participant } from './participants';
import type { PresenceStore } from './PresenceStore';

/** Everyone on the board this session, one entry per person; cursor traffic never re-renders it. */
export function useParticipants(presence: PresenceStore): readonly Participant[] {
  return useSyncExternalStore(presence.subscribeParticipants, presence.getParticipants);
}
