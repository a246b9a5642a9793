import { useEffect, useState } from 'react';
import type { Editor } from '../core/editor/Editor';
import { containsPoint } from '../core/viewport/geometry';
import { isEditingKey } from '../core/editor/viewOnlyAttempt';
import { screenToBoard } from '../core/viewport/viewport';

/** How long the notice stays after the last attempt. */
const SHOWN_MS = 5_000;
/** How far a press on a note must move to be a drag. */
const DRAG_PX = 6;

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    !!target.closest('input, textarea, select, [contenteditable], [role="dialog"], button, a')
  );
}

/**
 * Tells a person on a view link, the moment they try to change the board (double-click, N, typing,
 * Delete, dragging a note), that this link only looks: their edits were never silently dropped without a
 * word. `canvas` is the element the board is drawn in.
 */
export function ViewOnlyNotice({
  editor,
  canvas,
}: {
  editor: Editor;
  canvas: React.RefObject<HTMLElement | null>;
}) {
  const [attempts, setAttempts] = useState(0);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    const { store } = editor.connection;
    // Each attempt shows the notice (again) at once; the timer below takes it away.
    const tried = () => {
      setAttempts((n) => n + 1);
      setShown(true);
    };
    const onCanvas = (e: Event) =>
      e.target instanceof Node && !!canvas.current?.contains(e.target) && !typingIn(e.target);
    const onKeyDown = (e: KeyboardEvent) => {
      if (!typingIn(e.target) && !e.repeat && isEditingKey(e)) tried();
    };
    const onDoubleClick = (e: MouseEvent) => {
      if (onCanvas(e)) tried();
    };
    let press: { x: number; y: number; id: number } | null = null;
    const onPointerDown = (e: PointerEvent) => {
      press = null;
      if (!onCanvas(e) || e.button !== 0 || !canvas.current) return;
      const box = canvas.current.getBoundingClientRect();
      const p = screenToBoard(editor.camera, { x: e.clientX - box.left, y: e.clientY - box.top });
      if (store.allNotes().some((n) => containsPoint(n, p)))
        press = { x: e.clientX, y: e.clientY, id: e.pointerId };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      if (Math.hypot(e.clientX - press.x, e.clientY - press.y) < DRAG_PX) return;
      press = null;
      tried();
    };
    const onPointerUp = () => (press = null);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('dblclick', onDoubleClick);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('pointermove', onPointerMove, true);
    window.addEventListener('pointerup', onPointerUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('dblclick', onDoubleClick);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('pointermove', onPointerMove, true);
      window.removeEventListener('pointerup', onPointerUp, true);
    };
  }, [editor, canvas]);

  // The notice stays a while after the last attempt.
  useEffect(() => {
    if (attempts === 0) return;
    const id = setTimeout(() => setShown(false), SHOWN_MS);
    return () => clearTimeout(id);
  }, [attempts]);

  return (
    <div className="view-only-notice-slot" role="status" aria-live="polite">
      {shown && (
        <p className="view-only-notice" data-attempts={attempts}>
          <strong>This is a view link:</strong> you can look around, but not change the board. Ask the
          facilitator for the edit link to add or move notes.
        </p>
      )}
    </div>
  );
}
