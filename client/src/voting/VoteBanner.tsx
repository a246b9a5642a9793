import type { VoteMode } from './useVoteMode';
import type { Voting } from './useVoting';
import { scopeName } from './voteTally';
import './voting.css';

const people = (n: number) => `${n} ${n === 1 ? 'person has' : 'people have'} voted`;

/**
 * The vote as the canvas shows it, at the top of the board: how many dots this person has left and what
 * the last dot did (everyone's dots are sealed); once revealed, how many people voted and a pointer to
 * the results.
 */
export function VoteBanner({
  voting,
  mode,
  onShowResults,
}: {
  voting: Voting;
  mode: VoteMode;
  /** Opens the ranking; null while it is shown. */
  onShowResults: (() => void) | null;
}) {
  const { vote } = voting;
  if (!vote) return null;
  const on = scopeName(vote.scope);
  return (
    <div className={`vote-banner${mode.on ? ' vote-banner-on' : ''}`} role="region" aria-label="Vote status">
      {vote.status === 'open' ? (
        <>
          <p className="vote-banner-line">
            {mode.on ? (
              <strong>
                Voting: {voting.dotsLeft} of {vote.dotsPerPerson} dots left
              </strong>
            ) : (
              <strong>Dot vote open</strong>
            )}
            <span> · on {on} · sealed until the reveal</span>
          </p>
          {voting.canVote && (
            <button type="button" onClick={() => mode.setOn(!mode.on)} aria-pressed={mode.on}>
              {mode.on ? 'Back to editing' : 'Vote'}
            </button>
          )}
          {mode.on && (
            <p className="vote-banner-hint">
              Click a note to give it a dot; right-click, Alt+click or a dot’s × takes one back. Keys: + and −
              on the selected note or a focused card of the grid, arrows to move.
            </p>
          )}
        </>
      ) : (
        <>
          <p className="vote-banner-line">
            <strong>Vote results</strong>
            <span>
              {' '}
              · on {on} · {people(voting.voters ?? 0)}
            </span>
          </p>
          {onShowResults && (
            <button type="button" onClick={onShowResults}>
              Show the ranking
            </button>
          )}
        </>
      )}
      <p className="vote-message" aria-live="polite">
        {mode.message ?? ''}
      </p>
    </div>
  );
}
