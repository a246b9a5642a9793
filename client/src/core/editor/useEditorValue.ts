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
