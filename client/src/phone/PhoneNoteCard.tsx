import { memo, type ReactNode } from 'react';
import { noteFill, type Note } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import { departmentName } from '../core/store/departments';

/**
 * A note as a card a phone can read: its kind, its whole text, who wrote it and for which department,
 * and, once a vote is revealed, its dots. With `onEdit` the card is a button that opens the editor.
 */
export const PhoneNoteCard = memo(function PhoneNoteCard({
  note,
  dots,
  onEdit,
  isPrivate = false,
  children,
}: {
  note: Note;
  /** Dots to show (after a reveal); null hides them. */
  dots?: number | null;
  onEdit?: (id: string) => void;
  /** Still in the person's private notes: drawn dashed, as on the canvas. */
  isPrivate?: boolean;
  children?: ReactNode;
}) {
  const kind = KIND_STYLE[note.kind];
  const body = (
    <>
      <span className="phone-card-head">
        <span className="phone-card-kind" style={{ color: kind.color }}>
          <span aria-hidden>{kind.glyph}</span> {note.kind}
        </span>
        {dots != null && dots > 0 && (
          <span className="phone-card-dots">
            <span aria-hidden>●</span> {dots} {dots === 1 ? 'dot' : 'dots'}
          </span>
        )}
      </span>
      <span className="phone-card-text">{note.text || <em>(empty note)</em>}</span>
      <span className="phone-card-by">
        {note.author || 'Someone'} · {departmentName(note.department)}
      </span>
    </>
  );
  const style = { borderLeftColor: noteFill(note.color) };
  return (
    <li
      className={isPrivate ? 'phone-card phone-card-private' : 'phone-card'}
      data-note-id={note.id}
      style={style}
    >
      {onEdit ? (
        <button type="button" className="phone-card-body" onClick={() => onEdit(note.id)}>
          {body}
          <span className="visually-hidden">, edit</span>
        </button>
      ) : (
        <div className="phone-card-body">{body}</div>
      )}
      {children}
    </li>
  );
});
