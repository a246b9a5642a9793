import { useContext } from 'react';
import { Circle, Group, Rect, Text } from 'react-konva';
import type { Note } from '@shared';
import { FONT } from '../core/theme/theme';
import { useOwnDots } from '../core/votes/useOwnDots';
import { TOTAL_FONT_SIZE, VoteDisplayContext } from '../core/votes/voteDisplay';

/** Dots drawn one by one up to this many; more show as "+n". */
const MAX_DRAWN = 5;
const RADIUS = 14;
const STEP = 32;
/** Dots sit just above the note's top edge, clear of its kind label and text. */
const ROW_Y = -16;
export const TOTAL_COLOR = '#5b21b6';
/** The canvas background, washed over notes outside the vote so the voted ones stand out. */
const DIM = 'rgba(226,232,240,0.74)';

/**
 * A note's dots, in a row along its top edge like sticky dots on paper: while the vote is open, only this
 * person's own from their sealed ballot (each with a × to take it back); once revealed, the totals the
 * server counted, with the rank. Drawn inside the note's node: a change to one note's dots re-renders
 * that note's dots alone.
 */
export function VoteDots({ note }: { note: Note }) {
  const display = useContext(VoteDisplayContext);
  const mine = useOwnDots(display?.status === 'open' ? display.ballot : null, note.id);
  if (!display) return null;
  if (!display.inScope(note)) {
    return (
      <Rect
        name="vote-dimmed"
        width={note.w}
        height={note.h}
        fill={DIM}
        cornerRadius={4}
        listening={false}
        perfectDrawEnabled={false}
      />
    );
  }
  if (display.status === 'open') {
    return <DotRow count={mine} right={note.w - 16} color={display.color} removable />;
  }
  const result = display.results?.get(note.id);
  if (!result) return null;
  const { dots: total, rank } = result;
  const label = `${rank ? `#${rank} · ` : ''}${total} ${total === 1 ? 'dot' : 'dots'}`;
  const baseWidth = label.length * 8.6 + 22;
  // Larger, but never wider than the note: a neighbour's total stays readable beside it.
  const k = Math.max(1, Math.min(display.size ?? 1, note.w / baseWidth));
  const pillWidth = baseWidth * k;
  const x = note.w - pillWidth + 10 * k;
  // The top stays where the board page has it; a larger pill grows down over the note's kind label,
  // not up over the cell's name.
  const y = ROW_Y - 15;
  return (
    <Group name="vote-total" listening={false}>
      <DotRow
        count={total}
        right={note.w - pillWidth - 6 * k}
        centreY={y + 15 * k}
        color={TOTAL_COLOR}
        removable={false}
        k={k}
      />
      <Rect
        x={x}
        y={y}
        width={pillWidth}
        height={30 * k}
        cornerRadius={15 * k}
        fill={TOTAL_COLOR}
        stroke="#ffffff"
        strokeWidth={2 * k}
        perfectDrawEnabled={false}
      />
      <Text
        x={x}
        y={y}
        width={pillWidth}
        height={30 * k}
        text={label}
        fontSize={TOTAL_FONT_SIZE * k}
        fontStyle="bold"
        fontFamily={FONT}
        fill="#ffffff"
        align="center"
        verticalAlign="middle"
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

/**
 * `count` dots in a row ending at `right`, centred on `centreY` (just above the note's top edge), `k`
 * times the board page's size. Larger dots stay on the note (left of `right` down to its left edge):
 * the total says the rest.
 */
function DotRow({
  count,
  right,
  color,
  removable,
  centreY = ROW_Y,
  k = 1,
}: {
  count: number;
  right: number;
  color: string;
  removable: boolean;
  centreY?: number;
  k?: number;
}) {
  const room = k === 1 ? MAX_DRAWN : Math.floor((right - RADIUS * k) / (STEP * k)) + 1;
  const drawn = Math.max(0, Math.min(count, MAX_DRAWN, room));
  const dots = [];
  for (let i = 0; i < drawn; i++) {
    dots.push(
      <Group key={i} name={removable ? 'vote-dot' : undefined} x={right - i * STEP * k} y={centreY}>
        <Circle
          radius={RADIUS * k}
          fill={color}
          stroke="#ffffff"
          strokeWidth={2.5 * k}
          perfectDrawEnabled={false}
        />
        {removable && (
          <Text
            x={-RADIUS}
            y={-RADIUS}
            width={2 * RADIUS}
            height={2 * RADIUS}
            text="×"
            fontSize={21}
            fontStyle="bold"
            fontFamily={FONT}
            fill="#ffffff"
            align="center"
            verticalAlign="middle"
            listening={false}
            perfectDrawEnabled={false}
          />
        )}
      </Group>,
    );
  }
  return (
    <>
      {count > MAX_DRAWN && drawn === MAX_DRAWN && (
        <Text
          x={right - drawn * STEP * k - 40 * k}
          y={centreY - 9 * k}
          width={40 * k}
          text={`+${count - MAX_DRAWN}`}
          fontSize={16 * k}
          fontStyle="bold"
          fontFamily={FONT}
          fill={color}
          align="right"
          listening={false}
        />
      )}
      {dots}
    </>
  );
}
