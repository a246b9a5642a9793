import { useLayoutEffect, useMemo, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { boundsOf, type Rect } from '@shared';
import type { Identity } from '../identity/identity';
import { fitRect, zoomAt, type Point, type Viewport } from '../viewport/viewport';
import { createCommands, type BoardActions, type CommandHost, type NoteSurface } from './commands';

export type { BoardActions, NoteSurface } from './commands';

export interface EditorState {
  view: Viewport;
  size: { width: number; height: number };
  selection: ReadonlySet<string>;
  selectedLinkId: string | null;
  readOnly: boolean;
  pointer: RefObject<Point | null>;
  placeNote?: (at: Point, explicit: boolean) => Point;
  /** Says something in the board's live region. */
  announce?: (sentence: string) => void;
}

export interface EditorSetters {
  setView: Dispatch<SetStateAction<Viewport>>;
  setSelection: Dispatch<SetStateAction<ReadonlySet<string>>>;
  setSelectedLinkId: (id: string | null) => void;
  setEditingId: (id: string | null) => void;
}

/**
 * The commands for state still held in React (the step before the page hands it to the Editor): a
 * CommandHost over the latest render's state and React's setters.
 */
export function useBoardActions(
  connection: NoteSurface,
  identity: Identity,
  state: EditorState,
  set: EditorSetters,
): BoardActions {
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });
  const { setView, setSelection, setSelectedLinkId, setEditingId } = set;
  // The ref is read only when an action runs (in an event handler), never during render.
  /* eslint-disable react-hooks/refs */
  return useMemo(() => {
    const s = () => latest.current;
    const fit = (rect: Rect | null) => {
      const { size } = s();
      if (rect && size.width > 0) setView(fitRect(rect, size.width, size.height));
    };
    const host: CommandHost = {
      get selection() {
        return s().selection;
      },
      get selectedLinkId() {
        return s().selectedLinkId;
      },
      get readOnly() {
        return s().readOnly;
      },
      get pointer() {
        return s().pointer.current;
      },
      viewCentre() {
        const { view, size } = s();
        return { x: (size.width / 2 - view.x) / view.scale, y: (size.height / 2 - view.y) / view.scale };
      },
      placeNote: (at, explicit) => s().placeNote?.(at, explicit) ?? at,
      announce: (sentence) => s().announce?.(sentence),
      select(ids) {
        setSelection(new Set(ids));
        setSelectedLinkId(null);
      },
      selectLink: setSelectedLinkId,
      startEditing: setEditingId,
      stopEditing: () => setEditingId(null),
      zoomAt(factor) {
        const { size } = s();
        setView((v) => zoomAt(v, { x: size.width / 2, y: size.height / 2 }, factor));
      },
      fit,
      fitBoard: () => fit(boundsOf([...connection.store.getZones(), ...connection.store.allNotes()])),
    };
    return createCommands(connection, identity, host);
  }, [connection, identity, setView, setSelection, setSelectedLinkId, setEditingId]);
  /* eslint-enable react-hooks/refs */
}
