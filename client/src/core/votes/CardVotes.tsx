import { useContext } from 'react';
import type { Note } from '@shared';
import { useOwnDots } from './useOwnDots';
import { VoteDisplayContext } from './voteDisplay';
import './cardVotes.css';

/**
 * A note's dots on its card in the grid and roadmap: this person's own while the vote is open, the
 * total and rank once revealed. Nothing outside a vote, or for a note outside the vote.
 */
export function CardVotes({ note }: { note: Note }) {
  const display = useContext(VoteDisplayContext);
  const mine = useOwnDots(display?.status === 'open' ? display.ballot : null, note.id);
  if (!display || !display.inScope(note)) return null;
  if (display.status === 'open') {
    if (mine === 0) return null;
    return (
      <span className="card-votes" style={{ color: display.color }}>
        <span aria-hidden>{'●'.repeat(Math.min(mine, 5))} </span>
        {mine} {mine === 1 ? 'dot' : 'dots'} from you
      </span>
    );
  }
  const result = display.results?.get(note.id);
  if (!result) return null;
  const { dots: total, rank } = result;
  return (
    <span className="card-votes card-votes-total">
      {rank ? `#${rank} · ` : ''}
      {total} {total === 1 ? 'dot' : 'dots'}
    </span>
  );
}
