import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * The agenda panel's keys. Like every popover, Escape closes it from anywhere and the keys pressed in
 * it never reach the board's shortcuts (on window); unlike usePopoverPanel, it lets them reach the
 * document first, where dnd-kit's keyboard sensor listens while a step is picked up: this listener,
 * added when the panel opens, runs before dnd-kit's on the same node, so stopping propagation here
 * keeps the keys from window without hiding them from dnd-kit. While a step is picked up, Escape puts
 * it back (dnd-kit) and leaves the panel open.
 */
export function usePanelKeys(
  ref: RefObject<HTMLElement | null>,
  onClose: () => void,
): { setDragging: (dragging: boolean) => void } {
  const dragging = useRef(false);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not(.icon), select, input')?.focus();
  }, [ref]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const inside = !!target && !!ref.current?.contains(target);
      if (inside) e.stopPropagation();
      if (e.key !== 'Escape' || e.defaultPrevented || dragging.current) return;
      if (!inside && target?.closest('input, textarea, [contenteditable="true"]')) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ref, onClose]);
  const setDragging = useCallback((on: boolean) => {
    dragging.current = on;
  }, []);
  return { setDragging };
}
