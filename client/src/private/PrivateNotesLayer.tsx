import type Konva from 'konva';
import { useRef } from 'react';
import { Layer } from 'react-konva';
import { NoteDecorationsContext, NoteHandlersContext, type NoteDecoration } from '../canvas/noteDecorations';
import { NoteNode } from '../canvas/NoteNode';
import { useNoteOrder } from '../core/store/useBoardStore';
import { useLongPress } from '../canvas/useLongPress';
import { useNoteGestures } from '../canvas/useNoteGestures';
import type { Editor } from '../core/editor/Editor';
import { editingOf, selectionOf, useEditorValue } from '../core/editor/useEditorValue';
import type { PrivateNotes } from '../core/private/PrivateNotes';
import { PrivateMark } from './PrivateMark';

const DECORATIONS: readonly NoteDecoration[] = [PrivateMark];
const NO_STAGE_GESTURE = () => false;

/** The private notes, on the board's editor (selection, editing, space bar, menu). */
export interface PrivateNotesLayerProps {
  notes: PrivateNotes;
  editor: Editor;
}

const NEVER_READ_ONLY = () => false;

/**
 * This person's private notes, drawn above the board's notes by the board's own note component and
 * gestures: they select, move and edit like any note, and look private.
 */
export function PrivateNotesLayer({ notes, editor }: PrivateNotesLayerProps) {
  const selection = useEditorValue(editor, selectionOf);
  const editingId = useEditorValue(editor, editingOf);
  const order = useNoteOrder(notes.store);
  const layerRef = useRef<Konva.Layer>(null);
  const longPress = useLongPress();
  const handlers = useNoteGestures({
    connection: notes,
    editor,
    readOnly: NEVER_READ_ONLY,
    notesLayerRef: layerRef,
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
