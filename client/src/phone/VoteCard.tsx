import { memo } from 'react';
import type { Note } from '@shared';
import { noteLabel } from '../core/ui/NoteCard';
import { PhoneNoteCard } from './PhoneNoteCard';

/** A note in an open vote, with big buttons to put one of this person's dots on it or take one back. */
export const VoteCard = memo(function VoteCard({
  note,
  mine,
  canAdd,
  onPlace,
  onRemove,
}: {
  note: Note;
  /** This person's dots on the note. */
  mine: number;
  canAdd: boolean;
  onPlace: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  const label = noteLabel(note);
  return (
    <PhoneNoteCard note={note}>
      <div className="phone-vote-row">
        <button
          type="button"
          className="phone-dot-button"
          disabled={mine === 0}
          aria-label={`Take a dot back from ${label}`}
          onClick={() => onRemove(note.id)}
        >
          − dot
        </button>
        <span className="phone-mine">
          {mine > 0 ? (
            <>
              <span aria-hidden>●</span> Yours: {mine}
            </>
          ) : (
            'none yet'
          )}
        </span>
        <button
          type="button"
          className="phone-dot-button primary"
          disabled={!canAdd}
          aria-label={`Add a dot to ${label}`}
          onClick={() => onPlace(note.id)}
        >
          + dot
        </button>
      </div>
    </PhoneNoteCard>
  );
});
