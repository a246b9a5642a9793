import { useEffect, useSyncExternalStore } from 'react';
import type { Camera, CanvasSize, Editor } from '../core/editor/Editor';
import { fitRect } from '../core/viewport/viewport';
import type { FollowState, FollowStore } from '../core/presence/FollowStore';
import type { PresenceStore } from '../core/presence/PresenceStore';
import { sameRect, type BoardRect } from '../core/presence/presenceSchema';

/** Whom this tab follows (null when nobody); re-renders only when that changes. */
export function useFollowState(follow: FollowStore): FollowState | null {
  return useSyncExternalStore(follow.subscribe, follow.getState);
}

/**
 * Applies following to the editor's camera: shows what the followed person sees, fitted to this screen,
 * whenever their viewport changes; stops following as soon as the camera moves any other way (this
 * person panned, zoomed, jumped to a layer or used the minimap). A resize of the canvas is not a move of
 * theirs: the followed view is fitted to the new size.
 */
export function useFollowViewport(presence: PresenceStore, editor: Editor): void {
  const { follow } = presence;
  const following = useFollowState(follow);

  // Keyed by whom: switching straight from one person to another must move the camera at once, even if
  // the new person sits still and sends nothing.
  const followedId = following?.userId ?? null;
  useEffect(() => {
    if (followedId === null) return;
    let applied: { camera: Camera; rect: BoardRect; size: CanvasSize } | null = null;
    let seen = { camera: editor.camera, size: editor.size };
    const apply = () => {
      const rect = follow.targetViewport();
      const size = editor.size;
      if (!rect || size.width === 0 || size.height === 0) return;
      if (applied && sameRect(applied.rect, rect) && applied.size === size) return;
      const camera = fitRect(rect, size.width, size.height, 0);
      applied = { camera, rect, size };
      editor.setCamera(camera);
      seen = { camera: editor.camera, size };
    };
    const onEditor = () => {
      const { camera, size } = editor;
      if (camera === seen.camera && size === seen.size) return;
      const resized = size !== seen.size;
      seen = { camera, size };
      if (resized) apply();
      // Any camera this hook did not set is the person's own move: they take the wheel back.
      else if (camera !== applied?.camera) follow.stop();
    };
    apply();
    const offViewports = presence.subscribeViewports(apply);
    const offEditor = editor.subscribe(onEditor);
    return () => {
      offViewports();
      offEditor();
    };
  }, [followedId, follow, presence, editor]);
}
