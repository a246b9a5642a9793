import { useContext } from 'react';
import { noteDots, type Note } from '@shared';
import { VoteDisplayContext } from './voteDisplay';
import './voting.css';

/**
 * A note's dots on its card in the grid and roadmap: this person's own while the vote is open, the
 * total and rank once revealed. Nothing outside a vote, or for a note outside the vote.
 */
export function CardVotes({ note }: { note: Note }) {
  const display = useContext(VoteDisplayContext);
  if (!display || !display.inScope(note)) return null;
  if (display.status === 'open') {
    const mine = note.votes[display.userId] ?? 0;
    if (mine === 0) return null;
    return (
      <span className="card-votes" style={{ color: display.color }}>
        <span aria-hidden>{'●'.repeat(Math.min(mine, 5))} </span>
        {mine} {mine === 1 ? 'dot' : 'dots'} from you
      </span>
    );
  }
  const total = noteDots(note);
  if (total === 0) return null;
  const rank = display.ranks?.get(note.id);
  return (
    <span className="card-votes card-votes-total">
      {rank ? `#${rank} · ` : ''}
      {total} {total === 1 ? 'dot' : 'dots'}
    </span>
  );
}
