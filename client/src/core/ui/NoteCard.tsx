import type { ReactNode } from 'react';
import type { Note } from '@shared';
import { KIND_STYLE } from '../theme/theme';
import { CardVotes } from '../votes/CardVotes';
import { departmentName } from '../store/departments';

/** A note as a card in the grid and roadmap views: kind mark, text, who wrote it and for whom. */
export function NoteCard({ note, children }: { note: Note; children?: ReactNode }) {
  const kind = KIND_STYLE[note.kind];
  return (
    <>
      <span className="card-kind" style={{ color: kind.color }}>
        <span aria-hidden>{kind.glyph}</span> {kind.label.toLowerCase()}
      </span>
      <span className="card-text">{note.text || <em>(empty note)</em>}</span>
      <span className="card-by">
        {note.author || 'Someone'} · {departmentName(note.department)}
      </span>
      <CardVotes note={note} />
      {children}
    </>
  );
}

/** A short name for a note in announcements: its first words. */
export function noteLabel(note: Note | undefined): string {
  if (!note) return 'note';
  const text = note.text.trim().replace(/\s+/g, ' ');
  if (!text) return `${note.kind} note`;
  return text.length > 60 ? `“${text.slice(0, 57)}…”` : `“${text}”`;
}
