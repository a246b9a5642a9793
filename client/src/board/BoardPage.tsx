import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { zoneKey, type BoardAccess } from '@shared';
import { ExportMenu } from '../exports/ExportMenu';
import { FacilitateMenu } from '../facilitation/FacilitateMenu';
import { SessionStrip } from '../facilitation/SessionStrip';
import { useFacilitation } from '../facilitation/useFacilitation';
import type { Identity } from '../core/identity/identity';
import { IdentityButton } from '../core/identity/IdentityButton';
import { FollowIndicator } from '../presence/FollowIndicator';
import { ParticipantsButton } from '../presence/ParticipantsButton';
import { useBoardPresence } from '../presence/useBoardPresence';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { BoardTitle } from './BoardTitle';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { ConnectionBadge } from '../core/connection/ConnectionBadge';
import { ContextMenu } from './ContextMenu';
import { LinkLabelEditor } from '../canvas/LinkLabelEditor';
import { NoteEditor } from '../canvas/NoteEditor';
import { SharePanel } from './SharePanel';
import { exposeTestApi } from './testApi';
import { Toolbar, ZoomControls } from './Toolbar';
import type { Editor } from '../core/editor/Editor';
import { useEditor } from '../core/editor/useEditor';
import {
  actionsOf,
  cameraOf,
  editingOf,
  hasSizeOf,
  selectionOf,
  useEditorValue,
} from '../core/editor/useEditorValue';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import { useBoardConnection, useConnectionState } from '../core/connection/useBoardConnection';
import { useLinks, useMeta, useZones } from '../core/store/useBoardStore';
import { useBoardCamera } from '../canvas/useBoardCamera';
import { useCanvasSize } from '../canvas/useCanvasSize';
import { ViewOnlyNotice } from './ViewOnlyNotice';
// The keyboard's way into the canvas, the live region, focus never on body.
import { CanvasKeyboardProxy } from '../canvas/CanvasKeyboardProxy';
import { LiveRegion } from '../core/ui/LiveRegion';
import { useFocusKeeper } from '../core/ui/useFocusKeeper';
import { useSelectionKind } from './useSelectionKind';
import { useShortcuts } from './useShortcuts';
import { AnalysisPanels } from '../panels/AnalysisPanels';
import { AnalysisToolbar } from '../panels/AnalysisToolbar';
import { useMinimapShown } from '../panels/useMinimapShown';
import { useAnalysisPanels } from '../panels/useAnalysisPanels';
import { LazyStructuredView as StructuredView } from '../views/LazyStructuredView';
import { ViewSwitcher, type BoardViewKind } from '../views/ViewSwitcher';
import { LazyPhoneBoard as PhoneBoard } from '../phone/LazyPhoneBoard';
import { PhoneLayoutButton } from '../phone/PhoneLayoutButton';
import { usePhoneLayout } from '../phone/usePhoneLayout';
import { useRememberBoard } from '../start/useRememberBoard';
import { useWorkshopTools } from './useWorkshopTools';
import { WorkshopProviders } from './WorkshopProviders';
import { WorkshopLayers } from './WorkshopLayers';
import { WorkshopBanners, WorkshopDock, WorkshopToggles } from './WorkshopPanels';
import { LazyBoardOverview as BoardOverview } from '../room/LazyBoardOverview';
import type { RoomTarget } from '../room/RoomScenes';
// The guided workshop: the Agenda button, the step banner and the review column.
import { AgendaMenu } from '../agenda/AgendaMenu';
import { BoardStepBanner } from '../agenda/BoardStepBanner';
import { ReviewDock } from '../agenda/ReviewDock';
import { useAgendaTools } from '../agenda/useAgendaTools';

