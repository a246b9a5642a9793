import type { Note } from '@shared';
import type { Voting } from '../voting/useVoting';
import { scopeName } from '../voting/voteTally';

/** The ranking the room's screen lists: the rest are on the board, each with its total. */
const SHOWN = 5;

const voted = (n: number) => `${n} ${n === 1 ? 'person has' : 'people have'} voted`;
const dots = (n: number) => `${n} ${n === 1 ? 'dot' : 'dots'}`;
const textOf = (note: Note) => note.text.trim().replace(/\s+/g, ' ') || `(${note.kind}, no text)`;

/**
 * The vote in the projector's rail. While it is open: what is voted on, never anyone's dots (they are
 * sealed until the reveal). Once revealed: the top of the ranking, with each note's words, dots and
 * rank, and how many people voted.
 */
export function ProjectorVote({ voting }: { voting: Voting }) {
  const { vote, results } = voting;
  if (!vote) return null;
  const on = scopeName(vote.scope);
  if (!results) {
    return (
      <section className="projector-vote" aria-label="Dot vote">
        <p className="projector-vote-open">
          <strong>Dot vote on {on}</strong>
          <span>Dots sealed until the reveal</span>
        </p>
      </section>
    );
  }
  const shown = results.notes.slice(0, SHOWN);
  const more = results.notes.length - shown.length;
  return (
    <section className="projector-vote" aria-label="Vote results">
      <p className="projector-caption">Vote results · {on}</p>
      {shown.length === 0 ? (
        <p className="projector-vote-none">No one placed a dot in this vote.</p>
      ) : (
        <ol className="projector-ranking" aria-label="Ranking">
          {shown.map(({ note, dots: count, rank }) => (
            <li key={note.id} data-note-id={note.id}>
              <span className="projector-rank" aria-label={`Rank ${rank}`}>
                #{rank}
              </span>
              <span className="projector-ranking-text">{textOf(note)}</span>
              <span className="projector-ranking-dots">{dots(count)}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="projector-vote-more">
        {voted(results.voters)}
        {more > 0 && ` · ${more} more ${more === 1 ? 'note' : 'notes'} with dots on the board`}
      </p>
    </section>
  );
}
