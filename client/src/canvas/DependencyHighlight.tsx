import { memo, useMemo } from 'react';
import { Arrow, Group, Layer, Rect } from 'react-konva';
import type { Link, Reach } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { CanvasBadge } from './CanvasBadge';
import { linkSegment } from '../core/viewport/geometry';
import { useLinks, useNote } from '../core/store/useBoardStore';

/** Notes the selected one affects, and notes that affect it: two colours, two border patterns, two words. */
export const REACH_STYLE = {
  affects: { color: '#d55e00', dash: undefined, word: 'affected' },
  affectedBy: { color: '#0072b2', dash: [14, 8], word: 'affects it' },
} as const;

type Direction = keyof typeof REACH_STYLE;

const HALO = 10;

/** A ring drawn just outside one related note; follows that note alone. */
const NoteHalo = memo(function NoteHalo({
  store,
  id,
  direction,
  depth,
}: {
  store: BoardStore;
  id: string;
  direction: Direction;
  depth: number;
}) {
  const note = useNote(store, id);
  if (!note) return null;
  const style = REACH_STYLE[direction];
  const tag = `${style.word}${depth > 1 ? ` · ${depth} steps` : ''}`;
  return (
    <Group name="dependency-halo" id={`halo-${id}`} x={note.x - HALO} y={note.y - HALO}>
      <Rect
        width={note.w + 2 * HALO}
        height={note.h + 2 * HALO}
        stroke={style.color}
        strokeWidth={6}
        dash={style.dash ? [...style.dash] : undefined}
        cornerRadius={12}
        perfectDrawEnabled={false}
      />
      <CanvasBadge
        y={-30}
        width={tag.length * 10 + 20}
        height={26}
        cornerRadius={6}
        fill={style.color}
        text={tag}
        fontSize={16}
      />
    </Group>
  );
});

/** A link on the path of the selection's reach, drawn bold over the dimmed links. */
const ReachArrow = memo(function ReachArrow({
  store,
  link,
  color,
}: {
  store: BoardStore;
  link: Link;
  color: string;
}) {
  const from = useNote(store, link.from);
  const to = useNote(store, link.to);
  const segment = from && to ? linkSegment(from, to) : null;
  if (!segment) return null;
  const [a, b] = segment;
  return (
    <Arrow
      name="dependency-arrow"
      points={[a.x, a.y, b.x, b.y]}
      stroke={color}
      fill={color}
      strokeWidth={6}
      pointerLength={18}
      pointerWidth={18}
      perfectDrawEnabled={false}
    />
  );
});

/**
 * The selected note's dependencies, on a layer of their own between the links and the notes, not
 * listening: a ring round each related note and the links that lead to them. Only the related notes
 * subscribe here, so a selection costs their rings, not a render of every note.
 */
export const DependencyHighlight = memo(function DependencyHighlight({
  store,
  noteId,
  reach,
}: {
  store: BoardStore;
  noteId: string;
  reach: Reach;
}) {
  const links = useLinks(store);
  const paths = useMemo(() => {
    const downstream = new Set([noteId, ...reach.affects.map((r) => r.id)]);
    const upstream = new Set([noteId, ...reach.affectedBy.map((r) => r.id)]);
    return links.flatMap((link): { link: Link; color: string }[] => {
      if (downstream.has(link.from) && downstream.has(link.to) && link.to !== noteId)
        return [{ link, color: REACH_STYLE.affects.color }];
      if (upstream.has(link.from) && upstream.has(link.to) && link.from !== noteId)
        return [{ link, color: REACH_STYLE.affectedBy.color }];
      return [];
    });
  }, [links, noteId, reach]);
  return (
    <Layer listening={false} name="dependency-layer">
      {paths.map(({ link, color }) => (
        <ReachArrow key={link.id} store={store} link={link} color={color} />
      ))}
      {reach.affects.map((r) => (
        <NoteHalo key={`a-${r.id}`} store={store} id={r.id} direction="affects" depth={r.depth} />
      ))}
      {reach.affectedBy.map((r) => (
        <NoteHalo key={`b-${r.id}`} store={store} id={r.id} direction="affectedBy" depth={r.depth} />
      ))}
    </Layer>
  );
});
