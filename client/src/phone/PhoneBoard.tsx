import { useCallback, useEffect, useState } from 'react';
import { createProjector, shownRound } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { exposeTestApi } from '../board/testApi';
import { useConnectionState } from '../core/connection/useBoardConnection';
import { useMeta } from '../core/store/useBoardStore';
import type { NoteSource } from '../core/store/useLiveNoteText';
import { useServerClock } from '../core/clock/useServerClock';
import { noteColorOf, type Identity } from '../core/identity/identity';
import { useSession } from '../core/store/useSession';
import { usePrivateNotes } from '../core/private/usePrivateNotes';
import { AddPanel } from './AddPanel';
import { placeLabel } from './boardListing';
import { BoardList } from './BoardList';
import { NoteSheet } from '../core/ui/NoteSheet';
import { PhoneTabPanel } from './PhoneTabPanel';
import { PhoneTabs, type PhoneTab } from './PhoneTabs';
import { PhoneTimer } from './PhoneTimer';
import { PhoneTopBar } from './PhoneTopBar';
import { usePhoneUndo } from './usePhoneUndo';
import { useRecentNotes } from './useRecentNotes';
import { VotePanel } from './VotePanel';
import './phone.css';
// The guided workshop: the running step under the top bar.
import { StepBanner } from '../agenda/StepBanner';
import { useAgenda } from '../agenda/useAgenda';

/** The phone has no canvas view; the test API still wants one. */
const NO_VIEW = { x: 0, y: 0, scale: 1 };

/**
 * The board on a phone: no canvas to drag on, but three tabs made for a thumb. Add (the default) to
 * write notes into the focused cell quickly, Board to read the board as a list, and Vote while a vote
 * runs. "Full board" switches to the canvas.
 */
export function PhoneBoard({
  connection,
  identity,
  onFullBoard,
}: {
  connection: BoardConnection;
  identity: Identity;
  onFullBoard: () => void;
}) {
  const { doc, origin, store, undoManager } = connection;
  const connectionState = useConnectionState(connection);
  // A refused link must not invite edits that could never reach anyone.
  const readOnly = connection.readOnly || connectionState.kind === 'refused';
  const meta = useMeta(store);
  const session = useSession(doc);
  const clock = useServerClock(connection);
  const agenda = useAgenda(doc);
  const recent = useRecentNotes(connection.boardId);
  const brainstorm = usePrivateNotes(connection, identity, readOnly);
  const undo = usePhoneUndo(undoManager, brainstorm.notes?.undoManager ?? null);
  const [tab, setTab] = useState<PhoneTab>(readOnly ? 'board' : 'add');
  const [editing, setEditing] = useState<{ id: string; isPrivate: boolean } | null>(null);

  const tabs: PhoneTab[] = [
    ...(readOnly ? [] : (['add'] as const)),
    'board',
    ...(session.vote ? (['vote'] as const) : []),
  ];
  // The vote ended while its tab was open, or the link turned out refused: show the first tab left.
  const shown = tabs.includes(tab) ? tab : tabs[0]!;

  useEffect(() => exposeTestApi(connection, () => NO_VIEW), [connection]);
  useEffect(() => {
    document.title = meta.title ? `${meta.title} · IoT Decision Board` : 'IoT Decision Board';
  }, [meta.title]);

  const edit = useCallback((id: string, isPrivate = false) => setEditing({ id, isPrivate }), []);
  const stopEditing = useCallback(() => setEditing(null), []);
  const boardSource: NoteSource = { doc, store, origin };
  const editSource: NoteSource | null = editing ? (editing.isPrivate ? brainstorm.notes : boardSource) : null;

  return (
    <div className="phone-page">
      <PhoneTopBar
        connection={connection}
        title={meta.title}
        session={session}
        timer={<PhoneTimer timer={session.timer} clock={clock} />}
        undo={readOnly ? null : undo}
        onFullBoard={onFullBoard}
      />
      <StepBanner agenda={agenda} clock={clock} variant="phone" />
      {connectionState.kind === 'refused' && (
        <div className="banner" role="alert">
          The server refused this link ({connectionState.reason}). You can read what this phone kept, but
          changes cannot be saved. Ask the facilitator for a current link.
        </div>
      )}
      <PhoneTabs tabs={tabs} value={shown} onChange={setTab} voteOpen={session.vote?.status === 'open'} />
      {!readOnly && (
        <PhoneTabPanel tab="add" shown={shown}>
          <AddPanel
            connection={connection}
            author={{ name: identity.name, department: identity.department, color: noteColorOf(identity) }}
            focus={session.focus}
            brainstorm={brainstorm}
            recent={recent.ids}
            onAdded={recent.remember}
            onEdit={edit}
          />
        </PhoneTabPanel>
      )}
      {/* Board and Vote are drawn only while shown: they summarise every note, and a hidden list need not follow. */}
      <PhoneTabPanel tab="board" shown={shown}>
        {shown === 'board' && (
          <BoardList
            store={store}
            focus={session.focus}
            dots={shownRound(session)?.totals ?? null}
            onEdit={readOnly ? undefined : edit}
          />
        )}
      </PhoneTabPanel>
      {session.vote && (
        <PhoneTabPanel tab="vote" shown={shown}>
          {shown === 'vote' && (
            <VotePanel
              connection={connection}
              identity={identity}
              readOnly={readOnly}
              focus={session.focus?.layer ?? null}
            />
          )}
        </PhoneTabPanel>
      )}
      {editing && editSource && (
        <NoteSheet
          source={editSource}
          id={editing.id}
          where={editing.isPrivate ? 'Private until revealed' : whereOnBoard(connection, editing.id)}
          onDone={stopEditing}
          onDeleted={stopEditing}
        />
      )}
    </div>
  );
}

function whereOnBoard(connection: BoardConnection, id: string): string {
  const note = connection.store.getNote(id);
  return note ? placeLabel(createProjector(connection.store.getZones()).placeNote(note)) : '';
}
