import { closestCenter, pointerWithin, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { useMemo, useState, type CSSProperties, type RefObject } from 'react';
import {
  AREAS,
  cellPrompt,
  createProjector,
  formatCoverage,
  freeSpotInZone,
  getArea,
  getLayer,
  LAYERS,
  moveNotes,
  type AreaId,
  type CellState,
  type LayerId,
  type Note,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { COVERAGE_STYLE, stateExplained } from '../core/theme/coverageStyle';
import { useCoverage } from '../core/store/useBoardAnalysis';
import { CoverageLegend } from '../core/ui/CoverageLegend';
import type { Identity } from '../core/identity/identity';
import { NoteSheet } from '../core/ui/NoteSheet';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import { AddNoteDialog } from './AddNoteDialog';
import { CardDragArea, type CardDragWords } from './CardDragArea';
import type { Direction } from './cellKeyboard';
import { DraggableCard, DropCell, StaticCard } from './DraggableCard';
import { GridFilters, NO_FILTER, passes, type GridFilter } from './GridFilters';
import { noteLabel } from '../core/ui/NoteCard';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { useGridEditing } from './useGridEditing';
import './views.css';

const GAP_BACKGROUND = '#fcf2ea';

/** A cell framed as the canvas's coverage overlay frames its zone: the state's colour, a gap tinted. */
function cellStyle(state: CellState): CSSProperties {
  const style = COVERAGE_STYLE[state];
  return {
    borderColor: style.color,
    borderStyle: style.dash ? 'dashed' : 'solid',
    // The overlay's orange tint, made opaque over white so the prompt keeps its contrast.
    background: state === 'empty' ? GAP_BACKGROUND : undefined,
  };
}

const cellId = (layer: LayerId, area: AreaId) => `${layer}:${area}`;

function parseCell(id: string): { layer: LayerId; area: AreaId } {
  const [layer, area] = id.split(':') as [LayerId, AreaId];
  return { layer, area };
}

/** A cell in the product's words: "Devices / Hardware · Security". */
export function cellName(id: string): string {
  const { layer, area } = parseCell(id);
  return `${getLayer(layer).name} · ${getArea(area).name}`;
}

function neighbour(id: string, direction: Direction): string | null {
  const { layer, area } = parseCell(id);
  const row =
    LAYERS.findIndex((l) => l.id === layer) + (direction === 'up' ? -1 : direction === 'down' ? 1 : 0);
  const col =
    AREAS.findIndex((a) => a.id === area) + (direction === 'left' ? -1 : direction === 'right' ? 1 : 0);
  const l = LAYERS[row];
  const a = AREAS[col];
  return l && a ? cellId(l.id, a.id) : null;
}

/** The pointer's cell when there is a pointer; the nearest cell for the keyboard, which has none. */
const collisions: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : closestCenter(args);
};

const INSTRUCTIONS =
  'Enter opens the note to edit its text and kind. To move it to another cell, press space to pick it ' +
  'up, the arrow keys to move it from cell to cell, then space to drop it. Escape puts it back.';

/**
 * The board as the 5 x 6 model: a table of layers by decision areas, each cell with its notes, its
 * state and, when empty, the question to answer there. Each cell takes new notes ("+", or N for the
 * current cell); a card opens for its text and kind (click or Enter); dragging a card to another cell
 * moves the note into that zone on the board, so the canvas and the grid always agree.
 */
export function GridView({
  connection,
  readOnly,
  canEdit,
  identity,
  brainstorm,
  addNoteRef,
}: {
  connection: BoardConnection;
  /** Nothing can be moved: a view link or a refused link. */
  readOnly: boolean;
  /** Notes can be added and opened: not read-only, and no vote turns clicks into dots. */
  canEdit: boolean;
  identity: Identity;
  brainstorm: PrivateBrainstorm;
  /** Where the board page's "+ Note" finds the grid's add. */
  addNoteRef?: RefObject<(() => void) | null>;
}) {
  const { store, doc, origin, undoManager } = connection;
  // Both settle together (at most every 120 ms), so a remote drag does not rebuild the table per frame.
  const { notes, zones } = useBoardSnapshot(store);
  const coverage = useCoverage(store);
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const byId = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes]);
  const cellOf = (noteId: string): string | null => {
    const note = byId.get(noteId);
    const placement = note ? projector.placeNote(note) : null;
    return placement?.area ? cellId(placement.layer, placement.area) : null;
  };
  const grid = useGridEditing(
    connection,
    identity,
    brainstorm,
    zones,
    cellId(LAYERS[0].id, AREAS[0].id),
    canEdit ? addNoteRef : undefined,
  );
  const { openEdit, setCurrentCell } = grid;
  const editSource = useMemo(() => ({ doc, store, origin }), [doc, store, origin]);
  const zoneOf = (id: string) => {
    const { layer, area } = parseCell(id);
    return zones.find((z) => z.layer === layer && z.area === area);
  };

  const cellOfName = (noteId: string) => {
    const cell = cellOf(noteId);
    return cell ? cellName(cell) : 'Outside the decision areas';
  };

  const words: CardDragWords = {
    pickedUp: (active) => `Picked up note ${noteLabel(byId.get(String(active.id)))}.`,
    over: (id) => (id ? `Over ${cellName(id)}.` : 'Not over a cell.'),
    dropped: (active, over) => {
      if (!over) return `Dropped outside the grid: the note stays where it was.`;
      const to = String(over.id);
      if (to === cellOf(String(active.id))) return `Dropped back in ${cellName(to)}.`;
      // Say only what happened: without a zone for that cell on the board, nothing moves.
      if (!byId.has(String(active.id)) || !zoneOf(to))
        return `${cellName(to)} has no zone on this board: the note stays where it was.`;
      return `Moved to ${cellName(to)}.`;
    },
    putBack: (active) => {
      const from = cellOf(String(active.id));
      return `Put back${from ? ` in ${cellName(from)}` : ''}.`;
    },
  };

  const onDrop = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const note = byId.get(id);
    if (!over || !note || readOnly) return;
    const to = String(over.id);
    if (to === cellOf(id)) return;
    const zone = zoneOf(to);
    if (!zone) return;
    const others = notes.filter((n) => n.id !== id);
    const spot = freeSpotInZone(zone, others, note.w, note.h);
    // One drop, one undo step: never merged with an edit just before or after it.
    undoManager.stopCapturing();
    moveNotes(doc, [{ id, ...spot }], origin);
    undoManager.stopCapturing();
  };

  const shown = notes.filter((n) => passes(filter, n)).length;
  const table = (
    <table className="grid-table">
      <caption className="visually-hidden">Notes by layer (rows) and decision area (columns)</caption>
      <thead>
        <tr>
          <td className="grid-corner" />
          {AREAS.map((area) => (
            <th key={area.id} scope="col">
              {area.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {coverage.layers.map((layerCoverage) => {
          const layer = getLayer(layerCoverage.layer);
          return (
            <tr key={layer.id}>
              <th scope="row" className="grid-layer" style={{ borderLeftColor: layer.color }}>
                <span className="grid-layer-name">{layer.name}</span>
                <span className="grid-layer-score">{formatCoverage(layerCoverage.score)} covered</span>
              </th>
              {layerCoverage.cells.map((cell) => {
                const id = cellId(cell.layer, cell.area);
                const cards = cell.noteIds
                  .map((noteId) => byId.get(noteId))
                  .filter((n): n is Note => n !== undefined && passes(filter, n));
                return (
                  <DropCell
                    key={id}
                    id={id}
                    disabled={readOnly}
                    className={`grid-cell state-${cell.state}${id === grid.currentCell && canEdit ? ' cell-current' : ''}`}
                    style={cellStyle(cell.state)}
                  >
                    <div className="cell-head">
                      <span
                        className="cell-state"
                        data-state={cell.state}
                        style={{ background: COVERAGE_STYLE[cell.state].color }}
                        title={stateExplained(cell.state)}
                      >
                        <span aria-hidden>{COVERAGE_STYLE[cell.state].glyph} </span>
                        {COVERAGE_STYLE[cell.state].label}
                      </span>
                      {canEdit && (
                        <button
                          type="button"
                          className="cell-add"
                          aria-label={`Add a note to ${cellName(id)}`}
                          title={`Add a note to ${cellName(id)} (N adds to the cell you last worked in)`}
                          onClick={() => grid.openAdd(id)}
                        >
                          +
                        </button>
                      )}
                    </div>
                    {cell.state === 'empty' && (
                      <p className="cell-prompt">{cellPrompt(cell.layer, cell.area)}</p>
                    )}
                    {cell.noteIds.length > cards.length && (
                      <p className="cell-hidden">
                        {cell.noteIds.length - cards.length} hidden by the filters
                      </p>
                    )}
                    <div className="cell-cards">
                      {cards.map((note) =>
                        readOnly ? (
                          <StaticCard key={note.id} note={note} />
                        ) : (
                          <DraggableCard
                            key={note.id}
                            note={note}
                            cell={id}
                            onOpen={canEdit ? openEdit : undefined}
                          />
                        ),
                      )}
                    </div>
                  </DropCell>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <section
      className="structured-view grid-view"
      aria-label="Grid"
      onFocus={(e) => {
        const cell = e.target.closest<HTMLElement>('[data-cell]')?.dataset.cell;
        if (cell) setCurrentCell(cell);
      }}
      onPointerDown={(e) => {
        const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]')?.dataset.cell;
        if (cell) setCurrentCell(cell);
      }}
      onKeyDown={(e) => {
        // N adds a note to the current cell, as N adds one on the canvas.
        if (!canEdit || grid.editing || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'n')
          return;
        if ((e.target as HTMLElement).closest('input, textarea, select, [contenteditable]')) return;
        e.preventDefault();
        grid.openAdd();
      }}
    >
      <div className="view-head">
        <h2>Grid: layers by decision areas</h2>
        <p className="view-summary">
          {formatCoverage(coverage.score)} covered · {coverage.counts.decided} decided ·{' '}
          {coverage.counts.contested} contested · {coverage.counts.exploring} exploring ·{' '}
          {coverage.counts.empty} {coverage.counts.empty === 1 ? 'gap' : 'gaps'} · showing {shown} of{' '}
          {notes.length} notes
          {readOnly && ' · view only: notes cannot be added, edited or moved here'}
        </p>
        <CoverageLegend compact />
        <GridFilters notes={notes} filter={filter} onChange={setFilter} />
      </div>
      <div className="view-scroll">
        {readOnly ? (
          table
        ) : (
          <CardDragArea
            notes={byId}
            cellOf={cellOf}
            neighbour={neighbour}
            collisions={collisions}
            instructions={INSTRUCTIONS}
            words={words}
            onDrop={onDrop}
            enterOpens={canEdit}
          >
            {table}
          </CardDragArea>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {grid.message}
      </p>
      {grid.editing?.kind === 'add' && (
        <AddNoteDialog
          cellName={cellName(grid.editing.cell)}
          privately={brainstorm.active && brainstorm.notes !== null}
          onAdd={grid.add}
          onClose={grid.close}
        />
      )}
      {grid.editing?.kind === 'edit' && (
        <NoteSheet
          className="phone-sheet grid-note-dialog"
          source={editSource}
          id={grid.editing.noteId}
          where={cellOfName(grid.editing.noteId)}
          onDone={grid.close}
          onDeleted={grid.close}
        />
      )}
      {coverage.offBoardNoteIds.length + coverage.layers.reduce((s, l) => s + l.unsortedNoteIds.length, 0) >
        0 && (
        <p className="view-note">
          Notes outside every decision area are not in the grid; arrange them on the board.
        </p>
      )}
    </section>
  );
}
