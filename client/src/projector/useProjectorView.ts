import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { SessionSnapshot, Zone } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { sizeOf, useEditorValue } from '../core/editor/useEditorValue';
import { fitRect } from '../core/viewport/viewport';
import { parseSceneKey, sceneKey, sceneOfFocus, sceneOfView, type RoomScene } from '../room/roomScene';

/** Why the projector shows what it shows, for the line that says so on screen. */
export type ProjectorShows = 'focus' | 'facilitator' | 'waiting';

export interface ProjectorView {
  shows: ProjectorShows;
  scene: RoomScene;
}

/**
 * Chooses the projector's scene, which nobody at the screen drives: the focused layer or area while the
 * facilitator has set one; otherwise what the facilitator's tab shows (through presence's following),
 * as the scene the room reads best (the whole board, a layer, an area, or the canvas at their view when
 * they look closer than an area or off the template); with no facilitator, the whole board. On the
 * canvas scene the view follows the facilitator's at once, panning and all.
 */
export function useProjectorView(
  editor: Editor,
  session: SessionSnapshot,
  zones: readonly Zone[],
): ProjectorView {
  const { presence } = editor.connection;
  const size = useEditorValue(editor, sizeOf);
  const { follow } = presence;
  const focus = session.focus;
  const facilitatorId = session.facilitator?.id ?? null;

  useEffect(() => {
    if (!facilitatorId) return;
    follow.start({ userId: facilitatorId });
    return () => follow.stop();
  }, [facilitatorId, follow]);

  // The scene's key as the snapshot: the facilitator's cursor moving, or panning within a layer,
  // re-renders nothing.
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
  const followed = useSyncExternalStore(subscribe, () => {
    const view = facilitatorId ? follow.targetViewport() : null;
    return view ? sceneKey(sceneOfView(view, zones)) : '';
  });

  const shows: ProjectorShows = focus ? 'focus' : followed ? 'facilitator' : 'waiting';
  const key = focus ? sceneKey(sceneOfFocus(focus)) : followed || 'overview';
  const scene = useMemo(() => parseSceneKey(key), [key]);

  useEffect(() => {
    if (scene.kind !== 'canvas' || size.width === 0 || size.height === 0) return;
    editor.setCamera(fitRect(scene.view, size.width, size.height, 0));
  }, [editor, scene, size]);

  return useMemo(() => ({ shows, scene }), [shows, scene]);
}
