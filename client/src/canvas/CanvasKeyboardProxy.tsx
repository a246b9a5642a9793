import { useId, useMemo, useState, useSyncExternalStore, type KeyboardEvent, type Ref } from 'react';
import { flushSync } from 'react-dom';
import {
  createProjector,
  freeSpotInZone,
  linkNotes,
  moveNotes,
  type Note,
  type Projector,
  type Zone,
} from '@shared';
import type { Editor } from '../core/editor/Editor';
import { actionsOf, selectionOf, useEditorValue } from '../core/editor/useEditorValue';
import {
  cellName,
  describeNote,
  neighbour,
  readingOrder,
  viewShowing,
  type Direction,
} from '../core/editor/keyboardNavigation';
import { PickerDialog } from '../core/ui/PickerDialog';

const KEYS: Record<string, Direction> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  PageDown: 'down',
  PageUp: 'up',
  Home: 'first',
  End: 'last',
};

interface Props {
  editor: Editor;
  readOnly: boolean;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The board canvas as a keyboard and a screen reader meet it. Konva draws into a <canvas>, which says
 * nothing; this element lies over it (taking no pointer events), takes the focus when Tab reaches the
 * board, and is a listbox whose one rendered option is the note the keyboard is on
 * (aria-activedescendant): the arrow keys walk the notes in reading order (keyboardNavigation.ts), select
 * each and bring it into view, and the screen reader says it. Enter, the kind, colour, delete and undo
 * keys are the board's shortcuts on the selected note; N adds a note inside a cell and says which; M
 * moves the note to a cell and L links it to another, each through a list (PickerDialog).
 */
export function CanvasKeyboardProxy(props: Props) {
  const { editor, readOnly, ref } = props;
  const { store, doc, origin } = editor.connection;
  const { announcer } = editor;
  const selection = useEditorValue(editor, selectionOf);
  const actions = useEditorValue(editor, actionsOf);
  const setSelection = (ids: ReadonlySet<string>) => editor.setSelection(ids);
  // The camera is read when a key acts, never drawn from: walking the notes must not re-render on a pan.
  const setView = (update: Parameters<Editor['setCamera']>[0]) => editor.setCamera(update);
  const version = useSyncExternalStore(store.subscribeNotesVersion, store.getNotesVersion);
  const zones = useSyncExternalStore(store.subscribeZones, store.getZones);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const [dialog, setDialog] = useState<'move' | 'link' | null>(null);
  const helpId = useId();
  const optionPrefix = useId();

  // A note selected by other means (a click, a new note, the grid) is where the keyboard goes on from.
  const single = selection.size === 1 ? [...selection][0]! : null;
  const [seenSingle, setSeenSingle] = useState(single);
  if (single !== seenSingle) {
    setSeenSingle(single);
    if (single !== null) setActiveId(single);
  }

  const active = activeId ? store.getNote(activeId) : undefined;
  // The reading order is worked out only while the keyboard is here: boards of thousands of notes
  // must not pay for it on every change when nobody walks them.
  const order = useMemo(
    () => (focused || dialog ? notesInOrder(store, projector, version) : []),
    [focused, dialog, store, projector, version],
  );
  const index = active ? order.findIndex((e) => e.note.id === active.id) : -1;

  const go = (note: Note, show = true) => {
    setActiveId(note.id);
    setSelection(new Set([note.id]));
    if (show) setView((v) => viewShowing(v, editor.size, note));
  };

  const onFocus = () => {
    setFocused(true);
    if (active) {
      if (!selection.has(active.id)) setSelection(new Set([active.id]));
      return;
    }
    // Coming in from Tab with no note yet: the first note in sight, else none until an arrow key.
    const { camera: view, size } = editor;
    const first = readingOrder(store.allNotes(), projector).find(({ note }) => {
      const left = note.x * view.scale + view.x;
      const top = note.y * view.scale + view.y;
      return (
        left < size.width &&
        top < size.height &&
        left + note.w * view.scale > 0 &&
        top + note.h * view.scale > 0
      );
    });
    // Already in sight: the board stays where the person had it.
    if (first) go(first.note, false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const direction = KEYS[e.key];
    // Shift with an arrow nudges the note (the board's shortcut); the plain arrows walk.
    if (direction && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      // Read now, not from the render: the focus may have come back while React was committing (a
      // closed dialog hands it back then), when React hears no focus event.
      if (!focused) setFocused(true);
      const now = readingOrder(store.allNotes(), projector);
      const next = neighbour(
        now.map((entry) => entry.note),
        active?.id ?? null,
        direction,
      );
      if (next) go(next);
      else
        announcer.say(
          now.length === 0 ? 'No notes on the board yet: press N to add one' : 'No more notes that way',
        );
      return;
    }
    const key = e.key.toLowerCase();
    if (e.key === 'Enter' && active && !selection.has(active.id)) {
      // The board's Enter edits the selected note: the note the keyboard is on becomes it first.
      flushSync(() => setSelection(new Set([active.id])));
      return;
    }
    if (key === 'n' && !readOnly) {
      e.preventDefault();
      e.stopPropagation();
      actions.addNoteInCell(active ? { x: active.x + active.w / 2, y: active.y + active.h / 2 } : null);
    } else if ((key === 'm' || key === 'l') && !readOnly) {
      e.preventDefault();
      e.stopPropagation();
      if (!active) announcer.say('Choose a note first with the arrow keys');
      else setDialog(key === 'm' ? 'move' : 'link');
    }
  };

  const moveTo = (zoneId: string) => {
    const zone = zones.find((z) => z.id === zoneId);
    const ids = [...selection].filter((id) => store.getNote(id));
    setDialog(null);
    if (!zone || ids.length === 0) return;
    const others = store.allNotes().filter((n) => !selection.has(n.id));
    const placed: { id: string; x: number; y: number }[] = [];
    for (const id of ids) {
      const note = store.getNote(id)!;
      const spot = freeSpotInZone(
        zone,
        [...others, ...placed.map((p) => ({ ...p, w: note.w, h: note.h }))],
        note.w,
        note.h,
      );
      placed.push({ id, ...spot });
    }
    moveNotes(doc, placed, origin);
    const first = store.getNote(placed[0]!.id);
    if (first) setView((v) => viewShowing(v, editor.size, first));
    announcer.say(`${ids.length === 1 ? 'Note' : `${ids.length} notes`} moved to ${cellName(zone)}`);
  };

  const linkTo = (id: string) => {
    setDialog(null);
    const from = active;
    const to = store.getNote(id);
    if (!from || !to) return;
    linkNotes(doc, { from: from.id, to: to.id }, origin);
    announcer.say(`Linked: ${from.text.trim() || 'the note'} affects ${to.text.trim() || 'an empty note'}`);
  };

  const optionId = active ? `${optionPrefix}-note` : undefined;
  return (
    <>
      <div
        ref={ref}
        className="canvas-keyboard-proxy"
        role="listbox"
        tabIndex={0}
        aria-label="Notes on the board"
        aria-describedby={helpId}
        aria-activedescendant={optionId}
        onFocus={onFocus}
        onBlur={(e) => e.target === e.currentTarget && setFocused(false)}
        onKeyDown={onKeyDown}
        data-testid="canvas-keyboard-proxy"
      >
        {active && (
          <div
            id={optionId}
            role="option"
            aria-selected="true"
            aria-posinset={index >= 0 ? index + 1 : undefined}
            aria-setsize={index >= 0 ? order.length : undefined}
            className="visually-hidden"
          >
            {describeNote(active, projector.placeNote(active))}
          </div>
        )}
      </div>
      <p id={helpId} hidden>
        Arrow keys move between notes in reading order, Page Up and Page Down to the note above or below.
        {readOnly
          ? ''
          : ' Enter edits the note, N adds a note in its cell, M moves it to another cell, L links it to another note; I, Q, D and R set its kind, Delete removes it.'}
      </p>
      {dialog === 'move' && (
        <PickerDialog
          title="Move to cell"
          fieldLabel="Find a cell"
          items={areaZones(zones).map((z) => ({ id: z.id, label: cellName(z) }))}
          empty="No cell has that name"
          onPick={moveTo}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'link' && active && (
        <PickerDialog
          title={`Link to: what "${active.text.trim() || 'this note'}" affects`}
          fieldLabel="Find a note"
          items={order
            .filter((e) => e.note.id !== active.id)
            .map((e) => ({ id: e.note.id, label: describeNote(e.note, e.placement) }))}
          empty="No other note matches"
          onPick={linkTo}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

/** The notes in reading order as of `version` of the store's notes (the memo's key). */
function notesInOrder(store: Editor['connection']['store'], projector: Projector, version: number) {
  void version;
  return readingOrder(store.allNotes(), projector);
}

function areaZones(zones: readonly Zone[]): Zone[] {
  return zones.filter((z) => z.area !== null);
}
