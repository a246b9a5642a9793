import { memo, useEffect, useState } from 'react';
import { Group, Label, Layer, Line, Tag, Text } from 'react-konva';
import type { BoardConnection } from './BoardConnection';
import { FONT } from './theme';

interface RemoteCursor {
  clientId: number;
  x: number;
  y: number;
  name: string;
  color: string;
}

function readCursors(connection: BoardConnection): RemoteCursor[] {
  const { awareness } = connection.provider;
  const cursors: RemoteCursor[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const cursor = state.cursor as { x?: unknown; y?: unknown } | null | undefined;
    const user = (state.user ?? {}) as { name?: unknown; color?: unknown };
    if (typeof cursor?.x !== 'number' || typeof cursor.y !== 'number') return;
    cursors.push({
      clientId,
      x: cursor.x,
      y: cursor.y,
      name: typeof user.name === 'string' ? user.name.slice(0, 40) : 'Someone',
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#64748b',
    });
  });
  return cursors;
}

/** Other people's pointers, on a layer of their own so that cursor traffic never repaints notes. */
export const CursorsLayer = memo(function CursorsLayer({
  connection,
  scale,
}: {
  connection: BoardConnection;
  scale: number;
}) {
  const [cursors, setCursors] = useState<RemoteCursor[]>([]);
  useEffect(() => {
    const { awareness } = connection.provider;
    const update = () => setCursors(readCursors(connection));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [connection]);
  const size = 1 / scale;
  return (
    <Layer listening={false}>
      {cursors.map((c) => (
        <Group key={c.clientId} x={c.x} y={c.y} scaleX={size} scaleY={size}>
          <Line
            points={[0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13]}
            closed
            fill={c.color}
            stroke="#ffffff"
            strokeWidth={1.5}
          />
          <Label x={12} y={20}>
            <Tag fill={c.color} cornerRadius={4} />
            <Text text={c.name} fontSize={12} fontFamily={FONT} fill="#ffffff" padding={4} />
          </Label>
        </Group>
      ))}
    </Layer>
  );
});