export function BoardPage({
  boardId,
  access,
  identity,
  takeFocus = false,
}: {
  boardId: string;
  access: BoardAccess;
  identity: Identity;
  /** Give the keyboard to the board once it opens (the person has just joined from the dialog). */
  takeFocus?: boolean;
}) {
  const connection = useBoardConnection(boardId, access, identity);
  useRememberBoard(connection);
  const layout = usePhoneLayout();
  if (!connection) return null;
  if (layout.phone) {
    return (
      <PhoneBoard connection={connection} identity={identity} onFullBoard={() => layout.choose('full')} />
    );
  }
  return (
    <>
      <OpenBoard connection={connection} identity={identity} takeFocus={takeFocus} />
      {layout.phoneSized && <PhoneLayoutButton onClick={() => layout.choose('phone')} />}
    </>
  );
}

/** Whether no text field of the canvas (a note's text, a link's label) is open. */
const notTypingOf = (editor: Editor): boolean => editor.editingId === null && editor.labelLinkId === null;
const selectionSizeOf = (editor: Editor): number => editor.selection.size;

function OpenBoard({
  connection,
  identity,
  takeFocus,
}: {
  connection: BoardConnection;
  identity: Identity;
  takeFocus: boolean;
}) {
  const { store } = connection;
  const editor = useEditor(connection, identity);
  const connectionState = useConnectionState(connection);
  // A refused link must not invite edits that could never reach anyone.
  const readOnly = connection.readOnly || connectionState.kind === 'refused';
  useLayoutEffect(() => editor.setReadOnly(readOnly), [editor, readOnly]);
  const meta = useMeta(store);
  const zones = useZones(store);
  const stageBox = useRef<HTMLDivElement>(null);
  useCanvasSize(stageBox, editor);
  const hasSize = useEditorValue(editor, hasSizeOf);
  const minimap = useMinimapShown();
  // Board (the canvas), Grid or Roadmap: the structured views replace the canvas while they are shown.
  const [boardView, setBoardView] = useState<BoardViewKind>('board');
  // The canvas selection stays behind when the canvas is hidden: the toolbar (delete, kind, colour)
  // must not act on notes the person cannot see.
  const switchView = useCallback(
    (next: BoardViewKind) => {
      setBoardView(next);
      if (next !== 'board') editor.clearSelection();
    },
    [editor],
  );
  const notTyping = useEditorValue(editor, notTypingOf);
  const selectionSize = useEditorValue(editor, selectionSizeOf);
  const [sharing, setSharing] = useState(false);

  const facilitation = useFacilitation(editor, identity);
  // Dot voting, private notes and iterations; private notes' edits go to their own document.
  const workshop = useWorkshopTools(editor, identity);
  const actions = useEditorValue(editor, actionsOf);
  // a11y wiring: the editor's voice speaks on the server's clock; focus never falls to the page body.
  useEffect(() => editor.setClock(facilitation.clock.now), [editor, facilitation.clock.now]);
  // The guided workshop: the agenda and its running step, for the banner, the menu and the review.
  const agendaTools = useAgendaTools(connection, facilitation.clock, {
    id: identity.id,
    isFacilitator: facilitation.isFacilitator,
    canEdit: !readOnly,
  });
  const keyboardProxy = useRef<HTMLDivElement>(null);
  useFocusKeeper(useCallback(() => keyboardProxy.current ?? stageBox.current, []));
  useEffect(() => {
    const free = document.activeElement === null || document.activeElement === document.body;
    if (takeFocus && free) (keyboardProxy.current ?? stageBox.current)?.focus({ preventScroll: true });
  }, [takeFocus]);
  // Key 0: the whole board as the readable matrix over the canvas, which fits the whole board behind it
  // (so that a projector following this view shows the whole board too).
  const [overview, setOverview] = useState(false);
  const showOverview = useCallback(() => {
    editor.actions.fitBoard();
    setOverview(true);
  }, [editor]);
  const closeOverview = useCallback(() => setOverview(false), []);
  const goFromOverview = useCallback(
    (target: RoomTarget) => {
      setOverview(false);
      const zone = store.getZones().find((z) => z.id === zoneKey(target.layer, target.area));
      if (zone) editor.fit(zone);
    },
    [editor, store],
  );
  // "+ Note" adds where the person is looking: on the canvas, or in the grid's current cell (the canvas
  // is hidden then, and a note added there would be one nobody sees).
  const gridAdd = useRef<(() => void) | null>(null);
  const toolbarActions =
    boardView === 'grid' ? { ...actions, addNoteHere: () => gridAdd.current?.() } : actions;
  const onBoard = notTyping && boardView === 'board';
  useShortcuts(editor, onBoard && !overview, showOverview);

  const selectedKind = useSelectionKind(store, useEditorValue(editor, selectionOf));
  const analysis = useAnalysisPanels(onBoard);

  useEffect(() => exposeTestApi(connection, () => editor.camera), [connection, editor]);
  useBoardPresence(editor, identity);

  useEffect(() => {
    document.title = meta.title ? `${meta.title} · IoT Decision Board` : 'IoT Decision Board';
  }, [meta.title]);

  // The first view: where this device left this board, or the first layer.
  useBoardCamera(editor, zones.length > 0);

  return (
    <div className="board-page">
      <header className="topbar">
        <a className="brand" href="/" title="Start page: your boards, a new workshop, import">
          <span className="brand-mark" aria-hidden>
            ▦
          </span>
          <span className="brand-name">IoT Decision Board</span>
        </a>
        <BoardTitle connection={connection} title={meta.title} readOnly={readOnly} />
        {connection.readOnly && <span className="badge badge-view">View only</span>}
        <ViewSwitcher value={boardView} onChange={switchView} />
        <ConnectionBadge connection={connection} />
        <FacilitateMenu facilitation={facilitation} />
        <AgendaMenu tools={agendaTools} />
        <ParticipantsButton connection={connection} />
        <IdentityButton identity={identity} />
        <button
          type="button"
          className="primary"
          onClick={() => setSharing((s) => !s)}
          aria-expanded={sharing}
        >
          Share
        </button>
        {sharing && <SharePanel connection={connection} onClose={() => setSharing(false)} />}
        <ExportMenu connection={connection} />
      </header>
      <BoardStepBanner tools={agendaTools} />
      {/* The toolbar and the canvas with its docks: key 0's whole board covers them all (the toolbar acts on
          the canvas under it), and only the bar under them, with the focus and the timer, stays in sight. */}
      <div className={`board-work${boardView === 'board' ? ' is-board' : ''}`}>
        {/* What the overview covers is out of reach of Tab and clicks too while it is open. */}
        <div className="board-work-under" inert={overview && boardView === 'board'}>
          <Toolbar
            readOnly={readOnly}
            selectionSize={selectionSize}
            canUndo={workshop.undo.canUndo}
            canRedo={workshop.undo.canRedo}
            actions={toolbarActions}
            selectedKind={selectedKind}
            addNoteUnavailable={
              boardView === 'roadmap' ? 'Add notes on the board or in the grid: the roadmap plans them' : null
            }
          />
          {connectionState.kind === 'refused' && (
            <div className="banner" role="alert">
              The server refused this link ({connectionState.reason}). You can look at what this device kept,
              but changes cannot be saved. Ask the facilitator for a current link.
            </div>
          )}
          <div className="board-body" hidden={boardView !== 'board'}>
            <WorkshopDock
              workshop={workshop}
              facilitatorName={facilitation.session.facilitator?.name ?? null}
            />
            <main className="stage-box" ref={stageBox} aria-label="Board canvas" tabIndex={-1}>
              {/* Tab enters the board here; arrows walk the notes. */}
              {boardView === 'board' && !overview && (
                <CanvasKeyboardProxy ref={keyboardProxy} editor={editor} readOnly={workshop.canvasReadOnly} />
              )}
              {hasSize && (
                <WorkshopProviders workshop={workshop}>
                  <BoardCanvas
                    editor={editor}
                    readOnly={workshop.canvasReadOnly}
                    coverageOverlay={analysis.overlay}
                    shareSelection={!(workshop.voteMode.on && workshop.voting.vote?.status === 'open')}
                  >
                    <WorkshopLayers workshop={workshop} zones={zones} editor={editor} />
                  </BoardCanvas>
                </WorkshopProviders>
              )}
              <CanvasEditors editor={editor} brainstorm={workshop.brainstorm} />
              <FollowIndicator follow={connection.presence.follow} />
              {connection.readOnly && boardView === 'board' && (
                <ViewOnlyNotice editor={editor} canvas={stageBox} />
              )}
            </main>
            {/* The consistency review, docked beside the canvas. */}
            <ReviewDock
              tools={agendaTools}
              onFlyTo={(rect) => editor.flyTo(rect)}
              onSelect={(ids) => editor.select(ids)}
            />
            <AnalysisPanels editor={editor} state={analysis} minimap={minimap.shown} />
          </div>
        </div>
        {overview && boardView === 'board' && (
          <BoardOverview store={store} onPick={goFromOverview} onClose={closeOverview} />
        )}
      </div>
      <WorkshopProviders workshop={workshop}>
        <StructuredView
          kind={boardView}
          connection={connection}
          readOnly={readOnly}
          canEdit={!workshop.canvasReadOnly}
          identity={identity}
          brainstorm={workshop.brainstorm}
          addNoteRef={gridAdd}
        />
      </WorkshopProviders>
      <WorkshopBanners workshop={workshop} />
      <LiveRegion announcer={editor.announcer} />
      {/* Under the canvas, never over it: each side's toggles below the column they open. */}
      <footer className="dock-bar" aria-label="Canvas controls" hidden={boardView !== 'board'}>
        <ZoomControls editor={editor} onWholeBoard={showOverview} />
        <WorkshopToggles workshop={workshop} />
        <SessionStrip facilitation={facilitation} />
        <AnalysisToolbar state={analysis} minimap={minimap} />
      </footer>
    </div>
  );
}

