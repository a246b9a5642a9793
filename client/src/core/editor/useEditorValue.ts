import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Editor } from './Editor';

/**
 * One slice of the editor's state, for a component that draws it. The component re-renders only when
 * the slice changes by `equal` (Object.is unless given): a component that needs the scale band reads
 * the band, not the camera, and stays still during a pan.
 */
export function useEditorValue<T>(
  editor: Editor,
  selector: (editor: Editor) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  // The last slice handed out: returned again while equal, so useSyncExternalStore sees a stable value.
  const last = useRef<{ value: T } | null>(null);
  const getSnapshot = useCallback(() => {
    const value = selector(editor);
    const previous = last.current;
    if (previous && equal(previous.value, value)) return previous.value;
    last.current = { value };
    return value;
  }, [editor, selector, equal]);
  return useSyncExternalStore(editor.subscribe, getSnapshot, getSnapshot);
}

// Selectors used in many places, defined once so their identity is stable.
export const selectionOf = (editor: Editor): ReadonlySet<string> => editor.selection;
export const editingOf = (editor: Editor): string | null => editor.editingId;
export const selectedLinkOf = (editor: Editor): string | null => editor.selectedLinkId;
export const sizeOf = (editor: Editor) => editor.size;
export const cameraOf = (editor: Editor) => editor.camera;
export const scaleOf = (editor: Editor): number => editor.camera.scale;
export const actionsOf = (editor: Editor) => editor.actions;
export const readOnlyOf = (editor: Editor): boolean => editor.readOnly;
/** Whether the canvas has a size yet (nothing can be framed before). */
export const hasSizeOf = (editor: Editor): boolean => editor.size.width > 0 && editor.size.height > 0;
