import './start.css';
import { useEffect } from 'react';
import { boardPageHref } from '@shared';
import { useRememberedBoards } from './useRememberBoard';

/** Why a board address cannot open a board. */
export type LostLink = 'not-a-board' | 'no-token';

const WORDS: Readonly<Record<LostLink, { title: string; text: string }>> = {
  'not-a-board': {
    title: 'This is not a board address',
    text: 'The link may be cut short or mistyped. Open the link you were given again, in full, or ask the facilitator to send it once more.',
  },
  'no-token': {
    title: 'This link has no access key',
    text: 'A board link ends in “#edit=…” or “#view=…”, which lets you in. Ask the facilitator for the edit link or the view link.',
  },
};

/**
 * What a bogus board address shows instead of a board: what went wrong, and the way to the start page;
 * for a board this device opened before, the link it was opened with.
 */
export function LostLinkPage({ why, boardId }: { why: LostLink; boardId: string }) {
  const { title, text } = WORDS[why];
  const known = useRememberedBoards().find((board) => board.id === boardId);
  useEffect(() => {
    document.title = `${title} · IoT Decision Board`;
  }, [title]);
  return (
    <div className="start-page">
      <main className="lost-link">
        <span className="brand-mark" aria-hidden>
          ▦
        </span>
        <h1>{title}</h1>
        <p>{text}</p>
        {known && (
          <p>
            This device opened it before:{' '}
            <a className="start-link" href={boardPageHref(known.id, known)}>
              open “{known.title || 'Untitled workshop'}”
            </a>
            .
          </p>
        )}
        <a className="start-link" href="/">
          Go to the start page
        </a>
        <p className="start-hint">There you can start a new workshop or open a board you opened before.</p>
      </main>
    </div>
  );
}
