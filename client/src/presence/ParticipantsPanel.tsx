import { departmentName } from '@shared';
import { useMemo, useSyncExternalStore } from 'react';
import { analysisOf } from '../core/store/BoardAnalysis';
import type { BoardStore } from '../core/store/BoardStore';
import { personColorOfNote } from '../core/identity/personColors';
import { Avatar } from '../core/ui/Avatar';
import type { FollowStore } from '../core/presence/FollowStore';
import { absentAuthors, type Participant } from '../core/presence/participants';
import { useFollowState } from './useFollowViewport';
import '../core/identity/identity.css';
import { PopoverHead } from '../core/ui/PanelHeads';

/** Authors of notes who are not here are listed up to this many; the rest are counted. */
const MAX_ABSENT_AUTHORS = 20;

const STATUS_TEXT = { online: 'Online', idle: 'Idle', offline: 'Offline' } as const;

function Person({
  person,
  following,
  onFollow,
}: {
  person: Pick<Participant, 'name' | 'department' | 'color' | 'status' | 'self'>;
  following?: boolean;
  onFollow?: () => void;
}) {
  // Hidden commas keep the parts apart when a screen reader reads the row (or the button) as one name.
  const body = (
    <>
      <Avatar name={person.name} color={person.color} />
      <span className="participant-text">
        <span className="participant-name">
          {person.name}
          {person.self && <span className="participant-you"> (you)</span>}
        </span>
        {person.department && (
          <span className="participant-department">
            <span className="visually-hidden">, </span>
            {departmentName(person.department)}
          </span>
        )}
      </span>
      <span className={`participant-status status-${person.status}`}>
        <span className="visually-hidden">, </span>
        <span className="status-dot" aria-hidden />
        {STATUS_TEXT[person.status]}
      </span>
      {onFollow && (
        <span className="participant-action">
          <span className="visually-hidden">, </span>
          {following ? 'Stop following' : 'Follow'}
        </span>
      )}
    </>
  );
  return (
    <li className="participant">
      {onFollow ? (
        <button type="button" className="participant-row" onClick={onFollow} aria-pressed={following}>
          {body}
        </button>
      ) : (
        <div className="participant-row">{body}</div>
      )}
    </li>
  );
}

/**
 * Who is on the board: people here now (online or idle), people who left during this session, and
 * authors of notes on the board who are not here. Clicking someone here follows their view.
 */
export function ParticipantsPanel({
  participants,
  follow,
  store,
  onClose,
}: {
  participants: readonly Participant[];
  follow: FollowStore;
  store: BoardStore;
  onClose: () => void;
}) {
  const following = useFollowState(follow);
  const analysis = analysisOf(store);
  const board = useSyncExternalStore(analysis.subscribe, analysis.getSnapshot);
  const absent = useMemo(
    () => absentAuthors(board.notes, participants, MAX_ABSENT_AUTHORS),
    [board.notes, participants],
  );
  const here = participants.filter((p) => p.status !== 'offline');
  const left = participants.filter((p) => p.status === 'offline');
  return (
    <div
      className="popover participants-panel"
      role="dialog"
      aria-label="People on this board"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <PopoverHead title="People on this board" onClose={onClose} />
      <p className="participants-hint">Click someone to follow their view; pan or zoom to stop.</p>
      <h3 className="participants-heading">Here now ({here.length})</h3>
      <ul className="participants-list" aria-label="Here now">
        {here.map((p) => {
          const isFollowed = following?.userId === p.userId;
          return (
            <Person
              key={p.userId}
              person={p}
              following={isFollowed}
              onFollow={
                p.self ? undefined : () => (isFollowed ? follow.stop() : follow.start({ userId: p.userId }))
              }
            />
          );
        })}
      </ul>
      {(left.length > 0 || absent.authors.length > 0) && (
        <>
          <h3 className="participants-heading">Not here</h3>
          <ul className="participants-list" aria-label="Not here">
            {left.map((p) => (
              <Person key={p.userId} person={p} />
            ))}
            {absent.authors.map((a) => (
              <Person
                key={`${a.name}\u0000${a.department}`}
                person={{
                  name: a.name,
                  department: a.department,
                  color: personColorOfNote(a.noteColor).hex,
                  status: 'offline',
                  self: false,
                }}
              />
            ))}
          </ul>
          {absent.more > 0 && (
            <p className="participants-hint">
              and {absent.more} more {absent.more === 1 ? 'author' : 'authors'} of notes
            </p>
          )}
        </>
      )}
    </div>
  );
}
