import './facilitation.css';
import { useCallback, useRef, useState } from 'react';
import type { Facilitation } from './useFacilitation';
import { FacilitatePanel } from './FacilitatePanel';

/**
 * The top bar's facilitation control: a badge naming who facilitates (everyone sees it) and, on an
 * edit link, the Facilitate button that opens the panel.
 */
export function FacilitateMenu({ facilitation }: { facilitation: Facilitation }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    trigger.current?.focus();
  }, []);
  const holder = facilitation.session.facilitator;
  return (
    <span className="facilitate-menu">
      {holder && (
        <span className="badge facilitator-badge" title={`${holder.name || 'Someone'} runs this workshop`}>
          <span className="dot" style={{ background: holder.color || '#9ca3af' }} aria-hidden />
          <span>
            {facilitation.isFacilitator ? 'You facilitate' : `Facilitator: ${holder.name || 'someone'}`}
          </span>
        </span>
      )}
      {facilitation.canFacilitate && (
        <button
          ref={trigger}
          type="button"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? 'facilitate-panel' : undefined}
          onClick={() => setOpen((o) => !o)}
          // Enter and Space belong to the button here, not to the board's shortcuts on window.
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && e.stopPropagation()}
        >
          Facilitate
        </button>
      )}
      {open && <FacilitatePanel facilitation={facilitation} onClose={close} />}
    </span>
  );
}
