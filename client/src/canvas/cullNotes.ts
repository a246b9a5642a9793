import type Konva from 'konva';
import { visibleBoardRect } from '../core/viewport/geometry';
import type { Viewport } from '../core/viewport/viewport';

/** Hides the drawn notes that are off screen, so Konva skips them; cheap enough to run every frame. */
export function cullNotes(layer: Konva.Layer | null, v: Viewport, width: number, height: number): void {
  const area = visibleBoardRect(v, width, height);
  for (const node of layer?.getChildren() ?? []) {
    if (!node.hasName('note')) continue;
    const x = node.x();
    const y = node.y();
    node.visible(
      x < area.x + area.w && x + node.width() > area.x && y < area.y + area.h && y + node.height() > area.y,
    );
  }
}
