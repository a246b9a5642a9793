import Konva from 'konva';
import { memo, useMemo } from 'react';
import { Arrow, Group, Label, Layer, Tag, Text } from 'react-konva';
import type { Link, Projector } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { linkSegment } from '../core/viewport/geometry';
import { placeBoardLabels } from './linkLabels';
import { FONT, SELECTION_COLOR } from '../core/theme/theme';
import { useLinks, useNote, useNotesVersion, useZones } from '../core/store/useBoardStore';
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
    </Group>
  );
});

const LABEL_FONT_SIZE = 16;
const LABEL_PADDING = 6;
const labelSizes = new Map<string, { w: number; h: number }>();

/** A label's size in board units, as Konva draws it (measured once per text). */
function labelSize(text: string): { w: number; h: number } {
  let size = labelSizes.get(text);
  if (!size) {
    const measure = new Konva.Text({
      text,
      fontSize: LABEL_FONT_SIZE,
      fontFamily: FONT,
      padding: LABEL_PADDING,
    });
    size = { w: measure.width(), h: measure.height() };
    measure.destroy();
    if (labelSizes.size > 1_000) labelSizes.clear();
    labelSizes.set(text, size);
  }
  return size;
}

/**
 * The links' labels, placed where they cover no note, no title and no other label (see
 * `placeLinkLabels`). They follow every note, since any note may come to lie under one; only the
 * labels re-render for that, never the arrows.
 */
const LinkLabels = memo(function LinkLabels({
  store,
  links,
  projector,
  selectedLinkId,
  handlers,
}: {
  store: BoardStore;
  links: readonly Link[];
  projector: Projector;
  selectedLinkId: string | null;
  handlers: LinkHandlers;
}) {
  const notesVersion = useNotesVersion(store);
  const zones = useZones(store);
  const labels = useMemo(
    () => placeBoardLabels({ notes: store.allNotes(), zones, links }, labelSize),
    // notesVersion: a note moved, came or went.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [links, store, zones, notesVersion],
  );
  const byId = useMemo(() => new Map(links.map((l) => [l.id, l])), [links]);
  return (
    <Group name="link-labels">
      {labels.map((placed) => {
        const link = byId.get(placed.id)!;
        const color = linkColor(projector, store, link, link.id === selectedLinkId);
        return (
          // A label beside its arrow answers as the arrow does: a press selects the link, a double-click
          // edits the label.
          <Label
            key={link.id}
            name="link-label"
            id={`link-label-${link.id}`}
            x={placed.x}
            y={placed.y}
            onMouseDown={(e) => handlers.onSelect(link.id, e)}
            onTap={(e) => handlers.onSelect(link.id, e)}
            onClick={(e) => isDoubleClick(e) && handlers.onEditLabel(link.id)}
            onDblTap={() => handlers.onEditLabel(link.id)}
          >
            <Tag fill="#ffffff" stroke={color} strokeWidth={1.5} cornerRadius={6} pointerDirection="none" />
            <Text
              text={link.label}
              padding={LABEL_PADDING}
              fontSize={LABEL_FONT_SIZE}
              fontFamily={FONT}
              fill="#1f2733"
            />
          </Label>
        );
      })}
    </Group>
  );
});

/** A link's colour: the selection's, or magenta between layers, slate within one. */
function linkColor(projector: Projector, store: BoardStore, link: Link, selected: boolean): string {
  if (selected) return SELECTION_COLOR;
  const from = store.getNote(link.from);
  const to = store.getNote(link.to);
  const crossLayer = !!from && !!to && projector.placeNote(from)?.layer !== projector.placeNote(to)?.layer;
  return crossLayer ? CROSS_LAYER_COLOR : LINK_COLOR;
}

/** The dependencies between notes, drawn under the notes, their labels clear of notes and titles. */
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
      <LinkLabels
        store={store}
        links={links}
        projector={projector}
        selectedLinkId={selectedLinkId}
        handlers={handlers}
      />
    </Layer>
  );
});
