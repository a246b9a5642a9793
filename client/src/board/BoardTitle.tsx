import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_TITLE_LENGTH, renameBoard, titleProblem } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import './boardTitle.css';

/**
 * The workshop's name in the top bar. With the edit link it is a button: clicking it (or Enter) turns it
 * into a field where Enter or leaving the field saves and Escape puts the name back. A view link, or a
 * link the server refused, shows the name only.
 */
export function BoardTitle({
  connection,
  title,
  readOnly,
}: {
  connection: BoardConnection;
  title: string;
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // Where focus goes once the field closes: back to the name, unless the person clicked elsewhere.
  const refocus = useRef(false);
  // Set once Enter or Escape has closed the field: a blur as it leaves the page then changes nothing.
  const closed = useRef(false);
  const editing = draft !== null && !readOnly;

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  if (!editing) {
    const shown = title || 'Loading board…';
    return (
      <h1 className="board-title">
        {readOnly || !title ? (
          shown
        ) : (
          <button
            ref={button}
            type="button"
            className="board-title-button"
            title="Rename the workshop"
            // The name alone could be any control's name (a workshop called "Coverage" beside the Coverage
            // toggle): the name says what the button does too, after the words shown, so it stays unique.
            aria-label={`${shown} (rename)`}
            onClick={() => {
              closed.current = false;
              setProblem(null);
              setDraft(title);
            }}
          >
            {shown}
          </button>
        )}
      </h1>
    );
  }

  const close = (focusName: boolean) => {
    closed.current = true;
    refocus.current = focusName;
    setProblem(null);
    setDraft(null);
  };
  const save = (focusName: boolean) => {
    const why = titleProblem(draft);
    if (why) {
      setProblem(why);
      return false;
    }
    renameBoard(connection.doc, draft, connection.origin);
    close(focusName);
    return true;
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save(true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Escape') return;
    // The board's own Escape (clear the selection) is not for this field.
    e.preventDefault();
    e.stopPropagation();
    close(true);
  };
  // Leaving the field keeps a valid name, as a document title does; an empty one puts the old name back.
  const onBlur = () => {
    if (!closed.current && !save(false)) close(false);
  };

  return (
    <form className="board-title board-title-form" onSubmit={onSubmit} noValidate>
      <input
        ref={input}
        className="board-title-input"
        aria-label="Workshop name"
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'board-title-problem' : undefined}
        maxLength={MAX_TITLE_LENGTH}
        enterKeyHint="done"
        autoComplete="off"
        value={draft}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      {problem && (
        <span id="board-title-problem" className="board-title-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
