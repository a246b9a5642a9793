import { memo, useMemo, useSyncExternalStore } from 'react';
import { Group, Label, Rect, Tag, Text } from 'react-konva';
import type { BoardStore } from '../core/store/BoardStore';
import { FONT } from '../core/theme/theme';
import { useNote } from '../core/store/useBoardStore';
import type { PresenceStore, RemoteMarks } from '../core/presence/PresenceStore';

interface Marker {
  clientId: number;
  name: string;
  color: string;
  editing: boolean;
}

/** Tags and gaps in screen pixels: they keep their size whatever the zoom. */
const RING_GAP = 5;
const RING_STEP = 4;
const TAG_HEIGHT = 21;

/** The notes other people have selected or are typing in, with who it is. */
function markersByNote(marks: readonly RemoteMarks[]): Map<string, Marker[]> {
  const byNote = new Map<string, Marker[]>();
  for (const m of marks) {
    const ids = m.editing && !m.selection.includes(m.editing) ? [...m.selection, m.editing] : m.selection;
    for (const id of ids) {
      const marker = { clientId: m.clientId, name: m.name, color: m.color, editing: m.editing === id };
      const list = byNote.get(id);
      if (list) list.push(marker);
      else byNote.set(id, [marker]);
    }
  }
  return byNote;
}

/** One note's rings and name tags; follows the note as it moves without re-rendering the note. */
const NoteMarkers = memo(function NoteMarkers({
  store,
  id,
  markers,
  scale,
}: {
  store: BoardStore;
  id: string;
  markers: readonly Marker[];
  scale: number;
}) {
  const note = useNote(store, id);
  if (!note) return null;
  const px = 1 / scale;
  const typing = markers.filter((m) => m.editing);
  const outer = (RING_GAP + RING_STEP * (markers.length - 1)) * px;
  return (
    <Group name="remote-marks" id={`remote-marks-${id}`}>
      {markers.map((m, i) => {
        const gap = (RING_GAP + RING_STEP * i) * px;
        return (
          <Rect
            key={m.clientId}
            x={note.x - gap}
            y={note.y - gap}
            width={note.w + 2 * gap}
            height={note.h + 2 * gap}
            stroke={m.color}
            strokeWidth={2.5 * px}
            dash={m.editing ? [8 * px, 4 * px] : undefined}
            cornerRadius={6 * px}
            perfectDrawEnabled={false}
          />
        );
      })}
      {markers.map((m, i) => (
        <Label
          key={m.clientId}
          name="remote-selection-tag"
          x={note.x - outer}
          y={note.y - outer - (i + 1) * TAG_HEIGHT * px}
          scaleX={px}
          scaleY={px}
        >
          <Tag fill={m.color} cornerRadius={4} />
          <Text text={m.name} fontSize={12} fontFamily={FONT} fill="#ffffff" padding={4} />
        </Label>
      ))}
      {typing.length > 0 && (
        <Label
          name="remote-typing-tag"
          x={note.x + 8 * px}
          y={note.y + note.h - 10 * px}
          scaleX={px}
          scaleY={px}
        >
          <Tag fill={typing[0]!.color} cornerRadius={4} />
          <Text
            text={`✎ ${typing.map((m) => m.name).join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…`}
            fontSize={12}
            fontStyle="bold"
            fontFamily={FONT}
            fill="#ffffff"
            padding={4}
          />
        </Label>
      )}
    </Group>
  );
});

/**
 * Other people's selections (a ring in their colour with their name) and "typing in this note" labels,
 * drawn on the presence layer: the notes themselves never re-render for them.
 */
export const RemoteSelections = memo(function RemoteSelections({
  presence,
  store,
  scale,
}: {
  presence: PresenceStore;
  store: BoardStore;
  scale: number;
}) {
  const marks = useSyncExternalStore(presence.subscribeMarks, presence.getMarks);
  const byNote = useMemo(() => markersByNote(marks), [marks]);
  return (
    <>
      {[...byNote].map(([id, markers]) => (
        <NoteMarkers key={id} store={store} id={id} markers={markers} scale={scale} />
      ))}
    </>
  );
});
