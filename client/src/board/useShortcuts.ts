import { useEffect } from 'react';
import { NOTE_KINDS } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import type { Editor } from '../core/editor/Editor';

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable]');
}

const CONTROLS =
  'button, a[href], summary, [role="button"], [role="menuitem"], [role="tab"], [role="checkbox"], [role="switch"], [role="option"]';

/**
 * Enter and Space on a button or link that has the keyboard's focus press it; they are not the board's
 * shortcuts then. A button merely left focused by a mouse click (not `:focus-visible`) does not take
 * them: holding Space to pan right after clicking "Zoom in" must still pan.
 */
function pressingControl(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  const control = e.target instanceof HTMLElement ? e.target.closest(CONTROLS) : null;
  return control !== null && e.target instanceof HTMLElement && e.target.matches(':focus-visible');
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The board's keyboard shortcuts and clipboard, running the editor's commands (as routed when the key
 * comes). The space bar held down tells the editor (space + drag pans, as in most whiteboards).
 * `onWholeBoard` is what 0 does (the readable overview); without it, 0 fits the whole board on the canvas.
 */
export function useShortcuts(editor: Editor, enabled: boolean, onWholeBoard?: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingIn(e.target) || pressingControl(e)) return;
      const { actions } = editor;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (e.key === ' ') return run(() => editor.setSpaceHeld(true));
      if (mod && key === 'z') return run(() => (e.shiftKey ? actions.redo() : actions.undo()));
      if (mod && key === 'y') return run(() => actions.redo());
      if (mod && key === 'd') return run(() => actions.duplicate());
      if (mod && key === 'a') return run(() => actions.selectAll());
      if (mod || e.altKey) return;
      if (e.key === 'Delete' || e.key === 'Backspace') return run(() => actions.deleteSelection());
      if (e.key === 'Escape') return run(() => actions.clearSelection());
      if (e.key === 'Enter') return run(() => actions.editSelected());
      const arrow = ARROWS[e.key];
      if (arrow) return run(() => actions.nudge(arrow[0], arrow[1], e.shiftKey));
      if (/^[1-5]$/.test(e.key)) return run(() => actions.fitLayer(Number(e.key) - 1));
      if (e.key === '0') return run(() => (onWholeBoard ? onWholeBoard() : actions.fitBoard()));
      if (key === 'f') return run(() => actions.fitSelection());
      if (key === 'n') return run(() => actions.addNoteHere());
      if (e.key === ']') return run(() => actions.bringToFront());
      if (e.key === '[') return run(() => actions.sendToBack());
      const kind = NOTE_KINDS.find((k) => KIND_STYLE[k].key === key);
      if (kind) return run(() => actions.setKind(kind));
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') editor.setSpaceHeld(false);
    };
    const onBlur = () => editor.setSpaceHeld(false);
    // Copy, cut and paste act on the board unless a text field has the focus; the board's own data
    // replaces the browser's default only when there was something to copy or paste.
    const onClipboard = (act: (data: DataTransfer) => boolean) => (e: ClipboardEvent) => {
      if (!typingIn(e.target) && e.clipboardData && act(e.clipboardData)) e.preventDefault();
    };
    const onCopy = onClipboard((data) => editor.actions.copy(data, false));
    const onCut = onClipboard((data) => editor.actions.copy(data, true));
    const onPaste = onClipboard((data) => editor.actions.paste(data));
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, enabled, onWholeBoard]);
}
