import type { VoteResults } from '@shared';
import { noteLabel } from '../core/ui/NoteCard';

/** The ranked notes of a revealed vote; each flies the board to its note. */
export function VoteResultsList({
  results,
  label = 'Ranking',
  onShowNote,
}: {
  results: VoteResults;
  /** The list's accessible name. */
  label?: string;
  onShowNote: (noteId: string) => void;
}) {
  if (results.notes.length === 0) return <p className="muted">No one placed a dot in this vote.</p>;
  return (
    <ol className="vote-results" aria-label={label}>
      {results.notes.map(({ note, dots, voters, rank }) => (
        <li key={note.id}>
          <button
            type="button"
            className="vote-result"
            data-note-id={note.id}
            onClick={() => onShowNote(note.id)}
          >
            <span className="vote-rank" aria-label={`Rank ${rank}`}>
              #{rank}
            </span>
            <span className="vote-result-text">{noteLabel(note)}</span>
            <span className="vote-result-count">
              {dots} {dots === 1 ? 'dot' : 'dots'}
              <span className="muted">
                {' '}
                · {voters} {voters === 1 ? 'person' : 'people'}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
