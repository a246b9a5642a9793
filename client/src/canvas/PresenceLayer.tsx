import type Konva from 'konva';
import { memo, useEffect, useRef } from 'react';
import { Group, Layer } from 'react-konva';
import type { Editor } from '../core/editor/Editor';
import { visibleBoardRect } from '../core/viewport/geometry';
import { CursorSprites } from './CursorSprites';
import { RemoteSelections } from './RemoteSelections';

interface Props {
  editor: Editor;
  scale: number;
  /** This tab's selection and the note it edits, shared with the others. */
  selection: ReadonlySet<string>;
  editingId: string | null;
}

/**
 * The top layer of the canvas: other people's selections, typing labels and cursors. It also tells the
 * others what this tab shows (its viewport) and has selected.
 */
export const PresenceLayer = memo(function PresenceLayer({ editor, scale, selection, editingId }: Props) {
  const { presence, store } = editor.connection;
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

  // What this tab shows, as the camera moves (the presence store sends it a few times a second at most),
  // so that followers see a pan as it happens.
  useEffect(() => {
    let camera = editor.camera;
    let size = editor.size;
    const publish = () => presence.local.setViewport(visibleBoardRect(camera, size.width, size.height));
    publish();
    return editor.subscribe(() => {
      if (editor.camera === camera && editor.size === size) return;
      camera = editor.camera;
      size = editor.size;
      publish();
    });
  }, [editor, presence]);

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
