import { useCallback, useEffect, useRef, useState } from 'react';
import {
  addNote,
  boundsOf,
  deleteNotes,
  departmentColor,
  layerFrame,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  recolorNote,
  type BoardAccess,
  type NoteColor,
} from '@shared';
import type { Identity } from '../identity';
import { BoardCanvas } from './BoardCanvas';
import type { BoardConnection } from './BoardConnection';
import { ConnectionBadge } from './ConnectionBadge';
import { NoteEditor } from './NoteEditor';
import { SharePanel } from './SharePanel';
import { exposeTestApi } from './testApi';
import { Toolbar } from './Toolbar';
import { useBoardConnection, useConnectionState } from './useBoardConnection';
import { useMeta, useZones } from './useBoardStore';
import { fitRect, zoomAt, type Point, type Viewport } from './viewport';

function useElementSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

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
  if (!connection) return null;
  return <OpenBoard connection={connection} identity={identity} />;
}

function OpenBoard({ connection, identity }: { connection: BoardConnection; identity: Identity }) {
  const { doc, origin, store } = connection;
  const connectionState = useConnectionState(connection);
  // A refused link must not invite edits that could never reach anyone.
  const readOnly = connection.readOnly || connectionState.kind === 'refused';
  const meta = useMeta(store);
  const zones = useZones(store);
  const stageBox = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(stageBox);
  const [view, setView] = useState<Viewport>({ x: 0, y: 0, scale: 0.5 });
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const placed = useRef(false);
  const addedCount = useRef(0);

  useEffect(() => exposeTestApi(connection, () => view), [connection, view]);

  useEffect(() => {
    document.title = meta.title ? `${meta.title} · IoT Decision Board` : 'IoT Decision Board';
  }, [meta.title]);

  // Once the template has arrived and the canvas has a size, show the first layer.
  useEffect(() => {
    if (placed.current || zones.length === 0 || width === 0) return;
    placed.current = true;
    setView(fitRect(layerFrame(0), width, height));
  }, [zones, width, height]);

  const addNoteAt = useCallback(
    (p: Point) => {
      const id = addNote(
        doc,
        {
          x: Math.round(p.x - NOTE_WIDTH / 2),
          y: Math.round(p.y - NOTE_HEIGHT / 2),
          author: identity.name,
          department: identity.department,
          color: departmentColor(identity.department),
        },
        origin,
      );
      setSelection(new Set([id]));
      setEditingId(id);
    },
    [doc, origin, identity],
  );

  const addNoteInView = () => {
    // Successive notes from the toolbar step down and right so that none hides another.
    const step = (addedCount.current++ % 8) * 24;
    addNoteAt({ x: (width / 2 - view.x) / view.scale + step, y: (height / 2 - view.y) / view.scale + step });
  };

  const deleteSelection = useCallback(() => {
    if (selection.size === 0) return;
    deleteNotes(doc, [...selection], origin);
    setSelection(new Set());
  }, [doc, origin, selection]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable]')) return;
      if ((e.key === 'Delete' || e.key === 'Backspace') && !readOnly) {
        e.preventDefault();
        deleteSelection();
      } else if (e.key === 'Escape') {
        setSelection(new Set());
      } else if (e.key === 'Enter' && selection.size === 1 && !readOnly) {
        e.preventDefault();
        setEditingId([...selection][0]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deleteSelection, readOnly, selection]);

  const stopEditing = useCallback(() => setEditingId(null), []);

  return (
    <div className="board-page">
      <header className="topbar">
        <a className="brand" href="/" title="Start a new board">
          <span className="brand-mark" aria-hidden>
            ▦
          </span>
          <span className="brand-name">IoT Decision Board</span>
        </a>
        <h1 className="board-title">{meta.title || 'Loading board…'}</h1>
        {connection.readOnly && <span className="badge badge-view">View only</span>}
        <ConnectionBadge connection={connection} />
        <span className="me" title="Notes you add carry this name">
          {identity.name}
        </span>
        <button
          type="button"
          className="primary"
          onClick={() => setSharing((s) => !s)}
          aria-expanded={sharing}
        >
          Share
        </button>
        {sharing && <SharePanel connection={connection} onClose={() => setSharing(false)} />}
      </header>
      <Toolbar
        readOnly={readOnly}
        selectionSize={selection.size}
        scale={view.scale}
        onAddNote={addNoteInView}
        onRecolor={(color: NoteColor) => recolorNote(doc, [...selection], color, origin)}
        onDelete={deleteSelection}
        onZoom={(factor) => setView((v) => zoomAt(v, { x: width / 2, y: height / 2 }, factor))}
        onFitBoard={() => {
          const bounds = boundsOf(zones);
          if (bounds) setView(fitRect(bounds, width, height));
        }}
        onFitLayer={(i) => setView(fitRect(layerFrame(i), width, height))}
      />
      {connectionState.kind === 'refused' && (
        <div className="banner" role="alert">
          The server refused this link ({connectionState.reason}). You can look at what this device kept, but
          changes cannot be saved. Ask the facilitator for a current link.
        </div>
      )}
      <main className="stage-box" ref={stageBox} aria-label="Board canvas">
        {width > 0 && (
          <BoardCanvas
            connection={connection}
            readOnly={readOnly}
            width={width}
            height={height}
            view={view}
            setView={setView}
            selection={selection}
            setSelection={setSelection}
            editingId={editingId}
            setEditingId={setEditingId}
            onAddNoteAt={addNoteAt}
          />
        )}
        {editingId && <NoteEditor connection={connection} id={editingId} view={view} onDone={stopEditing} />}
      </main>
    </div>
  );
}
