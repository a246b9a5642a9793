import { useContext } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { Note } from '@shared';
import { FONT } from '../core/theme/theme';
import { CompareDisplayContext } from './compareDisplay';
import { CompareSign } from './CompareSign';

export const ADDED_COLOR = '#15803d';
export const CHANGED_COLOR = '#b45309';

/** The frame around a compared note, a little outside its edge (the stroke colour says how it changed). */
const outlineOf = (note: Note) =>
  ({ x: -5, y: -5, width: note.w + 10, height: note.h + 10, cornerRadius: 8, strokeWidth: 5 }) as const;

/**
 * A note's mark while the board is compared with an iteration: outlined green with "+" when it was added
 * since, amber with what changed when it changed. Inside the note's node, so it follows a drag.
 */
export function CompareMark({ note }: { note: Note }) {
  const display = useContext(CompareDisplayContext);
  if (!display) return null;
  if (display.added.has(note.id)) {
    return (
      <Group name="compare-added" listening={false}>
        <Rect {...outlineOf(note)} stroke={ADDED_COLOR} />
        <CompareSign sign="+" color={ADDED_COLOR} />
      </Group>
    );
  }
  const what = display.changed.get(note.id);
  if (what === undefined) return null;
  const label = `Changed: ${what}`;
  // Wider than a small note when it must be: the words matter more than the alignment.
  const width = Math.min(Math.max(note.w, label.length * 7.6 + 20), 420);
  return (
    <Group name="compare-changed" listening={false}>
      <Rect {...outlineOf(note)} stroke={CHANGED_COLOR} dash={[14, 6]} />
      <Rect x={-5} y={-32} width={width} height={26} cornerRadius={6} fill={CHANGED_COLOR} />
      <Text
        x={3}
        y={-32}
        width={width - 12}
        height={26}
        text={label}
        fontSize={13}
        fontStyle="bold"
        fontFamily={FONT}
        fill="#ffffff"
        verticalAlign="middle"
        wrap="none"
        ellipsis
      />
    </Group>
  );
}
