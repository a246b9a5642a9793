import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BoardStore } from '../core/store/BoardStore';
import type { NoteHandlers } from '../canvas/NoteNode';
import type { Identity } from '../core/identity/identity';
import { noteLabel } from '../core/ui/NoteCard';
import type { VoteDisplay } from '../core/votes/voteDisplay';
import { ARROW_DIRECTIONS, nextInDirection } from './voteKeyboard';
import { refusalMessage, resultsByNote } from './voteTally';
import type { Voting } from './useVoting';

const MESSAGE_MS = 6000;

/** Dot voting on the canvas for one person: whether clicks place dots, what they are told, the dots shown. */
export interface VoteMode {
  /** Clicks on notes place dots (the canvas is otherwise read-only meanwhile). */
  on: boolean;
  /** Leave voting to edit, or come back to it (while the vote is open). */
  setOn(on: boolean): void;
  /** What the last dot did or why it was refused, for a live region. */
  message: string | null;
  /** The notes' handlers while voting: a click places a dot, Alt+click, right-click or a dot's × takes one. */
  handlers: NoteHandlers;
  /** What the notes draw: own dots while open, totals once revealed; null without a vote. */
  display: VoteDisplay | null;
  /** Places (or takes back) a dot on a note and says what happened: for keyboards and other surfaces. */
  act(noteId: string, action: 'place' | 'remove'): Promise<void>;
}

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable]');
}

/**
 * The canvas's voting mode. Keys while it is on: + (or =) puts a dot on the selected note, − (or
 * Delete) takes one back, the arrows move to the next note in the vote; a focused card of the grid or
 * roadmap takes + and − too.
 */
export function useVoteMode(
  voting: Voting,
  identity: Identity,
  store: BoardStore,
  selection: ReadonlySet<string>,
  showNote: (id: string) => void,
): VoteMode {
  const { vote } = voting;
  const [optedOut, setOptedOut] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const on = voting.canVote && vote !== null && optedOut !== vote.id;

  const latest = useRef({ voting, selection, showNote });
  useEffect(() => {
    latest.current = { voting, selection, showNote };
  });

  // A new vote, a reveal or the end: what the last dot did is old news.
  const phase = vote ? `${vote.id}:${vote.status}` : null;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setMessage(null);
  }, [phase]);

  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message]);

  const act = useCallback(
    async (noteId: string, action: 'place' | 'remove') => {
      const current = latest.current.voting;
      const label = noteLabel(store.getNote(noteId));
      const of = `${current.vote?.dotsPerPerson ?? 0}`;
      // The dot shows at once; what happened is said once the server took it (or refused it).
      const result = await (action === 'place' ? current.place(noteId) : current.remove(noteId));
      setMessage(
        result.ok
          ? `${action === 'place' ? `Dot placed on ${label}` : `Dot taken back from ${label}`}: ${result.dotsLeft} of ${of} left.`
          : refusalMessage(result.reason, current.vote?.scope ?? null),
      );
    },
    [store],
  );

  const handlers = useMemo<NoteHandlers>(
    () => ({
      onPointerDown(id, event) {
        const { button, altKey } = event.evt;
        if (button !== 0 && button !== 2) return;
        latest.current.showNote(id);
        const onDot = !!event.target.findAncestor('.vote-dot', true);
        void act(id, button === 2 || altKey || onDot ? 'remove' : 'place');
      },
      onDragStart(_id, event) {
        event.target.stopDrag();
      },
      onDragMove() {},
      onDragEnd() {},
      onEdit() {},
      onContextMenu(_id, event) {
        event.evt.preventDefault();
      },
    }),
    [act],
  );

  useEffect(() => {
    if (!voting.canVote) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const place = e.key === '+' || e.key === '=';
      const remove = e.key === '-' || e.key === '_' || (on && (e.key === 'Delete' || e.key === 'Backspace'));
      const card =
        e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.card[data-note-id]') : null;
      const { selection: selected, voting: current } = latest.current;
      const target = card?.dataset.noteId ?? (on && selected.size === 1 ? [...selected][0]! : null);
      const direction = ARROW_DIRECTIONS[e.key];
      if (on && !card && direction) {
        const notes = store.allNotes().filter((n) => current.inScope(n));
        const from = target ? (store.getNote(target) ?? null) : null;
        const next = nextInDirection(from, notes, direction);
        e.preventDefault();
        e.stopPropagation();
        if (next) latest.current.showNote(next);
        return;
      }
      // Out of voting mode the canvas's keys are the board's again; a focused card still votes.
      if ((!place && !remove) || (!on && !card)) return;
      e.preventDefault();
      e.stopPropagation();
      if (target) void act(target, place ? 'place' : 'remove');
      else setMessage('Select a note first: click it, or use the arrow keys.');
    };
    // Capture: while voting, these keys mean dots, never the board's nudge or delete.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [voting.canVote, on, store, act]);

  const results = useMemo(() => (voting.results ? resultsByNote(voting.results) : null), [voting.results]);
  const display = useMemo<VoteDisplay | null>(
    () =>
      vote
        ? {
            status: vote.status,
            ballot: voting.ballot,
            color: identity.color,
            inScope: voting.inScope,
            results,
          }
        : null,
    [vote, voting.ballot, identity.color, voting.inScope, results],
  );

  const setOn = useCallback(
    (next: boolean) => setOptedOut(next ? null : (latest.current.voting.vote?.id ?? null)),
    [],
  );
  return { on, setOn, message, handlers, display, act };
}
