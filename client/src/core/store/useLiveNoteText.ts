import { useEffect, useLayoutEffect, useRef, type ChangeEvent } from 'react';
import type * as Y from 'yjs';
import { editNoteText } from '@shared';
import type { BoardStore } from './BoardStore';
import { useNote } from './useBoardStore';

/** Where a note lives: the board, or the person's private document while silent brainstorming. */
export interface NoteSource {
  doc: Y.Doc;
  store: BoardStore;
  /** The origin of this person's changes there (the one its undo manager tracks). */
  origin: unknown;
}

/** Moves a caret position through a remote text change, so remote typing never jumps the local caret. */
export function transformIndex(index: number, delta: Y.YTextEvent['delta']): number {
  let pos = 0;
  let result = index;
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain;
    else if (typeof op.insert === 'string') {
      if (pos <= index) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete !== undefined) {
      if (pos < index) result -= Math.min(op.delete, index - pos);
    }
  }
  return Math.max(0, result);
}

/**
 * Binds a textarea to a note's Y.Text, for editing the text live: the textarea starts with the note's
 * text, each change goes through editNoteText (so two people typing in one note merge character by
 * character), and the others' typing shows without moving this person's caret. Calls `onGone` when
 * someone deletes the note meanwhile: nothing is left to edit. Returns the note (undefined once gone)
 * and the textarea's `ref` and `onChange`.
 */
export function useLiveNoteText(source: NoteSource, id: string, onGone: () => void) {
  const { doc, store, origin } = source;
  const note = useNote(store, id);
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.value = store.getNote(id)?.text ?? '';
  }, [id, store]);

  useEffect(() => {
    const text = store.noteText(id);
    if (!text) return;
    const onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const area = ref.current;
      if (!area || tr.origin === origin) return;
      const start = transformIndex(area.selectionStart, event.delta);
      const end = transformIndex(area.selectionEnd, event.delta);
      area.value = text.toString();
      area.setSelectionRange(start, end);
    };
    text.observe(onRemote);
    return () => text.unobserve(onRemote);
  }, [id, origin, store]);

  useEffect(() => {
    if (!note) onGone();
  }, [note, onGone]);

  const onChange = (e: ChangeEvent<HTMLTextAreaElement>) =>
    editNoteText(doc, id, e.currentTarget.value, origin);
  return { note, ref, onChange };
}
