import { useId, useRef, useState, type FormEvent } from 'react';
import type { NoteKind } from '@shared';
import { KindChips } from '../core/ui/KindChips';
import { MAX_NOTE_TEXT, type NoteDraft } from '../core/editor/addToCell';
import '../core/ui/sheet.css';
import { useModalDialog } from '../core/ui/useModalDialog';

/**
 * Writes a new note for one cell of the grid: its text and kind, added with "Add note" (or Ctrl+Enter).
 * A modal dialog, so the keyboard stays in it and Escape leaves without adding anything; nothing is
 * added until there is text, so no empty note is left behind.
 */
export function AddNoteDialog({
  cellName,
  privately,
  onAdd,
  onClose,
}: {
  /** "Devices / Hardware · Security". */
  cellName: string;
  /** Silent brainstorming: the note stays on this device until it is revealed. */
  privately: boolean;
  /** Adds the note; returns an error a person can read, or null once added. */
  onAdd: (draft: NoteDraft) => string | null;
  onClose: () => void;
}) {
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind>('idea');
  const [error, setError] = useState<string | null>(null);

  useModalDialog(dialog);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const failed = onAdd({ text, kind });
    if (failed) setError(failed);
    else onClose();
  };

  return (
    <dialog
      ref={dialog}
      className="phone-sheet grid-note-dialog"
      aria-labelledby={`${ids}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>Add a note</h2>
        <p className="phone-sheet-where">
          {cellName}
          {privately && ' · private until revealed'}
        </p>
        <label className="phone-field">
          <span>Text</span>
          <textarea
            autoFocus
            rows={4}
            maxLength={MAX_NOTE_TEXT}
            spellCheck
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error ? `${ids}-error` : undefined}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
          />
        </label>
        {error && (
          <p className="error" id={`${ids}-error`} role="alert">
            {error}
          </p>
        )}
        <KindChips value={kind} onChange={setKind} />
        <div className="phone-sheet-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Add note
          </button>
        </div>
      </form>
    </dialog>
  );
}
