import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { noteFill } from '@shared';
import { beginNoteEdit, type NoteEdit, type NoteEditSurface } from '../core/editor/noteEdit';
import { fitFontSize, NOTE_FOOTER, NOTE_HEADER, NOTE_PAD } from './textFit';
import { FONT } from '../core/theme/theme';
import { useLiveNoteText, type NoteSource } from '../core/store/useLiveNoteText';
import type { Editor } from '../core/editor/Editor';
import { cameraOf, useEditorValue } from '../core/editor/useEditorValue';

/**
 * Edits a note's text in place: a textarea over the note, bound to its Y.Text through editNoteText so
 * that two people typing in one note merge character by character. What is typed until it closes is
 * one undo step; closing on a note left without words removes it (see `beginNoteEdit`), unless someone
 * else has it open too. It follows the editor's camera while it is open.
 */
export function NoteEditor({
  editor,
  connection,
  id,
}: {
  editor: Editor;
  /** The board's connection, or the surface that holds the note (a person's private notes). */
  connection: NoteSource & NoteEditSurface;
  id: string;
}) {
  const onDone = useCallback(() => editor.stopEditing(), [editor]);
  const { note, ref, onChange } = useLiveNoteText(connection, id, onDone);
  const view = useEditorValue(editor, cameraOf);
  const { store } = connection;
  const { presence } = editor.connection;
  const edit = useRef<{ id: string; session: NoteEdit } | null>(null);

  useLayoutEffect(() => {
    const session = beginNoteEdit(connection, id);
    edit.current = { id, session };
    return () => {
      session.suspend();
      // Closed by the board (a press on the canvas takes the editor away before the textarea can
      // blur): closes like Escape, unless React only mounted it again (as it does in development).
      queueMicrotask(() => {
        if (edit.current?.session === session || edit.current?.id !== id)
          session.close(othersEditing(presence, id));
      });
    };
  }, [connection, presence, id]);

  // Leaving the page (a reload, a closed tab) closes the editor too: before the board's own pagehide
  // handler keeps the changes not yet confirmed, so that a removal is among them.
  useEffect(() => {
    const onLeave = () => edit.current?.session.close(othersEditing(presence, id));
    window.addEventListener('pagehide', onLeave, { capture: true });
    return () => window.removeEventListener('pagehide', onLeave, { capture: true });
  }, [presence, id]);

  const close = () => {
    edit.current?.session.close(othersEditing(presence, id));
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

/** Someone else's editor open on the note: a note empty for now is theirs to keep or leave. */
function othersEditing(presence: Editor['connection']['presence'], id: string): boolean {
  return presence.getMarks().some((m) => m.editing === id);
}
