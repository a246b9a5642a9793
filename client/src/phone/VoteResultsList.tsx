import type { VoteResults, VoteScope } from '@shared';
import { scopeName } from '../voting/voteTally';
import { PhoneNoteCard } from './PhoneNoteCard';
import { dotsText } from './boardListing';

/** The revealed vote: dotted notes ranked, most dots first, with how many people chose each. */
export function VoteResultsList({ results, scope }: { results: VoteResults; scope: VoteScope }) {
  return (
    <div className="phone-vote">
      <div className="phone-vote-head">
        <h2>Results: {scopeName(scope)}</h2>
        <p className="phone-hint">
          {dotsText(results.dotsCast)} from {results.voters} {results.voters === 1 ? 'person' : 'people'}.
        </p>
      </div>
      {results.notes.length === 0 ? (
        <p className="phone-empty">No one placed a dot in this vote.</p>
      ) : (
        <ol className="phone-cards phone-ranking">
          {results.notes.map(({ note, dots, voters, rank }) => (
            <PhoneNoteCard key={note.id} note={note}>
              <p className="phone-rank">
                <span className="phone-rank-number">#{rank}</span> {dotsText(dots)} from {voters}{' '}
                {voters === 1 ? 'person' : 'people'}
              </p>
            </PhoneNoteCard>
          ))}
        </ol>
      )}
    </div>
  );
}
