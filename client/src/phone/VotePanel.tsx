import { useCallback, useMemo, useState } from 'react';
import type { LayerId } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Identity } from '../core/identity/identity';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import type { BallotResult } from '../core/votes/BallotStore';
import { useVoting } from '../voting/useVoting';
import { refusalMessage, scopeName } from '../voting/voteTally';
import { PhoneNoteCard } from './PhoneNoteCard';
import { VoteCard } from './VoteCard';
import { voteGroups } from './voteGroups';
import { VoteResultsList } from './VoteResultsList';

/** A phone has no right-click: say how to free a dot here. */
function refusalOnPhone(
  result: Extract<BallotResult, { ok: false }>,
  scope: Parameters<typeof scopeName>[0],
): string {
  return result.reason === 'no dots left'
    ? 'You have no dots left. Take one back from another note (− dot) first.'
    : refusalMessage(result.reason, scope);
}

/**
 * Dot voting on a phone: while the vote is open, the notes it is about as cards with "+ dot" and
 * "− dot" and how many dots are left; once the facilitator reveals, the ranking.
 */
export function VotePanel({
  connection,
  identity,
  readOnly,
  focus,
}: {
  connection: BoardConnection;
  identity: Identity;
  readOnly: boolean;
  focus: LayerId | null;
}) {
  const voting = useVoting(connection, identity, readOnly);
  const { vote } = voting;
  const snapshot = useBoardSnapshot(connection.store);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const groups = useMemo(
    () => (vote ? voteGroups(snapshot.notes, snapshot.zones, vote.scope, focus) : []),
    [snapshot, vote, focus],
  );
  const { place, remove } = voting;
  const dotsPerPerson = vote?.dotsPerPerson ?? 0;
  const scope = vote?.scope ?? 'board';
  const report = useCallback(
    (result: BallotResult, placed: boolean) =>
      setMessage(
        result.ok
          ? {
              text: `${placed ? 'Dot placed' : 'Dot taken back'}: ${result.dotsLeft} of ${dotsPerPerson} left.`,
              error: false,
            }
          : { text: refusalOnPhone(result, scope), error: true },
      ),
    [dotsPerPerson, scope],
  );
  // The dot shows at once; what happened is said once the server took it (or refused it).
  const onPlace = useCallback((id: string) => void place(id).then((r) => report(r, true)), [place, report]);
  const onRemove = useCallback(
    (id: string) => void remove(id).then((r) => report(r, false)),
    [remove, report],
  );

  if (!vote) return null;
  if (voting.results) return <VoteResultsList results={voting.results} scope={vote.scope} />;

  return (
    <div className="phone-vote">
      <div className="phone-vote-head">
        <h2>Vote on {scopeName(vote.scope)}</h2>
        {voting.canVote ? (
          <p className="phone-dots-left" data-left={voting.dotsLeft}>
            <strong>
              {voting.dotsLeft} of {vote.dotsPerPerson}
            </strong>{' '}
            dots left
          </p>
        ) : (
          <p>Voting needs the edit link: here you see the results once the facilitator reveals them.</p>
        )}
        <p className="phone-hint">Everyone’s dots stay sealed until the facilitator reveals the totals.</p>
        <p
          className={message?.error ? 'phone-message phone-error' : 'phone-message'}
          role="status"
          aria-live="polite"
        >
          {message?.text}
        </p>
      </div>
      {groups.length === 0 && (
        <p className="phone-empty">No notes to vote on in {scopeName(vote.scope)} yet.</p>
      )}
      {groups.map((group) => (
        <section key={group.key} className="phone-area" aria-label={group.title}>
          <h3>{group.title}</h3>
          <ul className="phone-cards">
            {group.notes.map((note) =>
              voting.canVote ? (
                <VoteCard
                  key={note.id}
                  note={note}
                  mine={voting.myDots(note)}
                  canAdd={voting.dotsLeft > 0}
                  onPlace={onPlace}
                  onRemove={onRemove}
                />
              ) : (
                <PhoneNoteCard key={note.id} note={note} />
              ),
            )}
          </ul>
        </section>
      ))}
    </div>
  );
}
