import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * An element's border-box size, updated as it resizes. Read once before the first paint, so that a
 * scene's cards appear with it rather than a frame later; the room's unit is taken from the whole box,
 * padding included, so that it does not depend on itself.
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const set = (width: number, height: number) =>
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    const rect = element.getBoundingClientRect();
    set(rect.width, rect.height);
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) set(box.inlineSize, box.blockSize);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
