/** The head of a popover: its title and a × that closes it. */
export function PopoverHead({ title, onClose }: { title: string; onClose: () => void }) {
  return (
    <div className="popover-head">
      <strong>{title}</strong>
      <button type="button" className="icon" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

/**
 * The head of a panel docked beside the canvas (analysis and workshop panels): its heading, which labels
 * the panel's section through `headingId`, and a × that closes it.
 */
export function DockPanelHead({
  headingId,
  title,
  closeLabel,
  onClose,
}: {
  headingId: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
}) {
  return (
    <header className="dock-panel-head">
      <h2 id={headingId}>{title}</h2>
      <button type="button" className="icon" aria-label={closeLabel} onClick={onClose}>
        ×
      </button>
    </header>
  );
}
