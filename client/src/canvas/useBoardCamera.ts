import { useEffect, useLayoutEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { layerFrame } from '@shared';
import { cameraOf, loadCamera, saveCamera, viewOf } from '../core/viewport/savedCamera';
import { fitRect, type Viewport } from '../core/viewport/viewport';

/** How long the view rests before it is written down: a pan or zoom writes once, at its end. */
const SAVE_AFTER_MS = 300;

/**
 * Places the board page's first view once the template has arrived and the canvas has a size: where
 * this device last left this board, or else the first layer, fitted. Then keeps where the person looks
 * (after each move settles, and as the page goes away), so a reload comes back to the same place.
 */
export function useBoardCamera(
  boardId: string,
  view: Viewport,
  setView: Dispatch<SetStateAction<Viewport>>,
  size: { width: number; height: number },
  hasTemplate: boolean,
): void {
  const [placed, setPlaced] = useState(false);
  useEffect(() => {
    if (placed || !hasTemplate || size.width === 0 || size.height === 0) return;
    const saved = loadCamera(boardId);
    setView(saved ? viewOf(saved, size) : fitRect(layerFrame(0), size.width, size.height));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- placed once, when the canvas has a size
    setPlaced(true);
  }, [placed, hasTemplate, size, boardId, setView]);

  const latest = useRef({ view, size, placed });
  useLayoutEffect(() => {
    latest.current = { view, size, placed };
  });
  useEffect(() => {
    if (!placed || size.width === 0 || size.height === 0) return;
    const id = setTimeout(() => saveCamera(boardId, cameraOf(view, size)), SAVE_AFTER_MS);
    return () => clearTimeout(id);
  }, [boardId, view, size, placed]);
  useEffect(() => {
    const flush = () => {
      const { view: v, size: s, placed: p } = latest.current;
      if (p && s.width > 0 && s.height > 0) saveCamera(boardId, cameraOf(v, s));
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [boardId]);
}
