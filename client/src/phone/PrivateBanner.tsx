import { LockIcon } from './LockIcon';

/**
 * What happens to this person's new notes while they are private, and how many wait on this phone. In
 * silent brainstorming the facilitator reveals everyone's at once; a person may still reveal theirs early.
 */
export function PrivateBanner({
  silent,
  keepPrivate,
  count,
  room,
  onReveal,
}: {
  silent: boolean;
  keepPrivate: boolean;
  count: number;
  /** Who in the room holds how many private notes ("Ana (you) 3 · Ben 5"), never what they say. */
  room: string;
  onReveal: () => void;
}) {
  const held = `${count} private ${count === 1 ? 'note' : 'notes'} on this phone`;
  return (
    <div className="phone-silent" role="note" aria-label="Private notes">
      <p>
        <LockIcon />{' '}
        {silent ? 'Silent brainstorming: ' : keepPrivate ? 'You keep your new notes private: ' : ''}
        {keepPrivate ? (
          <>
            new notes are <strong>private until revealed</strong>.
          </>
        ) : (
          'these wait to be revealed.'
        )}{' '}
        <span className="phone-private-count" data-count={count}>
          {held}
        </span>
      </p>
      {room && <p className="phone-room-counts">Held privately: {room}</p>}
      {count > 0 && (
        <button type="button" onClick={onReveal}>
          Reveal mine now
        </button>
      )}
    </div>
  );
}
