/**
 * Keys that only look at the board (layers, fit, zoom, the coverage overlay, panning with space, moving
 * the focus): a person on a view link uses them freely. Any other printable key is an attempt to type.
 */
const LOOKING_KEYS = new Set(['0', '1', '2', '3', '4', '5', 'f', 'c', ' ', '+', '-', '=', '?']);

/** Editing keys that are not printable: add or edit (Enter), delete. */
const EDITING_KEYS = new Set(['Enter', 'Delete', 'Backspace']);

/** Ctrl/Cmd shortcuts that change the board: undo, redo, duplicate, paste, cut. */
const EDITING_CHORDS = new Set(['z', 'y', 'd', 'v', 'x']);

/**
 * Whether a key press on the board (not in a text field) is someone trying to change it: N for a new
 * note, Enter to edit, Delete, a kind key, undo or paste, or plain typing. Looking around is not.
 */
export function isEditingKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (e.ctrlKey || e.metaKey) return EDITING_CHORDS.has(e.key.toLowerCase());
  if (e.altKey) return false;
  if (EDITING_KEYS.has(e.key)) return true;
  return e.key.length === 1 && !LOOKING_KEYS.has(e.key.toLowerCase());
}