const menuOf = (editor: Editor) => editor.menu;
const labelLinkOf = (editor: Editor) => editor.labelLinkId;

/**
 * What opens over the canvas: a note's text editor (in the document that holds the note), the note menu
 * and a link's label field. Each follows the editor on its own, so the page stays still while they move.
 */
function CanvasEditors({ editor, brainstorm }: { editor: Editor; brainstorm: PrivateBrainstorm }) {
  const editingId = useEditorValue(editor, editingOf);
  const menu = useEditorValue(editor, menuOf);
  const labelLinkId = useEditorValue(editor, labelLinkOf);
  const closeMenu = useCallback(() => editor.closeMenu(), [editor]);
  return (
    <>
      {editingId && (
        <NoteEditor
          editor={editor}
          connection={brainstorm.notes?.has(editingId) ? brainstorm.notes : editor.connection}
          id={editingId}
        />
      )}
      {menu && <ContextMenu at={menu.at} actions={editor.actions} onClose={closeMenu} />}
      {labelLinkId && <LinkLabel editor={editor} linkId={labelLinkId} />}
    </>
  );
}

/** The label field of a link, over its middle wherever the camera goes. */
function LinkLabel({ editor, linkId }: { editor: Editor; linkId: string }) {
  const { store } = editor.connection;
  const links = useLinks(store);
  const camera = useEditorValue(editor, cameraOf);
  const link = links.find((l) => l.id === linkId);
  const a = link && store.getNote(link.from);
  const b = link && store.getNote(link.to);
  if (!link || !a || !b) return null;
  const x = (a.x + a.w / 2 + b.x + b.w / 2) / 2;
  const y = (a.y + a.h / 2 + b.y + b.h / 2) / 2;
  return (
    <LinkLabelEditor
      link={link}
      at={{ x: x * camera.scale + camera.x, y: y * camera.scale + camera.y }}
      onSave={(label) => editor.actions.editLinkLabel(link.id, label)}
      onClose={() => editor.closeLabelEditor()}
    />
  );
}
