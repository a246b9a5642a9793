import type Konva from 'konva';
import { memo, useEffect, useRef } from 'react';
import { Group, Layer } from 'react-konva';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { visibleBoardRect } from '../core/viewport/geometry';
import { CursorSprites } from './CursorSprites';
import { RemoteSelections } from './RemoteSelections';

interface Props {
  connection: BoardConnection;
  scale: number;
  /** This tab's selection and the note it edits, shared with the others. */
  selection: ReadonlySet<string>;
  editingId: string | null;
}

/**
 * The top layer of the canvas: other people's selections, typing labels and cursors. It also tells the
 * others what this tab shows (its viewport) and has selected.
 */
export const PresenceLayer = memo(function PresenceLayer({ connection, scale, selection, editingId }: Props) {
  const { presence, store } = connection;
  const cursorsRef = useRef<Konva.Group>(null);
  const sprites = useRef<CursorSprites | null>(null);

  useEffect(() => {
    const group = cursorsRef.current;
    if (!group) return;
    const drawn = new CursorSprites(group, group.getStage()?.scaleX() ?? 1);
    sprites.current = drawn;
    const update = () => drawn.update(presence.getCursors());
    update();
    const unsubscribe = presence.subscribeCursors(update);
    return () => {
      unsubscribe();
      drawn.destroy();
      sprites.current = null;
    };
  }, [presence]);

  useEffect(() => sprites.current?.setScale(scale), [scale]);

  // The stage moves by hand during a pan or zoom, ahead of React: read the viewport from it, so that
  // followers see the pan as it happens.
  useEffect(() => {
    const stage = cursorsRef.current?.getStage();
    if (!stage) return;
    const publish = () =>
      presence.local.setViewport(
        visibleBoardRect(
          { x: stage.x(), y: stage.y(), scale: stage.scaleX() },
          stage.width(),
          stage.height(),
        ),
      );
    publish();
    const events =
      'xChange.presence yChange.presence scaleXChange.presence widthChange.presence heightChange.presence';
    stage.on(events, publish);
    return () => {
      stage.off(events);
    };
  }, [presence]);

  useEffect(() => presence.local.setSelection(selection), [presence, selection]);
  useEffect(() => presence.local.setEditing(editingId), [presence, editingId]);
  // A canvas going away (another view, or the page) takes this tab's marks with it.
  useEffect(
    () => () => {
      presence.local.setSelection([]);
      presence.local.setEditing(null);
      presence.local.setCursor(null);
    },
    [presence],
  );

  return (
    <Layer listening={false} name="presence">
      <RemoteSelections presence={presence} store={store} scale={scale} />
      <Group ref={cursorsRef} name="remote-cursors" />
    </Layer>
  );
});
