import { useEffect } from 'react';

/** How many of the last focused elements are remembered, to find one still in the page. */
const HISTORY = 12;
/** A loss of focus this soon after a press of the pointer is the pointer's doing, not a closed panel's. */
const POINTER_GRACE_MS = 600;

/** Whether the keyboard could be given to `el` now: in the page, shown, not inert, not disabled. */
export function canTakeFocus(el: HTMLElement): boolean {
  if (!el.isConnected || el.closest('[inert], [hidden]')) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  return el.getClientRects().length > 0;
}

/**
 * The element the keyboard goes back to when it has fallen to the page's body: the most recently
 * focused one that can still take it (the button that opened a panel, the canvas), else `fallback`.
 */
export function focusReturnTarget(
  history: readonly HTMLElement[],
  fallback: HTMLElement | null,
  usable: (el: HTMLElement) => boolean = canTakeFocus,
): HTMLElement | null {
  for (let i = history.length - 1; i >= 0; i--) {
    if (usable(history[i]!)) return history[i]!;
  }
  return fallback && usable(fallback) ? fallback : null;
}

/** Whether the focus fell to the body because the element that had it last can no longer take it. */
export function focusWasTaken(
  history: readonly HTMLElement[],
  usable: (el: HTMLElement) => boolean = canTakeFocus,
): boolean {
  const last = history[history.length - 1];
  return last !== undefined && !usable(last);
}

/**
 * Keeps the keyboard's focus from falling to the page's body on the board page. A panel, popover,
 * dialog or button that goes away while it has the focus (joining, starting or revealing a vote,
 * dropping a card, closing the Gaps panel or Share, a closed note editor) leaves the focus nowhere,
 * and a keyboard user starts again from the top of the page. When that happens, the focus goes back
 * to the last element that had it and is still there (the control that opened what closed), else to
 * `fallback` (the canvas). A press of the pointer that leaves the focus on the body is left alone:
 * clicking the canvas is not a keyboard user's way.
 */
export function useFocusKeeper(fallback: () => HTMLElement | null): void {
  useEffect(() => {
    const history: HTMLElement[] = [];
    let pointerAt = -Infinity;
    let pending = false;
    const onFocusIn = (e: FocusEvent) => {
      if (!(e.target instanceof HTMLElement) || e.target === document.body) return;
      const at = history.indexOf(e.target);
      if (at >= 0) history.splice(at, 1);
      history.push(e.target);
      if (history.length > HISTORY) history.shift();
    };
    const onPointerDown = () => (pointerAt = performance.now());
    const check = () => {
      pending = false;
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost || performance.now() - pointerAt < POINTER_GRACE_MS || !document.hasFocus()) return;
      // Only a focus taken away counts: the element that last had it went (removed, hidden, inert,
      // disabled). A page that has just opened, or a person who clicked nowhere, has the focus on the
      // body by their own doing, and moving it then (to the canvas, which selects a note and brings it
      // into view) would move their board under them.
      if (!focusWasTaken(history)) return;
      focusReturnTarget(history, fallback())?.focus({ preventScroll: true });
    };
    // After the change that lost the focus has settled (React may render the panel's opener again).
    const later = () => {
      if (pending) return;
      pending = true;
      setTimeout(check, 0);
    };
    const observer = new MutationObserver(later);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['hidden', 'inert', 'disabled'],
    });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', later);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', later);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [fallback]);
}
