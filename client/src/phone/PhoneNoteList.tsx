import { noteDots, type Note } from '@shared';
import { PhoneNoteCard } from './PhoneNoteCard';

/**
 * Notes of the board list (a cell's, a layer's in no area, or those outside the layers) as cards, each
 * with its dots while they show. With `onEdit` the cards open the editor.
 */
export function PhoneNoteList({
  notes,
  showDots,
  onEdit,
}: {
  notes: readonly Note[];
  showDots: boolean;
  onEdit?: (id: string) => void;
}) {
  return (
    <ul className="phone-cards">
      {notes.map((note) => (
        <PhoneNoteCard key={note.id} note={note} dots={showDots ? noteDots(note) : null} onEdit={onEdit} />
      ))}
    </ul>
  );
}
