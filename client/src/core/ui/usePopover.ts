import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';

/** What a panel focuses first when it opens, unless it names something else. */
const FIRST_CONTROL = 'button, select, input';

/**
 * The opening side of a popover (a panel or dialog opened from a button in the top bar): whether it is
 * open, and a `close` that gives the focus back to the button, so a keyboard user goes on from where they
 * opened it.
 */
export function usePopover<T extends HTMLElement = HTMLButtonElement>() {
  const [open, setOpen] = useState(false);
  const trigger = useRef<T>(null);
  const show = useCallback(() => setOpen(true), []);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  const close = useCallback(() => {
    setOpen(false);
    trigger.current?.focus();
  }, []);
  /** Props for the button that opens the panel with id `panelId` (a dialog). */
  const triggerProps = (panelId: string) => ({
    ref: trigger,
    'aria-haspopup': 'dialog' as const,
    'aria-expanded': open,
    'aria-controls': open ? panelId : undefined,
    onClick: toggle,
    // Enter and Space belong to the button here, not to the board's shortcuts on window.
    onKeyDown: (e: ReactKeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
    },
  });
  return { open, show, toggle, close, trigger, triggerProps };
}

/**
 * The panel side of a popover: its first control (`firstControl`, a selector) takes the focus when it
 * opens; Escape closes it wherever the focus is, unless another field outside it is being edited; keys
 * pressed inside work its controls and never reach the board's shortcuts. Spread the result on the
 * panel's element.
 */
export function usePopoverPanel(onClose: () => void, firstControl: string = FIRST_CONTROL) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(firstControl)?.focus();
  }, [firstControl]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      const inside = target ? ref.current?.contains(target) : false;
      if (!inside && target?.closest('input, textarea, [contenteditable="true"]')) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
    e.stopPropagation();
  };
  return { ref, onKeyDown };
}
