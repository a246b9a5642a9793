import type { Ref } from 'react';
import { AREAS, isAreaId, isLayerId, LAYERS, type AreaId, type LayerId } from '@shared';

export interface CellChoice {
  layer: LayerId;
  /** Null until the person (or the facilitator's focus) picks one. */
  area: AreaId | null;
}

/** Where the next note goes: a layer and an area, as two selects a thumb can reach. */
export function CellPicker({
  value,
  onChange,
  areaRef,
  focusLayer,
}: {
  value: CellChoice;
  onChange: (next: CellChoice) => void;
  areaRef?: Ref<HTMLSelectElement>;
  /** The facilitator's focused layer, marked in the list so a person sees where everyone is. */
  focusLayer: LayerId | null;
}) {
  return (
    <div className="phone-cell-picker">
      <label className="phone-field">
        <span>Layer</span>
        <select
          value={value.layer}
          onChange={(e) => isLayerId(e.target.value) && onChange({ ...value, layer: e.target.value })}
        >
          {LAYERS.map((layer, i) => (
            <option key={layer.id} value={layer.id}>
              {i + 1} {layer.name}
              {layer.id === focusLayer ? ' (focus)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="phone-field">
        <span>Area</span>
        <select
          ref={areaRef}
          value={value.area ?? ''}
          onChange={(e) => isAreaId(e.target.value) && onChange({ ...value, area: e.target.value })}
        >
          {value.area === null && (
            <option value="" disabled>
              Choose an area
            </option>
          )}
          {AREAS.map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
