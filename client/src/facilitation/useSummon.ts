import { useEffect, useRef } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { fitRect, type Viewport } from '../core/viewport/viewport';
import { watchSummons } from './summonWatch';

/**
 * Answers the facilitator's "bring everyone here" (the document's session `summon`, see watchSummons):
 * this page stops following whoever it followed and moves once to what the facilitator's screen showed.
 */
export function useSummonReceiver(
  connection: BoardConnection,
  size: { width: number; height: number },
  fly: (target: Viewport) => void,
): void {
  // One watch for the page's life: it remembers which summons it has seen and whether the page joined.
  const latest = useRef({ size, fly });
  useEffect(() => {
    latest.current = { size, fly };
  });

  useEffect(
    () =>
      watchSummons(connection.doc, connection.provider, connection.origin, (summon) => {
        const { size: screen, fly: move } = latest.current;
        if (screen.width === 0 || screen.height === 0) return;
        connection.presence.follow.stop();
        move(fitRect(summon.viewport, screen.width, screen.height, 0));
      }),
    [connection],
  );
}
