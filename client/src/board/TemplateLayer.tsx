import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { getArea, getLayer, LAYERS, type Zone } from '@shared';
import { FONT } from './theme';

/** The layer canvases and their area zones, drawn from the document's zones. Static and not listening. */
export const TemplateLayer = memo(function TemplateLayer({ zones }: { zones: readonly Zone[] }) {
  const frames = zones.filter((z) => z.area === null);
  const areas = zones.filter((z) => z.area !== null);
  return (
    <Group listening={false}>
      {frames.map((zone) => {
        const layer = getLayer(zone.layer);
        const number = LAYERS.findIndex((l) => l.id === zone.layer) + 1;
        return (
          <Group key={zone.id} x={zone.x} y={zone.y}>
            {/* An offset rectangle rather than a blurred shadow: blurring a canvas this size costs seconds. */}
            <Rect
              x={0}
              y={8}
              width={zone.w}
              height={zone.h}
              fill="rgba(27,35,48,0.08)"
              cornerRadius={18}
              perfectDrawEnabled={false}
            />
            <Rect
              width={zone.w}
              height={zone.h}
              fill={layer.tint}
              stroke={layer.color}
              strokeWidth={3}
              cornerRadius={18}
              perfectDrawEnabled={false}
            />
            <Rect width={zone.w} height={8} fill={layer.color} cornerRadius={[18, 18, 0, 0]} />
            <Rect
              x={40}
              y={28}
              width={56}
              height={56}
              cornerRadius={28}
              fill={layer.color}
              perfectDrawEnabled={false}
            />
            <Text
              x={40}
              y={28}
              width={56}
              height={56}
              text={`${number}`}
              fontSize={30}
              fontStyle="bold"
              fontFamily={FONT}
              fill="#ffffff"
              align="center"
              verticalAlign="middle"
            />
            <Text
              x={116}
              y={34}
              text={layer.name}
              fontSize={44}
              fontStyle="bold"
              fontFamily={FONT}
              fill={layer.color}
            />
          </Group>
        );
      })}
      {areas.map((zone) => (
        <Group key={zone.id} x={zone.x} y={zone.y}>
          <Rect
            width={zone.w}
            height={zone.h}
            fill="rgba(255,255,255,0.78)"
            stroke={getLayer(zone.layer).color}
            strokeWidth={1.5}
            dash={[10, 6]}
            cornerRadius={12}
            perfectDrawEnabled={false}
          />
          <Text
            x={20}
            y={16}
            text={getArea(zone.area!).name.toUpperCase()}
            fontSize={20}
            fontStyle="bold"
            letterSpacing={1.5}
            fontFamily={FONT}
            fill="#3a4556"
          />
        </Group>
      ))}
    </Group>
  );
});
