import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { fitRect, type Viewport } from '../board/viewport';
import type { PresenceStore } from '../presence/PresenceStore';
import { parsePresence, type PresenceState } from '../presence/presenceSchema';

/**
 * "Bring everyone here", on the receiving side: when the facilitator publishes a new summon (awareness
 * `summon: { id, at }`), this page stops following whoever it followed and moves once to what the
 * facilitator's tab shows (its awareness `viewport`). Summons that were already out when this page
 * joined, and summons from anyone but the facilitator, are ignored.
 */
export function useSummonReceiver(
  awareness: Awareness,
  presence: PresenceStore,
  facilitatorId: string | null,
  size: { width: number; height: number },
  fly: (target: Viewport) => void,
): void {
  const latest = useRef({ facilitatorId, size, fly });
  useEffect(() => {
    latest.current = { facilitatorId, size, fly };
  });

  useEffect(() => {
    const seen = new Map<number, string>();
    const read = (clientId: number): PresenceState | null =>
      clientId === awareness.clientID ? null : parsePresence(awareness.getStates().get(clientId));
    for (const clientId of awareness.getStates().keys()) {
      const summon = read(clientId)?.summon;
      if (summon) seen.set(clientId, summon.id);
    }
    const onChange = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
      for (const clientId of removed) seen.delete(clientId);
      // A tab that appears with a summon sent it before this page could see it: nothing to answer.
      for (const clientId of added) {
        const summon = read(clientId)?.summon;
        if (summon) seen.set(clientId, summon.id);
      }
      for (const clientId of updated) {
        const state = read(clientId);
        const summon = state?.summon;
        if (!state || !summon || seen.get(clientId) === summon.id) continue;
        seen.set(clientId, summon.id);
        const { facilitatorId: holder, size: screen, fly: move } = latest.current;
        if (state.user.id !== holder || !state.viewport || screen.width === 0) continue;
        presence.follow.stop();
        move(fitRect(state.viewport, screen.width, screen.height, 0));
      }
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, presence]);
}
