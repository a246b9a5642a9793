import { memo, useMemo } from 'react';
import { Group, Text } from 'react-konva';
import { cellPrompt, createProjector, zoneKey, type Zone } from '@shared';
import type { BoardStore } from './BoardStore';
import { FONT } from './theme';
import { useNotesVersion } from './useBoardStore';

/** The guiding prompt of every area zone that holds no note yet: the gaps, phrased as questions. */
export const EmptyZoneHints = memo(function EmptyZoneHints({
  store,
  zones,
}: {
  store: BoardStore;
  zones: readonly Zone[];
}) {
  const version = useNotesVersion(store);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const filled = useMemo(() => {
    const cells = new Set<string>();
    for (const note of store.allNotes()) {
      const place = projector.placeNote(note);
      if (place?.area) cells.add(zoneKey(place.layer, place.area));
    }
    return cells;
    // `version` is the store's change counter: recompute when any note changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, projector, version]);
  return (
    <Group listening={false}>
      {zones
        .filter((z) => z.area !== null && !filled.has(z.id))
        .map((z) => (
          <Text
            key={z.id}
            x={z.x + 40}
            y={z.y + 70}
            width={z.w - 80}
            height={z.h - 110}
            text={cellPrompt(z.layer, z.area!)}
            fontSize={24}
            lineHeight={1.35}
            fontStyle="italic"
            fontFamily={FONT}
            fill="#8a94a3"
            align="center"
            verticalAlign="middle"
          />
        ))}
    </Group>
  );
});
