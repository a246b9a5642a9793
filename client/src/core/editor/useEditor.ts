import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { BoardConnection } from '../connection/BoardConnection';
import type { Identity } from '../identity/identity';
import { Editor } from './Editor';

/**
 * The Editor of the board a page has open: one per connection, made when the page first renders and
 * again only when the page opens another board. Opening a note's editor is flushed at once (React's
 * `flushSync`), so its textarea has the focus before the next key arrives: the browser hands input to
 * the page ahead of React's next render, and a key typed straight after a double-click used to reach the
 * board's shortcuts (N added another note) and was missing from the text.
 */
export function useEditor(connection: BoardConnection, identity: Identity): Editor {
  const [editor, setEditor] = useState(() => new Editor(connection, identity, { flush: flushSync }));
  // Another board: a new editor, in this same render (React's pattern for state that follows a prop).
  let current = editor;
  if (editor.connection !== connection) {
    current = new Editor(connection, identity, { flush: flushSync });
    setEditor(current);
  }
  useEffect(() => current.setIdentity(identity), [current, identity]);
  return current;
}
