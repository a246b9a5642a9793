import {
  DndContext,
  DragOverlay,
  KeyboardCode,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Active,
  type CollisionDetection,
  type DragEndEvent,
  type Over,
} from '@dnd-kit/core';
import { useRef, useState, type ReactNode } from 'react';
import type { Note } from '@shared';
import { cellKeyboard, type Direction } from './cellKeyboard';
import { NoteCard } from '../core/ui/NoteCard';

/** Picking up and dropping with space alone, when Enter opens the card. */
const SPACE_ONLY = {
  start: [KeyboardCode.Space],
  cancel: [KeyboardCode.Esc],
  end: [KeyboardCode.Space, KeyboardCode.Tab],
};

/** What a table of cells says to a screen reader as a card is dragged (the "over" repeats are dropped). */
export interface CardDragWords {
  pickedUp(active: Active): string;
  /** Over a cell, or (null) over none. */
  over(cell: string | null): string;
  dropped(active: Active, over: Over | null): string;
  putBack(active: Active): string;
}

/**
 * The drag and drop of the structured views: cards in the cells of a table, moved by mouse, touch (after
 * a short press, so a swipe still scrolls on a tablet) and keyboard (one arrow key, one cell), with
 * screen-reader announcements and the dragged card drawn over everything.
 */
export function CardDragArea({
  notes,
  cellOf,
  neighbour,
  collisions,
  instructions,
  words,
  onDrop,
  enterOpens = false,
  children,
}: {
  notes: ReadonlyMap<string, Note>;
  /** The cell a card sits in. */
  cellOf: (noteId: string) => string | null;
  /** The cell next to a cell in a direction, or null at the edge (for the arrow keys). */
  neighbour: (cell: string, direction: Direction) => string | null;
  collisions: CollisionDetection;
  instructions: string;
  words: CardDragWords;
  onDrop: (event: DragEndEvent) => void;
  /** Enter opens a card (the grid): then only space picks one up and drops it. */
  enterOpens?: boolean;
  children: ReactNode;
}) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: cellKeyboard(neighbour, cellOf),
      ...(enterOpens ? { keyboardCodes: SPACE_ONLY } : {}),
    }),
  );
  // The cell last announced. Picking a card up puts it over its own cell at once, and saying so would
  // drown out "Picked up" in the live region.
  const announced = useRef<string | null>(null);
  const active = activeId ? notes.get(activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      accessibility={{
        announcements: {
          onDragStart: ({ active: a }) => {
            announced.current = cellOf(String(a.id));
            return words.pickedUp(a);
          },
          onDragOver: ({ over }) => {
            const id = over ? String(over.id) : null;
            if (id === announced.current) return undefined;
            announced.current = id;
            return words.over(id);
          },
          onDragEnd: ({ active: a, over }) => words.dropped(a, over),
          onDragCancel: ({ active: a }) => words.putBack(a),
        },
        screenReaderInstructions: { draggable: instructions },
      }}
      onDragStart={({ active: a }) => setActiveId(String(a.id))}
      onDragEnd={(event) => {
        setActiveId(null);
        onDrop(event);
      }}
      onDragCancel={() => setActiveId(null)}
    >
      {children}
      <DragOverlay>
        {active && (
          <div className={`card card-overlay kind-${active.kind}`}>
            <NoteCard note={active} />
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
