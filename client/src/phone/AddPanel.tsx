import { useMemo, useRef, useState } from 'react';
import { CommandError, createProjector, deleteNotes, getLayer, type Focus, type NoteKind } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { useZones } from '../core/store/useBoardStore';
import { useParticipants } from '../core/presence/useParticipants';
import { privateCounts } from '../private/privateCounts';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import { departmentName } from '../core/store/departments';
import { addNoteToCell, cellLabel, MAX_NOTE_TEXT, type NoteAuthor } from '../core/editor/addToCell';
import { CellPicker, type CellChoice } from './CellPicker';
import { KindChips } from '../core/ui/KindChips';
import { PrivateBanner } from './PrivateBanner';
import { RecentNote } from './RecentNote';

type Message = { text: string; error: boolean };

function focusKey(focus: Focus | null): string | null {
  return focus ? `${focus.layer}:${focus.area ?? ''}:${focus.since}` : null;
}

/**
 * Adding notes quickly from a phone: a big text field, the kind, and the cell (preset to the
 * facilitator's focus). "Add note" places the note in a free spot of that cell, clears the field and
 * keeps the keyboard up for the next one. In silent mode the note stays on this device until revealed.
 */
export function AddPanel({
  connection,
  author,
  focus,
  brainstorm,
  recent,
  onAdded,
  onEdit,
}: {
  connection: BoardConnection;
  author: NoteAuthor;
  focus: Focus | null;
  /** Private brainstorming: where new notes go while it is on. */
  brainstorm: PrivateBrainstorm;
  recent: readonly string[];
  onAdded: (id: string) => void;
  onEdit: (id: string, isPrivate: boolean) => void;
}) {
  const { doc, origin, store, undoManager } = connection;
  const zones = useZones(store);
  const participants = useParticipants(connection.presence);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind>('idea');
  const [cell, setCell] = useState<CellChoice>(() => ({
    layer: focus?.layer ?? 'devices',
    area: focus?.area ?? null,
  }));
  const [message, setMessage] = useState<Message | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const areaSelect = useRef<HTMLSelectElement>(null);
  const privateNotes = brainstorm.notes;
  // New notes stay on this phone: silent brainstorming runs, or the person chose to keep theirs private.
  const keepPrivate = brainstorm.active && privateNotes !== null;

  // The facilitator moved the focus: the next note goes there (the person can still pick another cell).
  const [seenFocus, setSeenFocus] = useState(focusKey(focus));
  if (focusKey(focus) !== seenFocus) {
    setSeenFocus(focusKey(focus));
    if (focus) {
      const area = focus.area ?? (focus.layer === cell.layer ? cell.area : null);
      setCell({ layer: focus.layer, area });
      setMessage({
        text: area
          ? `The facilitator focused on ${cellLabel({ layer: focus.layer, area })}: new notes go there.`
          : `The facilitator focused on ${getLayer(focus.layer).name}: choose the area of your next note.`,
        error: false,
      });
    }
  }

  const add = () => {
    if (!cell.area) {
      setMessage({ text: 'Choose the area this note is about.', error: true });
      areaSelect.current?.focus();
      return;
    }
    const target = keepPrivate ? privateNotes : { doc, origin, undoManager };
    // Private notes go on the board one day: keep them clear of each other and of the board's notes.
    const occupied = privateNotes
      ? [...store.allNotes(), ...privateNotes.store.allNotes()]
      : store.allNotes();
    const where = { layer: cell.layer, area: cell.area };
    try {
      // One note, one undo step: never merged with the note before it however fast they come.
      target.undoManager.stopCapturing();
      const id = addNoteToCell(target.doc, where, { text, kind }, author, zones, occupied, target.origin);
      target.undoManager.stopCapturing();
      onAdded(id);
      setText('');
      setMessage({
        text: keepPrivate
          ? `Kept private until revealed, for ${cellLabel(where)}.`
          : `Added to ${cellLabel(where)}.`,
        error: false,
      });
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      setMessage({ text: e.message, error: true });
    }
    field.current?.focus();
  };

  const remove = (id: string, isPrivate: boolean) => {
    const from = isPrivate && privateNotes ? privateNotes : { doc, origin };
    deleteNotes(from.doc, [id], from.origin);
    setMessage({
      text: `${isPrivate ? 'Private note' : 'Note'} deleted: Undo brings it back.`,
      error: false,
    });
  };

  return (
    <form
      className="phone-add"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      {(keepPrivate || brainstorm.count > 0) && (
        <PrivateBanner
          silent={brainstorm.silent?.active === true}
          keepPrivate={keepPrivate}
          count={brainstorm.count}
          room={privateCounts(participants)}
          onReveal={() => {
            const published = brainstorm.revealMine();
            setMessage({
              text: `${published} private ${published === 1 ? 'note is' : 'notes are'} now on the board.`,
              error: false,
            });
          }}
        />
      )}
      <CellPicker value={cell} onChange={setCell} areaRef={areaSelect} focusLayer={focus?.layer ?? null} />
      <label className="phone-field">
        <span>Your note</span>
        <textarea
          ref={field}
          className="phone-note-field"
          rows={3}
          value={text}
          maxLength={MAX_NOTE_TEXT}
          placeholder="One idea, question, decision or risk"
          enterKeyHint="enter"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the note, as sending a message does; Shift+Enter starts a new line.
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              add();
            }
          }}
        />
      </label>
      <KindChips value={kind} onChange={setKind} />
      <button
        type="submit"
        className="primary phone-add-button"
        // Keeps the keyboard up: the field never loses focus to the button.
        onMouseDown={(e) => e.preventDefault()}
      >
        {keepPrivate ? 'Add private note' : 'Add note'}
      </button>
      <p
        className={message?.error ? 'phone-message phone-error' : 'phone-message'}
        role="status"
        aria-live="polite"
      >
        {message?.text}
      </p>
      <p className="phone-hint">
        Adding as {author.name} · {departmentName(author.department)}
      </p>
      {recent.length > 0 && (
        <section className="phone-recent" aria-labelledby="phone-recent-title">
          <h2 id="phone-recent-title">Your recent notes</h2>
          <ul className="phone-cards">
            {recent.map((id) => (
              <RecentNote
                key={id}
                id={id}
                board={store}
                privateStore={privateNotes?.store ?? null}
                projector={projector}
                onEdit={onEdit}
                onDelete={remove}
              />
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}
