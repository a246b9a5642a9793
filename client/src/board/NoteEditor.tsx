import { useLayoutEffect } from 'react';
import { noteFill } from '@shared';
import { fitFontSize, NOTE_FOOTER, NOTE_HEADER, NOTE_PAD } from './textFit';
import { FONT } from './theme';
import { useLiveNoteText, type NoteSource } from './useLiveNoteText';
import type { Viewport } from './viewport';

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
  connection: NoteSource;
  id: string;
  view: Viewport;
  onDone: () => void;
}) {
  const { note, ref, onChange } = useLiveNoteText(connection, id, onDone);
  const { store } = connection;

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
          onDone();
        }
        e.stopPropagation();
      }}
      onBlur={onDone}
    />
  );
}
