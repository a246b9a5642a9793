import { useId, useState } from 'react';
import { AREAS, isAreaId, isLayerId, LAYERS, setFocus, type AreaId, type LayerId } from '@shared';
import { focusLabel } from './focusLabel';
import type { Facilitation } from './useFacilitation';
import { useCommand } from './useCommand';

/** The facilitator's focus: pick a layer (and optionally one area), send everyone there, or lift it. */
export function FocusControls({ facilitation }: { facilitation: Facilitation }) {
  const { connection, session } = facilitation;
  const { doc, origin } = connection;
  const ids = useId();
  const [layer, setLayer] = useState<LayerId>(session.focus?.layer ?? LAYERS[0]!.id);
  const [area, setArea] = useState<AreaId | ''>(session.focus?.area ?? '');
  const [error, run] = useCommand();
  const focus = session.focus;
  return (
    <section className="facilitate-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Focus</h3>
      <p className="facilitate-hint">
        Everyone’s view flies there, and new notes land there.
        {focus && (
          <>
            {' '}
            Now: <strong>{focusLabel(focus)}</strong>.
          </>
        )}
      </p>
      <div className="facilitate-row">
        <div className="facilitate-field">
          <label htmlFor={`${ids}-layer`}>Layer</label>
          <select
            id={`${ids}-layer`}
            value={layer}
            onChange={(e) => isLayerId(e.target.value) && setLayer(e.target.value)}
          >
            {LAYERS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="facilitate-field">
          <label htmlFor={`${ids}-area`}>Area</label>
          <select
            id={`${ids}-area`}
            value={area}
            onChange={(e) => setArea(isAreaId(e.target.value) ? e.target.value : '')}
          >
            <option value="">Whole layer</option>
            {AREAS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="facilitate-row">
        <button
          type="button"
          className="primary"
          onClick={() => run(() => setFocus(doc, { layer, area: area || null }, origin, Date.now()))}
        >
          Focus everyone
        </button>
        <button type="button" disabled={!focus} onClick={() => run(() => setFocus(doc, null, origin, 0))}>
          Clear focus
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
