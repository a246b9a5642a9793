import { useRef } from 'react';
import { deleteNotes, setNoteKind } from '@shared';
import { useLiveNoteText, type NoteSource } from '../store/useLiveNoteText';
import { MAX_NOTE_TEXT } from '../editor/addToCell';
import { useModalDialog } from './useModalDialog';
import { KindChips } from './KindChips';
import './sheet.css';

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
  className = 'phone-sheet',
}: {
  source: NoteSource;
  id: string;
  /** The note's cell, or "private until revealed". */
  where: string;
  onDone: () => void;
  onDeleted: (text: string) => void;
  /** The grid shows the same sheet as a dialog in the middle of a large screen. */
  className?: string;
}) {
  const { doc, origin } = source;
  const { note, ref, onChange } = useLiveNoteText(source, id, onDone);
  const dialog = useRef<HTMLDialogElement>(null);

  // A modal dialog makes the rest of the page inert and traps focus, as a bottom sheet should.
  useModalDialog(dialog);

  if (!note) return null;
  return (
    <dialog
      ref={dialog}
      className={className}
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
        <textarea ref={ref} rows={4} maxLength={MAX_NOTE_TEXT} spellCheck onChange={onChange} />
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
