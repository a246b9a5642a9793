import './facilitation.css';
import { useCallback, useRef, useState } from 'react';
import type { Facilitation } from './useFacilitation';
import { FacilitatePanel } from './FacilitatePanel';

/**
 * The top bar's facilitation control. Everyone sees who facilitates, as a badge; on an edit link that
 * badge (or, while nobody facilitates, a Facilitate button) opens the panel. One control, not two: the
 * top bar is full on a laptop screen.
 */
export function FacilitateMenu({ facilitation }: { facilitation: Facilitation }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    trigger.current?.focus();
  }, []);
  const holder = facilitation.session.facilitator;
  const label = holder && (
    <>
      <span className="dot" style={{ background: holder.color || '#9ca3af' }} aria-hidden />
      <span className="facilitator-name">
        {facilitation.isFacilitator ? 'You facilitate' : `Facilitator: ${holder.name || 'someone'}`}
      </span>
    </>
  );
  if (!facilitation.canFacilitate) {
    return label ? <span className="badge facilitator-badge">{label}</span> : null;
  }
  return (
    <span className="facilitate-menu">
      <button
        ref={trigger}
        type="button"
        className={holder ? 'facilitate-trigger badge facilitator-badge' : 'facilitate-trigger'}
        title={holder ? 'Facilitation: the role, focus, timer and “bring everyone here”' : undefined}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'facilitate-panel' : undefined}
        onClick={() => setOpen((o) => !o)}
        // Enter and Space belong to the button here, not to the board's shortcuts on window.
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && e.stopPropagation()}
      >
        {label ?? 'Facilitate'}
      </button>
      {open && <FacilitatePanel facilitation={facilitation} onClose={close} />}
    </span>
  );
}
