import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Layer } from 'react-konva';
import { NoteDecorationsContext, NoteHandlersContext, type NoteDecoration } from '../canvas/noteDecorations';
import { NoteNode } from '../canvas/NoteNode';
import { useNoteOrder } from '../core/store/useBoardStore';
import { useLongPress } from '../canvas/useLongPress';
import { useNoteGestures, type NoteGestureOptions } from '../canvas/useNoteGestures';
import type { PrivateNotes } from '../core/private/PrivateNotes';
import { PrivateMark } from './PrivateMark';

const DECORATIONS: readonly NoteDecoration[] = [PrivateMark];
const NO_STAGE_GESTURE = () => false;

/** The private notes, and what the canvas shares with the layer: selection, editor, space bar, menu. */
export type PrivateNotesLayerProps = Pick<
  NoteGestureOptions,
  'selection' | 'setSelection' | 'setSelectedLinkId' | 'setEditingId' | 'spaceHeld' | 'onContextMenu'
> & { notes: PrivateNotes; editingId: string | null };

/**
 * This person's private notes, drawn above the board's notes by the board's own note component and
 * gestures: they select, move and edit like any note, and look private.
 */
export function PrivateNotesLayer({
  notes,
  selection,
  setSelection,
  setSelectedLinkId,
  editingId,
  setEditingId,
  spaceHeld,
  onContextMenu,
}: PrivateNotesLayerProps) {
  const order = useNoteOrder(notes.store);
  const layerRef = useRef<Konva.Layer>(null);
  const stageRef = useRef<Konva.Stage | null>(null);
  useEffect(() => {
    stageRef.current = layerRef.current?.getStage() ?? null;
  });
  const longPress = useLongPress();
  const handlers = useNoteGestures({
    connection: notes,
    readOnly: false,
    stageRef,
    notesLayerRef: layerRef,
    selection,
    setSelection,
    setSelectedLinkId,
    setEditingId,
    spaceHeld,
    onContextMenu,
    longPress,
    stageGestureRunning: NO_STAGE_GESTURE,
  });
  return (
    <NoteHandlersContext.Provider value={null}>
      <NoteDecorationsContext.Provider value={DECORATIONS}>
        <Layer ref={layerRef} name="private-notes">
          {order.map((id) => (
            <NoteNode
              key={id}
              store={notes.store}
              id={id}
              selected={selection.has(id)}
              editing={editingId === id}
              readOnly={false}
              handlers={handlers}
            />
          ))}
        </Layer>
      </NoteDecorationsContext.Provider>
    </NoteHandlersContext.Provider>
  );
}
