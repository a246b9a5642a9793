import { useEffect, type RefObject } from 'react';
import type { Editor } from '../core/editor/Editor';

/**
 * Gives the editor the size of the element the board is drawn in, as it changes (a panel docks beside
 * it, a banner takes a row, the window is resized). The editor keeps in view what the person chose to
 * see, from the camera they last chose and the size it was chosen on, so closing the panels gives their
 * view back (see `Editor.setSize`).
 */
export function useCanvasSize(ref: RefObject<HTMLElement | null>, editor: Editor): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) editor.setSize(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, editor]);
}
