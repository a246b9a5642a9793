import { useEffect, useState, type RefObject } from 'react';

/**
 * An element's border-box size, updated as it resizes: the room's unit is taken from the whole box,
 * padding included, so that it does not depend on itself.
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) setSize({ width: box.inlineSize, height: box.blockSize });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
