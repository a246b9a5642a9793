import { useEffect, useState } from 'react';
import type { Camera, Editor } from '../core/editor/Editor';

/** Notes this far (in screen pixels) outside the view are drawn too, so a quick pan shows no gap. */
export const CULL_MARGIN = 200;

/**
 * Whether two cameras pick the same notes and detail: the camera moved less than half the cull margin
 * on screen and zoomed less than about 9 %.
 */
export function sameDetail(a: Camera, b: Camera): boolean {
  const step = CULL_MARGIN / 2;
  return (
    Math.round(Math.log2(a.scale) * 8) === Math.round(Math.log2(b.scale) * 8) &&
    Math.floor(a.x / step) === Math.floor(b.x / step) &&
    Math.floor(a.y / step) === Math.floor(b.y / step)
  );
}

/**
 * The camera the canvas culls and picks detail by: the editor's, taken at most once per animation frame
 * and only when it would pick other notes (`sameDetail`). The stage itself follows every camera change
 * at once, and the batch shape culls by the stage when it draws, so a pan or zoom re-renders React a few
 * times, never once per wheel event.
 */
export function useDetailCamera(editor: Editor): Camera {
  const [camera, setCamera] = useState(editor.camera);
  useEffect(() => {
    let frame: number | null = null;
    const take = () => {
      frame = null;
      setCamera((current) => (sameDetail(current, editor.camera) ? current : editor.camera));
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(take);
    };
    schedule();
    const unsubscribe = editor.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [editor]);
  return camera;
}
