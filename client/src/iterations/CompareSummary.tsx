import { useState, type ReactNode } from 'react';
import { formatCoverage, type Note, type Rect } from '@shared';
import { noteLabel } from '../core/ui/NoteCard';
import { changeDetails, comparisonSummary } from './compareWords';
import type { Comparing } from './useIterations';

/** Room kept round a note brought into view, in board units, so its cell shows too. */
const MARGIN = 240;
const around = (note: Note): Rect => ({
  x: note.x - MARGIN,
  y: note.y - MARGIN,
  w: note.w + 2 * MARGIN,
  h: note.h + 2 * MARGIN,
});

/**
 * What changed since the compared iteration, as lists whose items fly the board to their note; a removed
 * or changed note can be restored, and the whole board after a confirmation.
 */
export function CompareSummary({
  comparing,
  canRestore,
  onFlyTo,
  onRestoreNote,
  onRestoreBoard,
}: {
  comparing: Comparing;
  canRestore: boolean;
  onFlyTo: (rect: Rect) => void;
  onRestoreNote: (noteId: string) => void;
  onRestoreBoard: () => void;
}) {
  const { comparison, version } = comparing;
  const [confirming, setConfirming] = useState(false);
  const { added, removed, changed } = comparison;
  const restore = (note: Note) =>
    canRestore && (
      <button
        type="button"
        className="compare-restore"
        aria-label={`Restore ${noteLabel(note)}`}
        onClick={() => onRestoreNote(note.id)}
      >
        Restore
      </button>
    );
  const item = (note: Note, detail: string | null, action: ReactNode) => (
    <li key={note.id}>
      <button
        type="button"
        className="compare-item"
        data-note-id={note.id}
        onClick={() => onFlyTo(around(note))}
      >
        <span className="compare-item-text">{noteLabel(note)}</span>
        {detail && <span className="compare-item-detail">{detail}</span>}
      </button>
      {action}
    </li>
  );

  return (
    <div className="compare-summary" aria-labelledby="compare-heading">
      <h3 id="compare-heading">Compared with “{version.name}”</h3>
      <p className="compare-totals">
        {comparisonSummary(comparison)}
        <span className="muted">
          {' '}
          · coverage {formatCoverage(comparison.score.then)} → {formatCoverage(comparison.score.now)}
        </span>
      </p>
      {added.length > 0 && (
        <>
          <h4 className="compare-added">+ Added ({added.length})</h4>
          <ul className="compare-list">{added.map((note) => item(note, null, null))}</ul>
        </>
      )}
      {removed.length > 0 && (
        <>
          <h4 className="compare-removed">− Removed ({removed.length})</h4>
          <ul className="compare-list">{removed.map((note) => item(note, null, restore(note)))}</ul>
        </>
      )}
      {changed.length > 0 && (
        <>
          <h4 className="compare-changed">~ Changed ({changed.length})</h4>
          <ul className="compare-list">
            {changed.map((change) => item(change.now, changeDetails(change), restore(change.then)))}
          </ul>
        </>
      )}
      {canRestore &&
        (confirming ? (
          <div className="compare-confirm" role="alertdialog" aria-labelledby="restore-board-question">
            <p id="restore-board-question">
              Make the whole board what it was in “{version.name}”? Notes added since are removed, removed
              ones come back and changed ones revert. Ctrl+Z undoes it.
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setConfirming(false);
                onRestoreBoard();
              }}
            >
              Restore the board
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Restore the whole board…
          </button>
        ))}
    </div>
  );
}
