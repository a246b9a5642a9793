import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
} from 'react';
import { flushSync } from 'react-dom';
import { keepViewOnResize, type Viewport } from '../core/viewport/viewport';

type Size = { width: number; height: number };

/**
 * The size of the element the board is drawn in. When it changes (a panel docks beside it, a banner
 * takes a row, the window is resized) the view follows, from the view the person last chose and the
 * size it was chosen on: what they chose to see stays in view however panels open and close, and
 * closing the panels gives their view back (it never creeps out one resize after another).
 */
export function useCanvasSize(
  ref: RefObject<HTMLElement | null>,
  view: Viewport,
  setView: Dispatch<SetStateAction<Viewport>>,
): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  // The view the person chose (by any move of theirs, or a flight they asked for) and the canvas size
  // it was chosen on; and the view this hook set after a resize, which is not a choice.
  const chosen = useRef<{ view: Viewport; size: Size } | null>(null);
  const followed = useRef<Viewport | null>(null);
  useLayoutEffect(() => {
    if (size.width === 0 || size.height === 0 || view === followed.current) return;
    chosen.current = { view, size };
  }, [view, size]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next = { width: entry.contentRect.width, height: entry.contentRect.height };
      // Rendered at once: until React has drawn the new size, an action run meanwhile (a key fitting a
      // layer as a panel docks) would read the old size from the last render and fit the old canvas.
      flushSync(() => {
        setSize((last) => (last.width === next.width && last.height === next.height ? last : next));
        const from = chosen.current;
        if (!from || next.width === 0 || next.height === 0) return;
        const kept = keepViewOnResize(from.view, from.size, next);
        followed.current = kept;
        setView(kept);
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, setView]);
  return size;
}
