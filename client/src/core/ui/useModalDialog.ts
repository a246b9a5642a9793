import { useLayoutEffect, type RefObject } from 'react';

/**
 * Shows a <dialog> as a modal while the component is mounted: the page behind is inert and the keyboard
 * stays inside. When it goes, the keyboard goes back to the control that opened it, even when the
 * dialog is unmounted rather than closed (a removed dialog would leave the focus nowhere).
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    return () => {
      // A layout cleanup runs while the dialog is still in the page, so close() can hand focus back.
      element.close();
      if (opener?.isConnected && !element.contains(opener)) opener.focus();
    };
  }, [ref]);
}
