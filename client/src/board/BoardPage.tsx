import { useCallback, useEffect, useRef, useState } from 'react';
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
import { useBoardActions } from '../core/editor/useBoardActions';
import { useBoardConnection, useConnectionState } from '../core/connection/useBoardConnection';
import { useEditingNote } from '../core/editor/useEditingNote';
import { useLinks, useMeta, useZones } from '../core/store/useBoardStore';
import { useBoardCamera } from '../canvas/useBoardCamera';
import { useCanvasSize } from '../canvas/useCanvasSize';
import { ViewOnlyNotice } from './ViewOnlyNotice';
// a11y wiring (issue 16): the keyboard's way into the canvas, the live region, focus never on body.
import { CanvasKeyboardProxy } from '../canvas/CanvasKeyboardProxy';
import { LiveRegion, useAnnouncer } from '../core/ui/LiveRegion';
import { useFocusKeeper } from '../core/ui/useFocusKeeper';
import { useSelectionKind } from './useSelectionKind';
import { useShortcuts } from './useShortcuts';
import { fitRect, type Point, type Viewport } from '../core/viewport/viewport';
import { AnalysisPanels } from '../panels/AnalysisPanels';
import { AnalysisToolbar } from '../panels/AnalysisToolbar';
import { useMinimapShown } from '../panels/useMinimapShown';
import { useAnalysisPanels } from '../panels/useAnalysisPanels';
import { StructuredView } from '../views/StructuredView';
import { ViewSwitcher, type BoardViewKind } from '../views/ViewSwitcher';
import { PhoneBoard } from '../phone/PhoneBoard';
import { PhoneLayoutButton } from '../phone/PhoneLayoutButton';
import { usePhoneLayout } from '../phone/usePhoneLayout';
import { useRememberBoard } from '../start/useRememberBoard';
import { useWorkshopTools } from './useWorkshopTools';
import { WorkshopProviders } from './WorkshopProviders';
import { WorkshopLayers } from './WorkshopLayers';
import { WorkshopBanners, WorkshopDock, WorkshopToggles } from './WorkshopPanels';
import { BoardOverview } from '../room/BoardOverview';
import type { RoomTarget } from '../room/RoomScenes';
// Guided workshop wiring (issue 18): the Agenda button, the step banner and the review column.
import { AgendaMenu } from '../agenda/AgendaMenu';
import { BoardStepBanner } from '../agenda/BoardStepBanner';
import { ReviewDock } from '../agenda/ReviewDock';
import { useAgendaTools } from '../agenda/useAgendaTools';

export function BoardPage({
  boardId,
  access,
  identity,
}: {
  boardId: string;
  access: BoardAccess;
  identity: Identity;
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
      <OpenBoard connection={connection} identity={identity} />
      {layout.phoneSized && <PhoneLayoutButton onClick={() => layout.choose('phone')} />}
    </>
  );
}

