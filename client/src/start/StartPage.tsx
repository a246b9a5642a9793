import './start.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { boardPageHref, SAMPLE_BOARD_PATH } from '@shared';
import { createBoard } from '../core/connection/api';
import { ImportPicker } from '../exports/ImportPicker';
import { forgetBoard, type RememberedBoard } from './boardRegistry';
import { openedWhen } from './openedWhen';
import { useRememberedBoards } from './useRememberBoard';

/** The longest workshop name the server keeps. */
const MAX_NAME = 200;

/**
 * The app's front door at `/`: start a new workshop, import one, open the sample, or go back to a board
 * opened on this device. Visiting it creates nothing.
 */
export function StartPage() {
  useEffect(() => {
    document.title = 'IoT Decision Board';
  }, []);
  return (
    <div className="start-page">
      <header className="start-head">
        <span className="brand-mark" aria-hidden>
          ▦
        </span>
        <h1>IoT Decision Board</h1>
        <p className="start-tagline">
          Workshops on the five layers of an IoT product, with everyone on their own screen.
        </p>
      </header>
      <main className="start-main">
        <NewWorkshop />
        <RecentBoards />
        <section className="start-card" aria-labelledby="start-import">
          <h2 id="start-import">Import</h2>
          <ImportPicker
            label="Choose a file (JSON or CSV)"
            hint="A board saved with Export, “Board as JSON”, or a CSV list with a header row naming at least the columns layer, area, kind and text (department, author and horizon may follow)."
          />
        </section>
        <section className="start-card" aria-labelledby="start-sample">
          <h2 id="start-sample">Sample workshop</h2>
          <p className="start-hint">
            A finished workshop on a soil-moisture sensor, as a new board of your own to look around and try
            things on.
          </p>
          <a className="start-link" href={SAMPLE_BOARD_PATH}>
            Open the sample workshop
          </a>
        </section>
      </main>
    </div>
  );
}

function NewWorkshop() {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    createBoard(name.trim() || undefined)
      .then((board) => location.assign(boardPageHref(board.id, { role: 'edit', token: board.editToken })))
      .catch((e: Error) => {
        setBusy(false);
        setError(`The workshop could not be created: ${e.message}`);
      });
  };

  return (
    <section className="start-card start-new" aria-labelledby="start-new">
      <h2 id="start-new">New workshop</h2>
      <form className="start-form" onSubmit={create}>
        <label className="start-field">
          <span>Workshop name</span>
          <input
            type="text"
            value={name}
            maxLength={MAX_NAME}
            placeholder="e.g. Soil-moisture sensor, v2"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create workshop'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function RecentBoards() {
  const boards = useRememberedBoards();
  const section = useRef<HTMLElement>(null);
  // Read once, when the page opens: "5 minutes ago" need not tick.
  const [now] = useState(Date.now);
  // The removed entry's button is gone: keyboard focus moves to the next entry's, or to the heading.
  const remove = (id: string, index: number) => {
    forgetBoard(id);
    requestAnimationFrame(() => {
      const buttons = section.current?.querySelectorAll<HTMLButtonElement>('.recent-remove') ?? [];
      const next = buttons[Math.min(index, buttons.length - 1)];
      (next ?? section.current?.querySelector<HTMLElement>('h2'))?.focus();
    });
  };
  return (
    <section className="start-card start-recent" aria-labelledby="start-recent" ref={section}>
      <h2 id="start-recent" tabIndex={-1}>
        Boards on this device
      </h2>
      {boards.length === 0 ? (
        <p className="start-hint">Boards you open on this device will be listed here.</p>
      ) : (
        <ul className="recent-boards">
          {boards.map((board, index) => (
            <RecentBoard key={board.id} board={board} now={now} onRemove={() => remove(board.id, index)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentBoard({
  board,
  now,
  onRemove,
}: {
  board: RememberedBoard;
  now: number;
  onRemove: () => void;
}) {
  const title = board.title || 'Untitled workshop';
  return (
    <li className="recent-board">
      <a className="recent-title" href={boardPageHref(board.id, board)}>
        {title}
      </a>
      <span className="recent-meta">
        {board.role === 'view' && <span className="recent-role">View only · </span>}
        opened{' '}
        <time
          dateTime={new Date(board.openedAt).toISOString()}
          title={new Date(board.openedAt).toLocaleString()}
        >
          {openedWhen(board.openedAt, now)}
        </time>
      </span>
      <button
        type="button"
        className="recent-remove"
        aria-label={`Remove “${title}” from this list`}
        title="Remove from this list (the board itself stays)"
        onClick={onRemove}
      >
        Remove
      </button>
    </li>
  );
}
