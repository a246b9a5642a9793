import type { Note, VoteTotals } from '@shared';
import { PhoneNoteCard } from './PhoneNoteCard';

/**
 * Notes of the board list (a cell's, a layer's in no area, or those outside the layers) as cards, each
 * with its dots in the revealed vote shown (`dots`; null shows none). With `onEdit` the cards open the
 * editor.
 */
export function PhoneNoteList({
  notes,
  dots,
  onEdit,
}: {
  notes: readonly Note[];
  dots: VoteTotals | null;
  onEdit?: (id: string) => void;
}) {
  return (
    <ul className="phone-cards">
      {notes.map((note) => (
        <PhoneNoteCard
          key={note.id}
          note={note}
          dots={dots ? (dots[note.id]?.dots ?? 0) : null}
          onEdit={onEdit}
        />
      ))}
    </ul>
  );
}
