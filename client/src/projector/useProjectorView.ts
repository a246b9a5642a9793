import {
  useCallback,
  useEffect,
  useRef,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { focusRect, layerFrame, type Rect, type SessionSnapshot, type Zone } from '@shared';
import type { BoardConnection } from '../board/BoardConnection';
import { fitRect, type Viewport } from '../board/viewport';

/** What the projector shows, for the line that says so on screen. */
export type ProjectorShows = 'focus' | 'facilitator' | 'first-layer';

/** Room around a layer on the projector: small, since every pixel is type someone must read. */
const MARGIN = 12;

function rectKey(rect: Rect | null): string {
  return rect ? `${rect.x},${rect.y},${rect.w},${rect.h}` : '';
}

function parseRectKey(key: string): Rect | null {
  if (!key) return null;
  const [x, y, w, h] = key.split(',').map(Number) as [number, number, number, number];
  return { x, y, w, h };
}

/**
 * Steers the projector's view, which nobody at the screen drives: the focused layer or area while the
 * facilitator has set one; otherwise what the facilitator's tab shows (through presence's following);
 * with no facilitator, the first layer. A change of what is shown flies there; the facilitator's panning
 * and a change of screen size (going full screen) follow at once.
 */
export function useProjectorView(
  connection: BoardConnection,
  session: SessionSnapshot,
  zones: readonly Zone[],
  size: { width: number; height: number },
  setView: Dispatch<SetStateAction<Viewport>>,
  fly: (target: Viewport) => void,
): ProjectorShows {
  const { presence } = connection;
  const { follow } = presence;
  const focus = session.focus;
  const facilitatorId = session.facilitator?.id ?? null;

  useEffect(() => {
    if (!facilitatorId) return;
    follow.start({ userId: facilitatorId });
    return () => follow.stop();
  }, [facilitatorId, follow]);

  // A string snapshot: the facilitator's cursor moving (a new awareness state) re-renders nothing.
  const subscribe = useCallback(
    (listener: () => void) => {
      const offFollow = follow.subscribe(listener);
      const offViews = presence.subscribeViewports(listener);
      return () => {
        offFollow();
        offViews();
      };
    },
    [follow, presence],
  );
  const followKey = useSyncExternalStore(subscribe, () =>
    facilitatorId ? rectKey(follow.targetViewport()) : '',
  );

  const focused = focus ? focusRect(zones, focus) : null;
  const shows: ProjectorShows = focused ? 'focus' : followKey ? 'facilitator' : 'first-layer';
  const target = focused ?? parseRectKey(followKey) ?? layerFrame(0);
  const margin = shows === 'facilitator' ? 0 : MARGIN;
  // A new focus (even on the same layer) or another source is a new scene, worth a flight.
  const scene = shows === 'focus' ? `focus:${focus!.since}` : shows;

  const targetKey = rectKey(target);
  const lastScene = useRef<string | null>(null);
  useEffect(() => {
    if (zones.length === 0 || size.width === 0 || size.height === 0) return;
    const next = fitRect(parseRectKey(targetKey)!, size.width, size.height, margin);
    if (scene !== lastScene.current) fly(next);
    else setView(next);
    lastScene.current = scene;
  }, [scene, targetKey, margin, size, zones.length, fly, setView]);

  return shows;
}
