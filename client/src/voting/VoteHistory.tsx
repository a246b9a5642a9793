import { useState } from 'react';
import type { VoteResults, VoteRound } from '@shared';
import { VoteResultsList } from './VoteResultsList';
import { scopeName } from './voteTally';

/** When a round was revealed, as people in the room say it: the time today, else the day and time. */
function revealedWhen(at: number, now = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${time}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The earlier vote rounds, newest first: each says what it was about, when, and how many voted, and opens
 * to its ranking. A new vote never hides an earlier one's results. Rounds are numbered as the report and
 * the CSV number them (oldest is 1).
 */
export function VoteHistory({
  rounds,
  current,
  resultsOf,
  onShowNote,
}: {
  rounds: readonly VoteRound[];
  /** The round shown above as the current vote's ranking: not repeated here. */
  current: VoteRound | null;
  resultsOf: (round: VoteRound) => VoteResults;
  onShowNote: (noteId: string) => void;
}) {
  const earlier = rounds
    .map((round, i) => ({ round, number: i + 1 }))
    .filter(({ round }) => round !== current);
  if (earlier.length === 0) return null;
  return (
    <section className="vote-history" aria-labelledby="vote-history-heading">
      <h3 id="vote-history-heading">{current ? 'Earlier rounds' : 'Vote rounds'}</h3>
      <ul className="vote-history-list">
        {earlier.reverse().map(({ round, number }) => (
          <li key={round.voteId}>
            <HistoryRound round={round} number={number} resultsOf={resultsOf} onShowNote={onShowNote} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function HistoryRound({
  round,
  number,
  resultsOf,
  onShowNote,
}: {
  round: VoteRound;
  number: number;
  resultsOf: (round: VoteRound) => VoteResults;
  onShowNote: (noteId: string) => void;
}) {
  // The ranking is worked out only for an open round: twenty closed rounds cost nothing.
  const [open, setOpen] = useState(false);
  const panelId = `vote-round-${round.voteId}`;
  return (
    <>
      <button
        type="button"
        className="vote-history-round"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="vote-history-title">
          Round {number}: {scopeName(round.scope)}
        </span>
        <span className="vote-history-meta">
          {revealedWhen(round.revealedAt)} · {plural(round.dotsPerPerson, 'dot', 'dots')} each ·{' '}
          {plural(round.voters, 'person', 'people')} voted
        </span>
      </button>
      {open && (
        <RoundRanking
          id={panelId}
          round={round}
          number={number}
          results={resultsOf(round)}
          onShowNote={onShowNote}
        />
      )}
    </>
  );
}

function RoundRanking({
  id,
  round,
  number,
  results,
  onShowNote,
}: {
  id: string;
  round: VoteRound;
  number: number;
  results: VoteResults;
  onShowNote: (noteId: string) => void;
}) {
  const gone = Object.keys(round.totals).length - results.notes.length;
  return (
    <div id={id} className="vote-history-ranking">
      <VoteResultsList results={results} label={`Round ${number} ranking`} onShowNote={onShowNote} />
      {gone > 0 && (
        <p className="muted">{plural(gone, 'dotted note has', 'dotted notes have')} been deleted since.</p>
      )}
    </div>
  );
}
