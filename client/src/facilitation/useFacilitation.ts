import { useCallback, useEffect, useMemo } from 'react';
import {
  NOTE_HEIGHT,
  NOTE_WIDTH,
  placeNoteInFocus,
  randomId,
  readSession,
  summonEveryone,
  type SessionPerson,
  type SessionSnapshot,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Editor } from '../core/editor/Editor';
import { readOnlyOf, useEditorValue } from '../core/editor/useEditorValue';
import type { Point } from '../core/viewport/viewport';
import type { Identity } from '../core/identity/identity';
import type { ServerClock } from '../core/clock/ServerClock';
import { useFocusFlight } from './useFocusFlight';
import { useServerClock } from '../core/clock/useServerClock';
import { useSession } from '../core/store/useSession';
import { useSummonReceiver } from './useSummon';
import { useViewFlight } from './useViewFlight';

/** What the facilitation UI of one board page works with. */
export interface Facilitation {
  connection: BoardConnection;
  session: SessionSnapshot;
  clock: ServerClock;
  /** This person, as the session records them. */
  me: SessionPerson;
  /** Whether this page may take the role and run the workshop (an edit link the server accepts). */
  canFacilitate: boolean;
  /** Whether this person holds the facilitator role (on any of their tabs). */
  isFacilitator: boolean;
  /**
   * "Bring everyone here": asks every other page to show what this tab shows, through the document (only
   * the facilitator may; throws a CommandError for anyone else).
   */
  summon(): void;
}

/**
 * The board page's facilitation wiring: the session, the server clock, flying to a new focus, answering
 * the facilitator's "bring everyone here", and placing new notes in the focus.
 */
export function useFacilitation(editor: Editor, identity: Identity): Facilitation {
  const { connection } = editor;
  const readOnly = useEditorValue(editor, readOnlyOf);
  const session = useSession(connection.doc);
  const clock = useServerClock(connection);
  const fly = useViewFlight(editor);
  useFocusFlight(editor, session.focus, fly);
  useSummonReceiver(editor, fly);

  // A new note centred on `at` goes into the focused layer or area, unless the person placed it
  // explicitly (a double-click) inside another zone.
  const { doc, store } = connection;
  useEffect(() => {
    editor.setPlacement((at: Point, explicit: boolean) =>
      placeNoteInFocus({
        zones: store.getZones(),
        notes: store.allNotes(),
        focus: readSession(doc).focus,
        at,
        explicit,
        w: NOTE_WIDTH,
        h: NOTE_HEIGHT,
      }),
    );
    return () => editor.setPlacement(null);
  }, [editor, doc, store]);
  const { id, name, color } = identity;
  const summon = useCallback(() => {
    // What this tab shows, as it was last shared with the others.
    const viewport = connection.presence.local.getViewport();
    if (viewport) summonEveryone(doc, { id: randomId(), by: id, viewport }, connection.origin, clock.now());
  }, [doc, connection, clock, id]);

  return useMemo(
    () => ({
      connection,
      session,
      clock,
      me: { id, name, color },
      canFacilitate: !readOnly,
      isFacilitator: !readOnly && session.facilitator?.id === id,
      summon,
    }),
    [connection, session, clock, id, name, color, readOnly, summon],
  );
}
