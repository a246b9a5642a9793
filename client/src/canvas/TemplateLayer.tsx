import type Konva from 'konva';
import { memo, useEffect, useMemo, useRef } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { getArea, getLayer, LAYERS, type Zone } from '@shared';
import { CanvasBadge } from './CanvasBadge';
import { cacheRatio } from './templateCache';
import { FONT } from '../core/theme/theme';

interface FrameProps {
  frame: Zone;
  areas: readonly Zone[];
  scale: number;
}

/**
 * One layer canvas with its six area zones, drawn once into a bitmap (Konva's cache) at a resolution
 * that follows the zoom, so that a frame costs one image draw instead of some twenty shapes and texts.
 */
const LayerFrame = memo(function LayerFrame({ frame, areas, scale }: FrameProps) {
  const ref = useRef<Konva.Group>(null);
  const ratio = cacheRatio(scale, window.devicePixelRatio || 1, frame.w, frame.h + 8);
  useEffect(() => {
    const group = ref.current;
    if (!group) return;
    if (ratio === null) group.clearCache();
    // The offset shadow reaches 8 below the frame; the cache covers the group's whole client rect.
    else group.cache({ pixelRatio: ratio });
    group.getLayer()?.batchDraw();
  }, [ratio, frame, areas]);

  const layer = getLayer(frame.layer);
  const number = LAYERS.findIndex((l) => l.id === frame.layer) + 1;
  return (
    <Group ref={ref} name="template-frame" x={frame.x} y={frame.y} listening={false}>
      {/* An offset rectangle rather than a blurred shadow: blurring a canvas this size costs seconds. */}
      <Rect
        x={0}
        y={8}
        width={frame.w}
        height={frame.h}
        fill="rgba(27,35,48,0.08)"
        cornerRadius={18}
        perfectDrawEnabled={false}
      />
      <Rect
        width={frame.w}
        height={frame.h}
        fill={layer.tint}
        stroke={layer.color}
        strokeWidth={3}
        cornerRadius={18}
        perfectDrawEnabled={false}
      />
      <Rect width={frame.w} height={8} fill={layer.color} cornerRadius={[18, 18, 0, 0]} />
      <CanvasBadge
        x={40}
        y={28}
        width={56}
        height={56}
        cornerRadius={28}
        fill={layer.color}
        text={`${number}`}
        fontSize={30}
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
      {areas.map((zone) => (
        <Group key={zone.id} x={zone.x - frame.x} y={zone.y - frame.y}>
          <Rect
            width={zone.w}
            height={zone.h}
            fill="rgba(255,255,255,0.78)"
            stroke={layer.color}
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

interface TemplateLayerProps {
  zones: readonly Zone[];
  /** The committed view scale (not every frame of a gesture): the cache's resolution follows it. */
  scale: number;
}

/**
 * The layer canvases and their area zones, drawn from the document's zones: static, not listening,
 * and cached as one bitmap per layer canvas.
 */
export const TemplateLayer = memo(function TemplateLayer({ zones, scale }: TemplateLayerProps) {
  // Grouped once per change of the zones, so that a frame's cache is rebuilt only when its zones or
  // its resolution change, not on every view commit.
  const frames = useMemo(
    () =>
      zones
        .filter((z) => z.area === null)
        .map((frame) => ({ frame, areas: zones.filter((z) => z.area !== null && z.layer === frame.layer) })),
    [zones],
  );
  return (
    <>
      {frames.map(({ frame, areas }) => (
        <LayerFrame key={frame.id} frame={frame} areas={areas} scale={scale} />
      ))}
    </>
  );
});
