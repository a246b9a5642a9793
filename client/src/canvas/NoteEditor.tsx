import { useEffect, useLayoutEffect, useRef } from 'react';
import { noteFill } from '@shared';
import { beginNoteEdit, type NoteEdit, type NoteEditSurface } from '../core/editor/noteEdit';
import { fitFontSize, NOTE_FOOTER, NOTE_HEADER, NOTE_PAD } from './textFit';
import { FONT } from '../core/theme/theme';
import { useLiveNoteText, type NoteSource } from '../core/store/useLiveNoteText';
import type { Viewport } from '../core/viewport/viewport';

/**
 * Edits a note's text in place: a textarea over the note, bound to its Y.Text through editNoteText so
 * that two people typing in one note merge character by character. What is typed until it closes is
 * one undo step; closing on a note left without words removes it (see `beginNoteEdit`), unless
 * `othersEditing` says someone else has it open too.
 */
export function NoteEditor({
  connection,
  id,
  view,
  onDone,
  othersEditing,
}: {
  connection: NoteSource & NoteEditSurface;
  id: string;
  view: Viewport;
  onDone: () => void;
  othersEditing?: (id: string) => boolean;
}) {
  const { note, ref, onChange } = useLiveNoteText(connection, id, onDone);
  const { store } = connection;
  const edit = useRef<{ id: string; session: NoteEdit } | null>(null);
  const keep = useRef(othersEditing);
  useLayoutEffect(() => {
    keep.current = othersEditing;
  });

  useLayoutEffect(() => {
    const session = beginNoteEdit(connection, id);
    edit.current = { id, session };
    return () => {
      session.suspend();
      // Closed by the board (a press on the canvas takes the editor away before the textarea can
      // blur): closes like Escape, unless React only mounted it again (as it does in development).
      queueMicrotask(() => {
        if (edit.current?.session === session || edit.current?.id !== id)
          session.close(keep.current?.(id) ?? false);
      });
    };
  }, [connection, id]);

  // Leaving the page (a reload, a closed tab) closes the editor too: before the board's own pagehide
  // handler keeps the changes not yet confirmed, so that a removal is among them.
  useEffect(() => {
    const onLeave = () => edit.current?.session.close(keep.current?.(id) ?? false);
    window.addEventListener('pagehide', onLeave, { capture: true });
    return () => window.removeEventListener('pagehide', onLeave, { capture: true });
  }, [id]);

  const close = () => {
    edit.current?.session.close(othersEditing?.(id) ?? false);
    onDone();
  };

  // After the hook's own layout effect has filled in the text: the caret goes to its end.
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, [id, store, ref]);

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
      onChange={onChange}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          close();
        }
        e.stopPropagation();
      }}
      onBlur={close}
    />
  );
}
