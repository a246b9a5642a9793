import './projector.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BoardAccess } from '@shared';
import { BoardCanvas } from '../canvas/BoardCanvas';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { exposeTestApi } from '../board/testApi';
import { useEditor } from '../core/editor/useEditor';
import { hasSizeOf, useEditorValue } from '../core/editor/useEditorValue';
import { useBoardConnection } from '../core/connection/useBoardConnection';
import { NoteDecorationsContext, type NoteDecoration } from '../canvas/noteDecorations';
import { useMeta, useZones } from '../core/store/useBoardStore';
import { useServerClock } from '../core/clock/useServerClock';
import { useSession } from '../core/store/useSession';
import { viewerIdentity, type Identity } from '../core/identity/identity';
import { VoteDisplayContext } from '../core/votes/voteDisplay';
import { VoteDots } from '../voting/VoteDots';
import { RoomView } from '../room/RoomScenes';
import { sceneKey } from '../room/roomScene';
import { useRoomBoard } from '../room/useRoomBoard';
import { joinUrl, type ProjectorLink } from './projectorLink';
import { ProjectorRail } from './ProjectorRail';
import { useCanvasSize } from '../canvas/useCanvasSize';
import { useProjectorView } from './useProjectorView';
import { useProjectorVote } from './useProjectorVote';
// The guided workshop: the running step, large, above the projected board.
import { StepBanner } from '../agenda/StepBanner';
import { useAgenda } from '../agenda/useAgenda';

/** The board page's vote dots on each note; the projector has no comparison or private notes to mark. */
const DECORATIONS: readonly NoteDecoration[] = [VoteDots];

/**
 * The room's screen: `/b/<id>/projector#view=<viewToken>&join=<editToken>`. It connects with the view
 * token (read only, whoever walks up to it), shows what the room reads best (the whole board as the 5 x 6
 * matrix, the focused layer's six areas or one area, with every note as a large card; the canvas with
 * the coverage overlay where the facilitator looks closer), follows the focus or the facilitator, and
 * shows the timer and a QR code of the join link.
 */
export function ProjectorPage({ boardId, link }: { boardId: string; link: ProjectorLink }) {
  // Its own presence, named for what it is: in the participant list it is the room's screen, not a person.
  const [identity] = useState<Identity>(() => ({ ...viewerIdentity(), name: 'Projector' }));
  const access = useMemo<BoardAccess>(() => ({ role: 'view', token: link.viewToken }), [link.viewToken]);
  const connection = useBoardConnection(boardId, access, identity);
  if (!connection) return null;
  const join = link.joinToken ? joinUrl(location.origin, boardId, link.joinToken) : null;
  return <ProjectorScreen connection={connection} identity={identity} joinLink={join} />;
}

function ProjectorScreen({
  connection,
  identity,
  joinLink,
}: {
  connection: BoardConnection;
  identity: Identity;
  joinLink: string | null;
}) {
  const meta = useMeta(connection.store);
  const zones = useZones(connection.store);
  const session = useSession(connection.doc);
  const clock = useServerClock(connection);
  // Read only (a view token): nobody at the screen selects or edits; the camera follows the room.
  const editor = useEditor(connection, identity);
  const agenda = useAgenda(connection.doc);
  const stageBox = useRef<HTMLDivElement>(null);
  useCanvasSize(stageBox, editor);
  const hasSize = useEditorValue(editor, hasSizeOf);
  const { shows, scene } = useProjectorView(editor, session, zones);
  const room = useRoomBoard(connection.store);
  const vote = useProjectorVote(editor, identity);

  useEffect(() => exposeTestApi(connection, () => editor.camera), [connection, editor]);
  useEffect(() => {
    document.title = `${meta.title || 'Board'} · Projector`;
  }, [meta.title]);

  return (
    <div className="projector">
      <StepBanner agenda={agenda} clock={clock} variant="projector" />{' '}
      <main
        className="projector-stage"
        ref={stageBox}
        aria-label="The board, as projected"
        data-scene={sceneKey(scene)}
      >
        {scene.kind !== 'canvas' ? (
          <VoteDisplayContext.Provider value={vote.display}>
            <RoomView board={room} scene={scene} />
          </VoteDisplayContext.Provider>
        ) : (
          hasSize && (
            <NoteDecorationsContext.Provider value={DECORATIONS}>
              <VoteDisplayContext.Provider value={vote.display}>
                <BoardCanvas editor={editor} readOnly coverageOverlay />
              </VoteDisplayContext.Provider>
            </NoteDecorationsContext.Provider>
          )
        )}
      </main>
      <ProjectorRail
        connection={connection}
        title={meta.title}
        session={session}
        clock={clock}
        shows={shows}
        voting={vote.voting}
        joinLink={joinLink}
      />
    </div>
  );
}
