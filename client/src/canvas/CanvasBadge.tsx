import { Rect, Text } from 'react-konva';
import { FONT } from '../core/theme/theme';

interface CanvasBadgeProps {
  x?: number;
  y?: number;
  width: number;
  height: number;
  cornerRadius: number;
  fill: string;
  text: string;
  fontSize: number;
}

/** A filled, rounded label with bold white text centred in it, as drawn on the canvas's layers. */
export function CanvasBadge({
  x = 0,
  y = 0,
  width,
  height,
  cornerRadius,
  fill,
  text,
  fontSize,
}: CanvasBadgeProps) {
  return (
    <>
      <Rect
        x={x}
        y={y}
        width={width}
        height={height}
        cornerRadius={cornerRadius}
        fill={fill}
        perfectDrawEnabled={false}
      />
      <Text
        x={x}
        y={y}
        width={width}
        height={height}
        text={text}
        fontSize={fontSize}
        fontStyle="bold"
        fontFamily={FONT}
        fill="#ffffff"
        align="center"
        verticalAlign="middle"
      />
    </>
  );
}
