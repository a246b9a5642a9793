import './phone.css';

/** On a phone showing the full canvas: the way back to the phone layout, always in reach of a thumb. */
export function PhoneLayoutButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="primary phone-layout-return" onClick={onClick}>
      Phone view
    </button>
  );
}
