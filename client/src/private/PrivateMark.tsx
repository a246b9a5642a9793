import { Group, Rect, Text } from 'react-konva';
import type { Note } from '@shared';
import { FONT } from '../core/theme/theme';

export const PRIVATE_COLOR = '#334155';
const BADGE_W = 92;
const BADGE_H = 26;

/**
 * How a private note looks: a dashed border and a "Private" tag with a lock on its top edge, so that
 * nobody mistakes it for a note the others can see.
 */
export function PrivateMark({ note }: { note: Note }) {
  return (
    <Group name="private-mark" listening={false}>
      <Rect
        width={note.w}
        height={note.h}
        cornerRadius={4}
        stroke={PRIVATE_COLOR}
        strokeWidth={3}
        dash={[10, 6]}
        perfectDrawEnabled={false}
      />
      <Group x={note.w - BADGE_W - 8} y={-BADGE_H / 2}>
        <Rect width={BADGE_W} height={BADGE_H} cornerRadius={BADGE_H / 2} fill={PRIVATE_COLOR} />
        {/* A padlock drawn with shapes: emoji fonts are missing on many projector PCs. */}
        <Rect x={11} y={5} width={10} height={11} cornerRadius={5} stroke="#ffffff" strokeWidth={2} />
        <Rect x={9} y={11} width={14} height={10} cornerRadius={2} fill="#ffffff" />
        <Text
          x={28}
          y={0}
          height={BADGE_H}
          text="Private"
          fontSize={14}
          fontStyle="bold"
          fontFamily={FONT}
          fill="#ffffff"
          verticalAlign="middle"
        />
      </Group>
    </Group>
  );
}
