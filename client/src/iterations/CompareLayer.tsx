import type Konva from 'konva';
import { memo, useMemo } from 'react';
import { Group, Layer, Rect, Text } from 'react-konva';
import { zoneKey, type BoardComparison, type Note, type Zone } from '@shared';
import { CanvasBadge } from '../canvas/CanvasBadge';
import { COVERAGE_STYLE } from '../core/theme/coverageStyle';
import { NOTE_HEADER, NOTE_PAD } from '../canvas/textFit';
import { FONT } from '../core/theme/theme';
import { CompareSign } from './CompareSign';
import { cellChangeLabel } from './compareWords';

export const REMOVED_COLOR = '#9f1239';
const UNCHANGED_COLOR = '#64748b';

const setCursor = (event: Konva.KonvaEventObject<MouseEvent>, cursor: string) => {
  const container = event.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
};

/** A note removed since the iteration, as a ghost at its old place, with a button to bring it back. */
function Ghost({ note, onRestore }: { note: Note; onRestore: ((id: string) => void) | null }) {
  return (
    <Group x={note.x} y={note.y} name="compare-removed" id={`ghost-${note.id}`}>
      <Group listening={false}>
        <Rect
          width={note.w}
          height={note.h}
          cornerRadius={4}
          fill="rgba(255,255,255,0.55)"
          stroke={REMOVED_COLOR}
          strokeWidth={4}
          dash={[12, 8]}
        />
        <Text
          x={NOTE_PAD}
          y={7}
          text="REMOVED"
          fontSize={12}
          fontStyle="bold"
          letterSpacing={0.8}
          fontFamily={FONT}
          fill={REMOVED_COLOR}
        />
        <Text
          x={NOTE_PAD}
          y={NOTE_HEADER}
          width={note.w - 2 * NOTE_PAD}
          height={note.h - NOTE_HEADER - 36}
          text={note.text}
          fontSize={15}
          fontStyle="italic"
          fontFamily={FONT}
          fill="#4b5563"
          ellipsis
        />
        <CompareSign sign="−" color={REMOVED_COLOR} />
      </Group>
      {onRestore && (
        <Group
          name="ghost-restore"
          x={note.w - 104}
          y={note.h - 34}
          onClick={() => onRestore(note.id)}
          onTap={() => onRestore(note.id)}
          onMouseEnter={(e) => setCursor(e, 'pointer')}
          onMouseLeave={(e) => setCursor(e, '')}
        >
          <CanvasBadge
            width={96}
            height={28}
            cornerRadius={14}
            fill={REMOVED_COLOR}
            text="↺ Restore"
            fontSize={14}
          />
        </Group>
      )}
    </Group>
  );
}

/**
 * The comparison drawn on the board, above the notes: ghosts of the notes removed since the iteration,
 * and in each cell a "then → now" badge of its coverage, in the coverage overlay's colours.
 */
export const CompareLayer = memo(function CompareLayer({
  comparison,
  zones,
  onRestore,
}: {
  comparison: BoardComparison;
  zones: readonly Zone[];
  /** Null on a view link: the ghosts show no restore button. */
  onRestore: ((noteId: string) => void) | null;
}) {
  const zoneById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);
  return (
    <Layer name="compare-layer">
      <Group listening={false}>
        {comparison.cells.map((cell) => {
          const zone = zoneById.get(zoneKey(cell.layer, cell.area));
          if (!zone) return null;
          const label = `Then → now: ${cellChangeLabel(cell)}`;
          const width = label.length * 9.4 + 28;
          return (
            <Group
              key={zone.id}
              name="compare-cell"
              id={`compare-${zone.id}`}
              x={zone.x + 16}
              y={zone.y + zone.h - 50}
            >
              <CanvasBadge
                width={width}
                height={34}
                cornerRadius={17}
                fill={cell.changed ? COVERAGE_STYLE[cell.now.state].color : UNCHANGED_COLOR}
                text={label}
                fontSize={16}
              />
            </Group>
          );
        })}
      </Group>
      {comparison.removed.map((note) => (
        <Ghost key={note.id} note={note} onRestore={onRestore} />
      ))}
    </Layer>
  );
});