function OpenBoard({ connection, identity }: { connection: BoardConnection; identity: Identity }) {
  const { store } = connection;
  const connectionState = useConnectionState(connection);
  // A refused link must not invite edits that could never reach anyone.
  const readOnly = connection.readOnly || connectionState.kind === 'refused';
  const meta = useMeta(store);
  const zones = useZones(store);
  const links = useLinks(store);
  const stageBox = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ x: 0, y: 0, scale: 0.5 });
  const size = useCanvasSize(stageBox, view, setView);
  const minimap = useMinimapShown();
  // Board (the canvas), Grid or Roadmap: the structured views replace the canvas while they are shown.
  const [boardView, setBoardView] = useState<BoardViewKind>('board');
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [selectedLinkId, setSelectedLinkId] = useState<string | null>(null);
  // The canvas selection stays behind when the canvas is hidden: the toolbar (delete, kind, colour)
  // must not act on notes the person cannot see.
  const switchView = useCallback((next: BoardViewKind) => {
    setBoardView(next);
    if (next !== 'board') {
      setSelection(new Set());
      setSelectedLinkId(null);
    }
  }, []);
  const [editingId, setEditingId] = useEditingNote();
  const [labelLinkId, setLabelLinkId] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ at: Point } | null>(null);
  const [sharing, setSharing] = useState(false);
  const pointer = useRef<Point | null>(null);

  const facilitation = useFacilitation(connection, identity, { view, setView, size, zones, readOnly });
  const announcer = useAnnouncer(connection, facilitation.clock.now); // a11y wiring (issue 16)
  // Guided workshop wiring (issue 18).
  const agendaTools = useAgendaTools(connection, facilitation.clock, {
    id: identity.id,
    isFacilitator: facilitation.isFacilitator,
    canEdit: !readOnly,
  });
  const keyboardProxy = useRef<HTMLDivElement>(null);
  useFocusKeeper(useCallback(() => keyboardProxy.current ?? stageBox.current, []));
  const editor = {
    view,
    size,
    selection,
    selectedLinkId,
    readOnly,
    pointer,
    placeNote: facilitation.placeNote,
    announce: (sentence: string) => announcer.say(sentence), // a11y wiring (issue 16)
  };
  const setters = { setView, setSelection, setSelectedLinkId, setEditingId };
  const boardActions = useBoardActions(connection, identity, editor, setters);
  // Dot voting, private notes and iterations; the actions send private notes' edits to their document.
  const workshop = useWorkshopTools(connection, identity, boardActions, editor, setters);
  const { actions } = workshop;
  // Key 0: the whole board as the readable matrix over the canvas, which fits the whole board behind it
  // (so that a projector following this view shows the whole board too).
  const [overview, setOverview] = useState(false);
  const showOverview = useCallback(() => {
    actions.fitBoard();
    setOverview(true);
  }, [actions]);
  const closeOverview = useCallback(() => setOverview(false), []);
  const goFromOverview = useCallback(
    (target: RoomTarget) => {
      setOverview(false);
      const zone = zones.find((z) => z.id === zoneKey(target.layer, target.area));
      if (zone) setView(fitRect(zone, size.width, size.height));
    },
    [zones, size],
  );
  // "+ Note" adds where the person is looking: on the canvas, or in the grid's current cell (the canvas
  // is hidden then, and a note added there would be one nobody sees).
  const gridAdd = useRef<(() => void) | null>(null);
  const toolbarActions =
    boardView === 'grid' ? { ...actions, addNoteHere: () => gridAdd.current?.() } : actions;
  const spaceHeld = useShortcuts(
    actions,
    editingId === null && labelLinkId === null && boardView === 'board' && !overview,
    showOverview,
  );

  const selectedKind = useSelectionKind(store, selection); // a11y wiring (issue 16)
  const analysis = useAnalysisPanels(editingId === null && labelLinkId === null && boardView === 'board');

  useEffect(() => exposeTestApi(connection, () => view), [connection, view]);
  useBoardPresence(connection, identity, view, setView, size);

  useEffect(() => {
    document.title = meta.title ? `${meta.title} · IoT Decision Board` : 'IoT Decision Board';
  }, [meta.title]);

  // The first view: where this device left this board, or the first layer.
  useBoardCamera(connection.boardId, view, setView, size, zones.length > 0);

  const onPointerBoard = useCallback(
    (p: Point | null) => {
      pointer.current = p;
      connection.setCursor(p);
    },
    [connection],
  );
  const stopEditing = useCallback(() => setEditingId(null), [setEditingId]);
  // Someone else's editor open on the note: a note empty for now is theirs to keep or leave.
  const othersEditing = useCallback(
    (id: string) => connection.presence.getMarks().some((m) => m.editing === id),
    [connection],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  const labelLink = links.find((l) => l.id === labelLinkId);
  const labelAt = labelLink ? linkMidpoint(connection, labelLink.from, labelLink.to, view) : null;

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
        <AgendaMenu tools={agendaTools} /> {/* guided workshop wiring (issue 18) */}
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
      <BoardStepBanner tools={agendaTools} /> {/* guided workshop wiring (issue 18) */}
      {/* The toolbar and the canvas with its docks: key 0's whole board covers them all (the toolbar acts on
          the canvas under it), and only the bar under them, with the focus and the timer, stays in sight. */}
      <div className={`board-work${boardView === 'board' ? ' is-board' : ''}`}>
        {/* What the overview covers is out of reach of Tab and clicks too while it is open. */}
        <div className="board-work-under" inert={overview && boardView === 'board'}>
          <Toolbar
            readOnly={readOnly}
            selectionSize={selection.size}
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
              {/* a11y wiring (issue 16): Tab enters the board here; arrows walk the notes. */}
              {boardView === 'board' && !overview && (
                <CanvasKeyboardProxy
                  ref={keyboardProxy}
                  connection={connection}
                  view={view}
                  size={size}
                  setView={setView}
                  selection={selection}
                  setSelection={setSelection}
                  actions={actions}
                  readOnly={workshop.canvasReadOnly}
                  announcer={announcer}
                />
              )}
              {size.width > 0 && (
                <WorkshopProviders workshop={workshop}>
                  <BoardCanvas
                    connection={connection}
                    readOnly={workshop.canvasReadOnly}
                    width={size.width}
                    height={size.height}
                    view={view}
                    setView={setView}
                    selection={selection}
                    setSelection={setSelection}
                    selectedLinkId={selectedLinkId}
                    setSelectedLinkId={setSelectedLinkId}
                    editingId={editingId}
                    setEditingId={setEditingId}
                    actions={actions}
                    spaceHeld={spaceHeld}
                    onPointerBoard={onPointerBoard}
                    onContextMenu={(_id, at) => !readOnly && setMenu({ at })}
                    onEditLinkLabel={setLabelLinkId}
                    coverageOverlay={analysis.overlay}
                    shareSelection={!(workshop.voteMode.on && workshop.voting.vote?.status === 'open')}
                  >
                    <WorkshopLayers
                      workshop={workshop}
                      zones={zones}
                      selection={selection}
                      setSelection={setSelection}
                      setSelectedLinkId={setSelectedLinkId}
                      editingId={editingId}
                      setEditingId={setEditingId}
                      spaceHeld={spaceHeld}
                      onContextMenu={(_id, at) => !readOnly && setMenu({ at })}
                    />
                  </BoardCanvas>
                </WorkshopProviders>
              )}
              {editingId && (
                <NoteEditor
                  connection={
                    workshop.brainstorm.notes?.has(editingId) ? workshop.brainstorm.notes : connection
                  }
                  id={editingId}
                  view={view}
                  onDone={stopEditing}
                  othersEditing={othersEditing}
                />
              )}
              {menu && <ContextMenu at={menu.at} actions={actions} onClose={closeMenu} />}
              {labelLink && labelAt && (
                <LinkLabelEditor
                  link={labelLink}
                  at={labelAt}
                  onSave={(label) => actions.editLinkLabel(labelLink.id, label)}
                  onClose={() => setLabelLinkId(null)}
                />
              )}
              <FollowIndicator follow={connection.presence.follow} />
              {connection.readOnly && boardView === 'board' && (
                <ViewOnlyNotice store={store} view={view} canvas={stageBox} />
              )}
            </main>
            {/* guided workshop wiring (issue 18): the consistency review, docked beside the canvas */}
            <ReviewDock
              tools={agendaTools}
              onFlyTo={workshop.flyTo}
              onSelect={(ids) => setSelection(new Set(ids))}
            />
            <AnalysisPanels
              store={store}
              state={analysis}
              selection={selection}
              onFlyTo={(rect) => setView(fitRect(rect, size.width, size.height))}
              onSelect={(ids) => setSelection(new Set(ids))}
              minimap={minimap.shown ? { view, setView, screen: size } : null}
            />
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
      <LiveRegion announcer={announcer} />
      {/* Under the canvas, never over it: each side's toggles below the column they open. */}
      <footer className="dock-bar" aria-label="Canvas controls" hidden={boardView !== 'board'}>
        <ZoomControls scale={view.scale} actions={actions} onWholeBoard={showOverview} />
        <WorkshopToggles workshop={workshop} />
        <SessionStrip facilitation={facilitation} />
        <AnalysisToolbar state={analysis} minimap={minimap} />
      </footer>
    </div>
  );
}

function linkMidpoint(connection: BoardConnection, from: string, to: string, view: Viewport): Point | null {
  const a = connection.store.getNote(from);
  const b = connection.store.getNote(to);
  if (!a || !b) return null;
  const x = (a.x + a.w / 2 + b.x + b.w / 2) / 2;
  const y = (a.y + a.h / 2 + b.y + b.h / 2) / 2;
  return { x: x * view.scale + view.x, y: y * view.scale + view.y };
}
