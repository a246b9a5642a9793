import { CanvasBadge } from '../canvas/CanvasBadge';

/** Each sign at the size it was tuned to on the canvas. */
const FONT_SIZE = { '+': 24, '−': 26 } as const;

/**
 * The round sign on a note's top-left corner while the board is compared with an iteration: "+" on a
 * note added since, "−" on the ghost of one removed. Drawn alike, so the two read as a pair.
 */
export function CompareSign({ sign, color }: { sign: '+' | '−'; color: string }) {
  return (
    <CanvasBadge
      x={-18}
      y={-18}
      width={34}
      height={34}
      cornerRadius={17}
      fill={color}
      text={sign}
      fontSize={FONT_SIZE[sign]}
    />
  );
}
