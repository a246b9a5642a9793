import { useEffect, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { deleteNotes, editNoteText, setNoteKind } from '@shared';
import type { BoardStore } from '../board/BoardStore';
import { transformIndex } from '../board/NoteEditor';
import { useNote } from '../board/useBoardStore';
import { MAX_NOTE_TEXT } from './addToCell';
import { KindChips } from './KindChips';

/** Where a note lives: the board, or the person's private document while silent brainstorming. */
export interface NoteSource {
  doc: Y.Doc;
  store: BoardStore;
  /** The origin of this person's changes there (the one its undo manager tracks). */
  origin: unknown;
}

/**
 * Edits one note's text and kind in a sheet over the page. The text is written as it is typed, through
 * editNoteText, so two people editing one note merge character by character, as on the canvas.
 */
export function NoteSheet({
  source,
  id,
  where,
  onDone,
  onDeleted,
}: {
  source: NoteSource;
  id: string;
  /** The note's cell, or "private until revealed". */
  where: string;
  onDone: () => void;
  onDeleted: (text: string) => void;
}) {
  const { doc, store, origin } = source;
  const note = useNote(store, id);
  const dialog = useRef<HTMLDialogElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal dialog makes the rest of the page inert and traps focus, as a bottom sheet should.
    if (!element.open) element.showModal();
    return () => element.close();
  }, []);

  useLayoutEffect(() => {
    const input = area.current;
    if (!input) return;
    input.value = store.getNote(id)?.text ?? '';
  }, [id, store]);

  // Follow someone else's typing without moving this person's caret.
  useEffect(() => {
    const text = store.noteText(id);
    if (!text) return;
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const input = area.current;
      if (!input || tr.origin === origin) return;
      const start = transformIndex(input.selectionStart, event.delta);
      const end = transformIndex(input.selectionEnd, event.delta);
      input.value = text.toString();
      input.setSelectionRange(start, end);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [id, origin, store]);

  // Someone deleted the note meanwhile: nothing is left to edit.
  useEffect(() => {
    if (!note) onDone();
  }, [note, onDone]);

  if (!note) return null;
  return (
    <dialog
      ref={dialog}
      className="phone-sheet"
      aria-labelledby={`${id}-sheet-title`}
      onCancel={(e) => {
        e.preventDefault();
        onDone();
      }}
    >
      <h2 id={`${id}-sheet-title`}>Edit note</h2>
      <p className="phone-sheet-where">{where}</p>
      <label className="phone-field">
        <span>Text</span>
        <textarea
          ref={area}
          rows={4}
          maxLength={MAX_NOTE_TEXT}
          spellCheck
          onChange={(e) => editNoteText(doc, id, e.currentTarget.value, origin)}
        />
      </label>
      <KindChips value={note.kind} onChange={(kind) => setNoteKind(doc, [id], kind, origin)} />
      <div className="phone-sheet-actions">
        <button
          type="button"
          className="phone-danger"
          onClick={() => {
            const text = note.text;
            deleteNotes(doc, [id], origin);
            onDeleted(text);
          }}
        >
          Delete note
        </button>
        <button type="button" className="primary" onClick={onDone}>
          Done
        </button>
      </div>
    </dialog>
  );
}
