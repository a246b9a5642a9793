import { useEffect, useRef, useSyncExternalStore, type Dispatch, type SetStateAction } from 'react';
import { fitRect, type Viewport } from '../core/viewport/viewport';
import type { FollowState, FollowStore } from '../core/presence/FollowStore';
import type { PresenceStore } from '../core/presence/PresenceStore';
import { sameRect, type BoardRect } from '../core/presence/presenceSchema';

/** Whom this tab follows (null when nobody); re-renders only when that changes. */
export function useFollowState(follow: FollowStore): FollowState | null {
  return useSyncExternalStore(follow.subscribe, follow.getState);
}

/**
 * Applies following to the board page's view: shows what the followed person sees, fitted to this
 * screen, whenever their viewport changes; stops following as soon as the view changes any other way
 * (this person panned, zoomed, jumped to a layer or used the minimap).
 */
export function useFollowViewport(
  presence: PresenceStore,
  view: Viewport,
  setView: Dispatch<SetStateAction<Viewport>>,
  width: number,
  height: number,
): void {
  const { follow } = presence;
  const following = useFollowState(follow);
  const applied = useRef<{ view: Viewport; rect: BoardRect; width: number; height: number } | null>(null);

  // Any view this hook did not set is the person's own move: they take the wheel back.
  useEffect(() => {
    if (follow.getState() && applied.current?.view !== view) {
      applied.current = null;
      follow.stop();
    }
  }, [view, follow]);

  // Keyed by whom: switching straight from one person to another must move the view at once, even if the
  // new person sits still and sends nothing.
  const followedId = following?.userId ?? null;
  useEffect(() => {
    if (followedId === null || width === 0 || height === 0) {
      applied.current = null;
      return;
    }
    const apply = () => {
      const rect = follow.targetViewport();
      const last = applied.current;
      if (!rect || (last && sameRect(last.rect, rect) && last.width === width && last.height === height)) {
        return;
      }
      const next = fitRect(rect, width, height, 0);
      applied.current = { view: next, rect, width, height };
      setView(next);
    };
    apply();
    return presence.subscribeViewports(apply);
  }, [followedId, follow, presence, setView, width, height]);
}
