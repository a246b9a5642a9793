import { closestCenter, pointerWithin, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { useMemo } from 'react';
import {
  buildRoadmap,
  getLayer,
  HORIZONS,
  setNoteHorizon,
  type Horizon,
  type LayerId,
  type Note,
  type RoadmapWarning,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { CardDragArea, type CardDragWords } from './CardDragArea';
import type { Direction } from './cellKeyboard';
import { DraggableCard, DropCell, StaticCard } from './DraggableCard';
import { noteLabel } from '../core/ui/NoteCard';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import './views.css';

type Column = Horizon | 'unplanned';
const COLUMNS: readonly Column[] = [...HORIZONS, 'unplanned'];
const COLUMN_NAMES: Record<Column, string> = {
  now: 'Now',
  next: 'Next',
  later: 'Later',
  unplanned: 'Not planned',
};

const slotId = (layer: LayerId, column: Column) => `${layer}:${column}`;
function parseSlot(id: string): { layer: LayerId; column: Column } {
  const [layer, column] = id.split(':') as [LayerId, Column];
  return { layer, column };
}
const slotName = (id: string) => {
  const { layer, column } = parseSlot(id);
  return `${COLUMN_NAMES[column]} (${getLayer(layer).name})`;
};
const horizonName = (h: Horizon | null) => (h ? COLUMN_NAMES[h] : 'not planned');

/** Horizons are columns: a decision moves left and right within its layer's row. */
function neighbour(id: string, direction: Direction): string | null {
  const { layer, column } = parseSlot(id);
  if (direction === 'up' || direction === 'down') return null;
  const next = COLUMNS[COLUMNS.indexOf(column) + (direction === 'left' ? -1 : 1)];
  return next ? slotId(layer, next) : null;
}

/**
 * Only the picked-up card's own row takes it: a decision's layer is where it sits on the board, not a
 * plan. Filtered here rather than by disabling the other rows' cells, which would make dnd-kit measure
 * the cells again just as the first arrow key needs them.
 */
const collisions: CollisionDetection = (args) => {
  const cell: unknown = args.active.data.current?.cell;
  const lane = typeof cell === 'string' ? parseSlot(cell).layer : null;
  const own = {
    ...args,
    droppableContainers: args.droppableContainers.filter((c) => parseSlot(String(c.id)).layer === lane),
  };
  const within = pointerWithin(own);
  return within.length > 0 ? within : closestCenter(own);
};

const INSTRUCTIONS =
  'To plan a decision, press space or enter to pick it up, the left and right arrow keys to move it ' +
  'between horizons, then space or enter to drop it. Escape puts it back.';

/**
 * The roadmap: the board's decisions by layer and horizon (now, next, later, not planned). Dragging a
 * card to another horizon plans it there; a warning shows wherever something is planned before a
 * thing it depends on.
 */
export function RoadmapView({ connection, readOnly }: { connection: BoardConnection; readOnly: boolean }) {
  const { store, doc, origin, undoManager } = connection;
  // Settles at most every 120 ms, so a remote drag does not rebuild the roadmap per frame.
  const { notes, zones, links } = useBoardSnapshot(store);
  const roadmap = useMemo(() => buildRoadmap(notes, zones, links), [notes, zones, links]);
  const byId = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes]);
  const slotOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const lane of roadmap.lanes) {
      for (const h of HORIZONS) for (const id of lane.byHorizon[h]) map.set(id, slotId(lane.layer, h));
      for (const id of lane.unplanned) map.set(id, slotId(lane.layer, 'unplanned'));
    }
    return map;
  }, [roadmap]);
  const warningsFor = useMemo(() => {
    const map = new Map<string, RoadmapWarning[]>();
    for (const w of roadmap.warnings) map.set(w.note, [...(map.get(w.note) ?? []), w]);
    return map;
  }, [roadmap]);

  const laneOf = (noteId: string): LayerId | null => {
    const slot = slotOf.get(noteId);
    return slot ? parseSlot(slot).layer : null;
  };
  const words: CardDragWords = {
    pickedUp: (active) => `Picked up decision ${noteLabel(byId.get(String(active.id)))}.`,
    over: (id) => (id ? `Over ${slotName(id)}.` : 'Not over a horizon.'),
    dropped: (active, over) => {
      if (!over) return 'Dropped outside the roadmap: the plan is unchanged.';
      const { layer, column } = parseSlot(String(over.id));
      if (layer !== laneOf(String(active.id)))
        return `A decision stays in its own layer's row: the plan is unchanged.`;
      return parseSlot(slotOf.get(String(active.id)) ?? '').column === column
        ? `Dropped back in ${COLUMN_NAMES[column]}.`
        : `Moved to ${COLUMN_NAMES[column]}.`;
    },
    putBack: () => 'Put back: the plan is unchanged.',
  };

  const onDrop = ({ active, over }: DragEndEvent) => {
    if (!over || readOnly) return;
    const id = String(active.id);
    const { layer, column } = parseSlot(String(over.id));
    if (layer !== laneOf(id)) return;
    const horizon = column === 'unplanned' ? null : column;
    if ((byId.get(id)?.horizon ?? null) === horizon) return;
    // One drop, one undo step: never merged with an edit just before or after it.
    undoManager.stopCapturing();
    setNoteHorizon(doc, [id], horizon, origin);
    undoManager.stopCapturing();
  };

  const text = (id: string) => noteLabel(byId.get(id));
  const planned = (horizon: Horizon | null) =>
    horizon ? `planned ${horizonName(horizon).toLowerCase()}` : 'not planned';
  const warningLine = (w: RoadmapWarning) =>
    `${text(w.note)} is ${planned(w.noteHorizon)} but depends on ${text(w.dependency)}, ${planned(w.dependencyHorizon)}.`;
  const card = (note: Note, slot: string) => {
    const warning = warningsFor
      .get(note.id)
      ?.map((w) => `Depends on ${text(w.dependency)}, ${planned(w.dependencyHorizon)}`)
      .join('; ');
    return readOnly ? (
      <StaticCard key={note.id} note={note} warning={warning} />
    ) : (
      <DraggableCard key={note.id} note={note} cell={slot} warning={warning} />
    );
  };

  const table = (
    <table className="grid-table roadmap-table">
      <caption className="visually-hidden">Decisions by layer (rows) and horizon (columns)</caption>
      <thead>
        <tr>
          <td className="grid-corner" />
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {COLUMN_NAMES[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {roadmap.lanes.map((lane) => {
          const layer = getLayer(lane.layer);
          return (
            <tr key={lane.layer}>
              <th scope="row" className="grid-layer" style={{ borderLeftColor: layer.color }}>
                <span className="grid-layer-name">{layer.name}</span>
              </th>
              {COLUMNS.map((column) => {
                const id = slotId(lane.layer, column);
                const ids = column === 'unplanned' ? lane.unplanned : lane.byHorizon[column];
                return (
                  <DropCell key={id} id={id} disabled={readOnly} className={`grid-cell horizon-${column}`}>
                    <div className="cell-cards">
                      {ids.map((noteId) => {
                        const note = byId.get(noteId);
                        return note ? card(note, id) : null;
                      })}
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
    <section className="structured-view roadmap-view" aria-label="Roadmap">
      <div className="view-head">
        <h2>Roadmap: decisions by layer and horizon</h2>
        <p className="view-summary">
          {roadmap.lanes.reduce((s, l) => s + HORIZONS.reduce((t, h) => t + l.byHorizon[h].length, 0), 0)}{' '}
          planned · {roadmap.lanes.reduce((s, l) => s + l.unplanned.length, 0)} not planned ·{' '}
          {roadmap.warnings.length} warnings
          {readOnly && ' · view only: the plan cannot be changed here'}
        </p>
      </div>
      <div className="view-scroll">
        <section className="roadmap-warnings" aria-labelledby="roadmap-warnings-title">
          <h3 id="roadmap-warnings-title">Planned before what they depend on</h3>
          {roadmap.warnings.length === 0 ? (
            <p>No warnings: nothing is planned before a thing it depends on.</p>
          ) : (
            <ul>
              {roadmap.warnings.map((w) => (
                <li key={w.link}>{warningLine(w)}</li>
              ))}
            </ul>
          )}
        </section>
        {readOnly ? (
          table
        ) : (
          <CardDragArea
            notes={byId}
            cellOf={(id) => slotOf.get(id) ?? null}
            neighbour={neighbour}
            collisions={collisions}
            instructions={INSTRUCTIONS}
            words={words}
            onDrop={onDrop}
          >
            {table}
          </CardDragArea>
        )}
        {roadmap.unplaced.length > 0 && (
          <p className="view-note">
            {roadmap.unplaced.length} decisions lie outside every layer and are not on the roadmap.
          </p>
        )}
      </div>
    </section>
  );
}
