import { getArea, getLayer, type Focus } from '@shared';

/** "Cloud platform · Security", or just the layer's name for a whole-layer focus. */
export function focusLabel(focus: Pick<Focus, 'layer' | 'area'>): string {
  const layer = getLayer(focus.layer).name;
  return focus.area ? `${layer} · ${getArea(focus.area).name}` : layer;
}
