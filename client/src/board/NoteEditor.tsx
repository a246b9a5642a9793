import { useEffect, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { editNoteText, noteFill } from '@shared';
import type { BoardConnection } from './BoardConnection';
import { fitFontSize, NOTE_FOOTER, NOTE_HEADER, NOTE_PAD } from './textFit';
import { FONT } from './theme';
import { useNote } from './useBoardStore';
import type { Viewport } from './viewport';

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
 * Edits a note's text in place: a textarea over the note, bound to its Y.Text through editNoteText so
 * that two people typing in one note merge character by character.
 */
export function NoteEditor({
  connection,
  id,
  view,
  onDone,
}: {
  connection: Pick<BoardConnection, 'store' | 'doc' | 'origin'>;
  id: string;
  view: Viewport;
  onDone: () => void;
}) {
  const note = useNote(connection.store, id);
  const ref = useRef<HTMLTextAreaElement>(null);
  const { doc, origin, store } = connection;

  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.value = store.getNote(id)?.text ?? '';
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, [id, store]);

  // Follow remote edits while keeping the local caret where the person left it.
  useEffect(() => {
    const text = store.noteText(id);
    if (!text) return;
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const area = ref.current;
      if (!area || tr.origin === origin) return;
      const start = transformIndex(area.selectionStart, event.delta);
      const end = transformIndex(area.selectionEnd, event.delta);
      area.value = text.toString();
      area.setSelectionRange(start, end);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [id, origin, store]);

  // The note was deleted by someone else: stop editing.
  useEffect(() => {
    if (!note) onDone();
  }, [note, onDone]);

  if (!note) return null;
  const fontSize = fitFontSize(note.text, note.w, note.h) * view.scale;
  return (
    <textarea
      ref={ref}
      className="note-editor"
      aria-label="Note text"
      spellCheck
      maxLength={2000}
      style={{
        left: note.x * view.scale + view.x,
        top: note.y * view.scale + view.y,
        width: note.w * view.scale,
        height: note.h * view.scale,
        padding: `${NOTE_HEADER * view.scale}px ${NOTE_PAD * view.scale}px ${NOTE_FOOTER * view.scale}px`,
        fontSize,
        fontFamily: FONT,
        background: noteFill(note.color),
      }}
      onChange={(e) => editNoteText(doc, id, e.currentTarget.value, origin)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          onDone();
        }
        e.stopPropagation();
      }}
      onBlur={onDone}
    />
  );
}
