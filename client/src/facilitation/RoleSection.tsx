import { useState } from 'react';
import { releaseFacilitator, takeFacilitator } from '@shared';
import type { Facilitation } from './useFacilitation';

/**
 * Who runs the workshop: take the role, take it over from someone (after a confirmation, since they
 * lose the controls), or give it up.
 */
export function RoleSection({ facilitation }: { facilitation: Facilitation }) {
  const { connection, session, me, canFacilitate, isFacilitator } = facilitation;
  const { doc, origin } = connection;
  const holder = session.facilitator;
  const [confirming, setConfirming] = useState(false);
  const take = () => {
    takeFacilitator(doc, me, origin, Date.now());
    setConfirming(false);
  };

  if (isFacilitator) {
    return (
      <section className="facilitate-section" aria-label="Facilitator role">
        <p className="facilitate-status">
          <strong>You are facilitating.</strong> Everyone sees your name in the top bar.
        </p>
        <button type="button" onClick={() => releaseFacilitator(doc, me.id, origin)}>
          Stop facilitating
        </button>
      </section>
    );
  }
  return (
    <section className="facilitate-section" aria-label="Facilitator role">
      <p className="facilitate-status">
        {holder ? (
          <>
            <strong>{holder.name || 'Someone'}</strong> is facilitating.
          </>
        ) : (
          'Nobody is facilitating yet.'
        )}
      </p>
      {!canFacilitate ? (
        <p className="facilitate-hint">Facilitating needs the edit link.</p>
      ) : !holder ? (
        <button type="button" className="primary" onClick={take}>
          Take the facilitator role
        </button>
      ) : confirming ? (
        <div className="facilitate-confirm" role="group" aria-label="Confirm taking over">
          <p>Take over from {holder.name || 'them'}? They lose the timer, focus and summon controls.</p>
          <button type="button" className="primary" onClick={take}>
            Take over
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Take over from {holder.name || 'them'}
        </button>
      )}
    </section>
  );
}
