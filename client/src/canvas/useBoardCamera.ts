import { useEffect } from 'react';
import { layerFrame } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { cameraOf, loadCamera, saveCamera, viewOf } from '../core/viewport/savedCamera';
import { fitRect } from '../core/viewport/viewport';

/** How long the camera rests before it is written down: a pan or zoom writes once, at its end. */
const SAVE_AFTER_MS = 300;

/**
 * Places the board page's first view once the template has arrived and the canvas has a size: where
 * this device last left this board, or else the first layer, fitted. Then keeps where the person looks
 * (after each move settles, and as the page goes away), so a reload comes back to the same place.
 */
export function useBoardCamera(editor: Editor, hasTemplate: boolean): void {
  const { boardId } = editor.connection;
  useEffect(() => {
    if (!hasTemplate) return;
    const sized = () => editor.size.width > 0 && editor.size.height > 0;
    const save = () => saveCamera(boardId, cameraOf(editor.camera, editor.size));
    let placed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saved = editor.camera;
    const onChange = () => {
      if (!sized()) return;
      if (!placed) {
        placed = true;
        const size = editor.size;
        const last = loadCamera(boardId);
        editor.setCamera(last ? viewOf(last, size) : fitRect(layerFrame(0), size.width, size.height));
        saved = editor.camera;
        return;
      }
      if (editor.camera === saved) return;
      saved = editor.camera;
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_AFTER_MS);
    };
    const flush = () => {
      clearTimeout(timer);
      if (placed && sized()) save();
    };
    onChange();
    const unsubscribe = editor.subscribe(onChange);
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [editor, boardId, hasTemplate]);
}
