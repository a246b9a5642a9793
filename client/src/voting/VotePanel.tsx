import { useState, type FormEvent } from 'react';
import { LAYERS, MAX_DOTS_PER_PERSON, isVoteScope, type VoteScope } from '@shared';
import type { Voting } from './useVoting';
import { VoteHistory } from './VoteHistory';
import { VoteResultsList } from './VoteResultsList';
import { parseDots, scopeName } from './voteTally';
import './voting.css';
import { DockPanelHead } from '../core/ui/PanelHeads';

const DEFAULT_DOTS = 3;

/**
 * Dot voting: the facilitator starts a vote (dots per person, whole board or one layer), reveals it and
 * ends it; everyone sees where the vote stands, once revealed the ranking, and every earlier round.
 */
export function VotePanel({
  voting,
  onShowNote,
  onClose,
}: {
  voting: Voting;
  onShowNote: (noteId: string) => void;
  onClose: () => void;
}) {
  const { vote } = voting;
  const [dots, setDots] = useState(String(DEFAULT_DOTS));
  const [scope, setScope] = useState<VoteScope>('board');
  const [error, setError] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<string | null>(null);

  const start = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDots(dots);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    voting.start({ scope, dotsPerPerson: parsed.dots });
  };

  // The server counts the sealed ballots; the totals then reach everyone through the board.
  const reveal = () => {
    setRevealing(true);
    setRevealError(null);
    voting.reveal().then(
      () => setRevealing(false),
      (e: Error) => {
        setRevealing(false);
        setRevealError(`The results could not be revealed: ${e.message}. Try again.`);
      },
    );
  };

  return (
    <section className="dock-panel workshop-panel vote-panel" aria-labelledby="vote-heading">
      <DockPanelHead
        headingId="vote-heading"
        title="Dot vote"
        closeLabel="Close the vote panel"
        onClose={onClose}
      />
      {vote ? (
        <p className="vote-state">
          {vote.status === 'open' ? 'Open' : 'Revealed'} · {vote.dotsPerPerson}{' '}
          {vote.dotsPerPerson === 1 ? 'dot' : 'dots'} each on {scopeName(vote.scope)}
          {voting.voters !== null && (
            <>
              {' '}
              · {voting.voters} {voting.voters === 1 ? 'person' : 'people'} voted
            </>
          )}
        </p>
      ) : (
        <p className="vote-state">No vote running.</p>
      )}
      {vote?.status === 'open' && voting.canVote && (
        <p className="muted">
          You have placed {voting.dotsUsed} of {vote.dotsPerPerson} dots. Everyone’s dots stay sealed until
          the facilitator reveals the totals.
        </p>
      )}
      {voting.canRun ? (
        vote ? (
          <div className="workshop-actions">
            {vote.status === 'open' && (
              <button type="button" className="primary" onClick={reveal} disabled={revealing}>
                Reveal results
              </button>
            )}
            <button type="button" onClick={voting.end}>
              End vote
            </button>
            {revealError && (
              <p className="error" role="alert">
                {revealError}
              </p>
            )}
          </div>
        ) : (
          <form className="vote-form" onSubmit={start} noValidate>
            <div className="vote-field">
              <label htmlFor="vote-dots">Dots per person</label>
              <input
                id="vote-dots"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_DOTS_PER_PERSON}
                value={dots}
                aria-invalid={error !== null}
                aria-describedby={error ? 'vote-error' : undefined}
                onChange={(e) => setDots(e.currentTarget.value)}
              />
            </div>
            <div className="vote-field">
              <label htmlFor="vote-scope">Vote on</label>
              <select
                id="vote-scope"
                value={scope}
                onChange={(e) => isVoteScope(e.currentTarget.value) && setScope(e.currentTarget.value)}
              >
                <option value="board">The whole board</option>
                {LAYERS.map((layer) => (
                  <option key={layer.id} value={layer.id}>
                    {layer.name}
                  </option>
                ))}
              </select>
            </div>
            {error && (
              <p id="vote-error" className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary">
              Start vote
            </button>
          </form>
        )
      ) : (
        !vote && (
          <p className="muted">
            {voting.facilitatorName
              ? `${voting.facilitatorName} facilitates: they start the votes.`
              : 'Only people with the edit link can start a vote.'}
          </p>
        )
      )}
      {voting.results && (
        <>
          <h3>Ranking</h3>
          <VoteResultsList results={voting.results} onShowNote={onShowNote} />
        </>
      )}
      <VoteHistory
        rounds={voting.rounds}
        current={voting.currentRound}
        resultsOf={voting.resultsOf}
        onShowNote={onShowNote}
      />
    </section>
  );
}
