import type { ReactNode } from 'react';
import { getArea, getLayer, type SessionSnapshot } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { ConnectionBadge } from '../core/connection/ConnectionBadge';
import type { PhoneUndo } from './usePhoneUndo';

/**
 * The phone's top bar: the board's title, undo and redo, the way to the full canvas, and on a second
 * line what the room is doing: the connection, the timer, the focus and who facilitates.
 */
export function PhoneTopBar({
  connection,
  title,
  session,
  timer,
  undo,
  onFullBoard,
}: {
  connection: BoardConnection;
  title: string;
  session: SessionSnapshot;
  /** The running or paused timer, drawn by the caller (it ticks on its own). */
  timer: ReactNode;
  undo: PhoneUndo | null;
  onFullBoard: () => void;
}) {
  const { focus, facilitator } = session;
  return (
    <header className="phone-topbar">
      <div className="phone-topbar-row">
        <h1 className="phone-title">{title || 'Loading board…'}</h1>
        {undo && (
          <>
            <button
              type="button"
              className="phone-icon-button"
              aria-label="Undo"
              title="Undo"
              disabled={!undo.canUndo}
              onClick={undo.undo}
            >
              ↶
            </button>
            <button
              type="button"
              className="phone-icon-button"
              aria-label="Redo"
              title="Redo"
              disabled={!undo.canRedo}
              onClick={undo.redo}
            >
              ↷
            </button>
          </>
        )}
        <button type="button" className="phone-full-board" onClick={onFullBoard}>
          Full board
        </button>
      </div>
      <div className="phone-status-row">
        <ConnectionBadge connection={connection} />
        {connection.readOnly && <span className="badge badge-view">View only</span>}
        {timer}
        {focus && (
          <span className="phone-chip" data-focus={`${focus.layer}:${focus.area ?? ''}`}>
            <span aria-hidden>◎</span> Focus: {getLayer(focus.layer).name}
            {focus.area && ` · ${getArea(focus.area).name}`}
          </span>
        )}
        {facilitator && (
          <span className="phone-chip">
            {/* Written by any client: only a plain colour reaches the style. */}
            {/^#[0-9a-f]{6}$/i.test(facilitator.color) && (
              <span className="phone-person-dot" style={{ background: facilitator.color }} aria-hidden />
            )}
            Facilitator: {facilitator.name || 'someone'}
          </span>
        )}
      </div>
    </header>
  );
}
