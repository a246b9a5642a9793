import type Konva from 'konva';
import { memo } from 'react';
import { Arrow, Group, Label, Layer, Tag, Text } from 'react-konva';
import type { Link, Projector } from '@shared';
import type { BoardStore } from './BoardStore';
import { linkSegment } from './geometry';
import { FONT, SELECTION_COLOR } from './theme';
import { useLinks, useNote } from './useBoardStore';
import { isDoubleClick } from './useDoubleClickGuard';

const LINK_COLOR = '#475569';
/** Links between layers are the decisions that ripple through the stack: they stand out. */
const CROSS_LAYER_COLOR = '#c026d3';

export interface LinkHandlers {
  onSelect(id: string, event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void;
  onEditLabel(id: string): void;
}

interface LinkProps {
  store: BoardStore;
  link: Link;
  projector: Projector;
  selected: boolean;
  handlers: LinkHandlers;
}

/** One dependency arrow; re-renders when either of its notes moves. */
const LinkArrow = memo(function LinkArrow({ store, link, projector, selected, handlers }: LinkProps) {
  const from = useNote(store, link.from);
  const to = useNote(store, link.to);
  if (!from || !to) return null;
  const segment = linkSegment(from, to);
  if (!segment) return null;
  const [a, b] = segment;
  const crossLayer = projector.placeNote(from)?.layer !== projector.placeNote(to)?.layer;
  const color = selected ? SELECTION_COLOR : crossLayer ? CROSS_LAYER_COLOR : LINK_COLOR;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  return (
    <Group
      name="link"
      id={`link-${link.id}`}
      onMouseDown={(e) => handlers.onSelect(link.id, e)}
      onTap={(e) => handlers.onSelect(link.id, e)}
      onClick={(e) => isDoubleClick(e) && handlers.onEditLabel(link.id)}
      onDblTap={() => handlers.onEditLabel(link.id)}
    >
      <Arrow
        points={[a.x, a.y, b.x, b.y]}
        stroke={color}
        fill={color}
        strokeWidth={crossLayer ? 5 : 3}
        dash={crossLayer ? undefined : [12, 8]}
        pointerLength={16}
        pointerWidth={16}
        hitStrokeWidth={24}
        perfectDrawEnabled={false}
      />
      {link.label && (
        <Label x={mid.x - (link.label.length * 8 + 12) / 2} y={mid.y - 16} listening={false}>
          <Tag fill="#ffffff" stroke={color} strokeWidth={1.5} cornerRadius={6} pointerDirection="none" />
          <Text text={link.label} padding={6} fontSize={16} fontFamily={FONT} fill="#1f2733" />
        </Label>
      )}
    </Group>
  );
});

/** The dependencies between notes, drawn under the notes. */
export const LinksLayer = memo(function LinksLayer({
  store,
  projector,
  selectedLinkId,
  handlers,
  readOnly,
  dimmed = false,
}: {
  store: BoardStore;
  projector: Projector;
  selectedLinkId: string | null;
  handlers: LinkHandlers;
  readOnly: boolean;
  /** Fades every link (the dependency highlight redraws the ones that matter above): no arrow re-renders. */
  dimmed?: boolean;
}) {
  const links = useLinks(store);
  return (
    <Layer listening={!readOnly} opacity={dimmed ? 0.25 : 1}>
      {links.map((link) => (
        <LinkArrow
          key={link.id}
          store={store}
          link={link}
          projector={projector}
          selected={link.id === selectedLinkId}
          handlers={handlers}
        />
      ))}
    </Layer>
  );
});
