import { memo, useContext, useRef, type CSSProperties } from 'react';
import { noteFill, type Note } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import { useBoxSize } from './useBoxSize';
import { departmentName } from '../core/store/departments';
import { CardVotes } from '../core/votes/CardVotes';
import { VoteDisplayContext } from '../core/votes/voteDisplay';
import { cardLayout } from './cardLayout';
import { cardSizes, type CardLevel } from './roomSizes';

/** A note as a card on the room's screen: its kind's colour and glyph, its words, who wrote it. */
const RoomCard = memo(function RoomCard({
  note,
  text,
  author,
  lines,
}: {
  note: Note;
  text: number;
  author: number;
  lines: number;
}) {
  const kind = KIND_STYLE[note.kind];
  const vote = useContext(VoteDisplayContext);
  // While a vote is open, the notes outside it step back, as on the canvas.
  const out = vote?.status === 'open' && !vote.inScope(note);
  return (
    <li
      className={`room-card${out ? ' room-card-out' : ''}`}
      data-note={note.id}
      style={{ background: noteFill(note.color), '--kind': kind.color, fontSize: text } as CSSProperties}
    >
      <p className="room-card-text" style={{ WebkitLineClamp: lines }}>
        <span className="room-card-kind" aria-hidden>
          {kind.glyph}
        </span>
        <span className="visually-hidden">{kind.label.toLowerCase()}: </span>
        {note.text || <em>(empty note)</em>}
      </p>
      {/* Who wrote it, and the vote's total beside it once revealed, under the words they must not cover. */}
      <div className="room-card-foot">
        {author > 0 && (
          <p className="room-card-by" style={{ fontSize: author }}>
            {note.author || 'Someone'} · {departmentName(note.department)}
          </p>
        )}
        <CardVotes note={note} />
      </div>
    </li>
  );
});

/** A cell's notes as cards filling the box they are given, sized by `cardLayout`. */
export function RoomCards({
  notes,
  level,
  unit,
}: {
  notes: readonly Note[];
  level: CardLevel;
  unit: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const longest = notes.reduce((max, n) => Math.max(max, n.text.length), 0);
  const layout =
    size.width > 0 && size.height > 0
      ? cardLayout({
          count: notes.length,
          longest,
          width: size.width,
          height: size.height,
          ...cardSizes(level, unit),
        })
      : null;
  const hidden = layout ? notes.length - layout.shown : 0;
  return (
    <div className="room-cards" ref={box}>
      {layout && (
        <ul
          className="room-card-grid"
          style={{
            gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
            gap: cardSizes(level, unit).gap,
          }}
        >
          {notes.slice(0, layout.shown).map((note) => (
            <RoomCard
              key={note.id}
              note={note}
              text={layout.text}
              author={layout.author}
              lines={layout.lines}
            />
          ))}
          {hidden > 0 && (
            <li className="room-card room-card-more" style={{ fontSize: layout.text }}>
              +{hidden} more {hidden === 1 ? 'note' : 'notes'}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
