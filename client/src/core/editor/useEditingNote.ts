import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Which note's text is being edited, and the setter that opens or closes its editor. Opening renders
 * the editor at once, inside the double-click, key or button that asked for it, so its textarea has
 * the focus before the next key arrives: the browser hands input to the page ahead of React's next
 * render, and a key typed straight after a double-click used to reach the board's shortcuts (N added
 * another note) and was missing from the text.
 */
export function useEditingNote(): [string | null, (id: string | null) => void] {
  const [editingId, setEditingState] = useState<string | null>(null);
  const setEditingId = useCallback((id: string | null) => {
    if (id === null) setEditingState(null);
    else flushSync(() => setEditingState(id));
  }, []);
  return [editingId, setEditingId];
}
