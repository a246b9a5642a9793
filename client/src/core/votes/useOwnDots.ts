import { useCallback, useSyncExternalStore } from 'react';
import type { BallotStore } from './BallotStore';

const noSubscription = () => () => {};

/**
 * This person's dots on one note, from their ballot (0 without one). A note's decoration re-renders
 * when its own count changes, never for a dot on another note.
 */
export function useOwnDots(ballot: BallotStore | null, noteId: string): number {
  const get = useCallback(() => ballot?.dotsOn(noteId) ?? 0, [ballot, noteId]);
  return useSyncExternalStore(ballot ? ballot.subscribe : noSubscription, get);
}
