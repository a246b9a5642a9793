/** A padlock drawn in SVG: emoji fonts are missing on many devices, and a box would say nothing. */
export function LockIcon() {
  return (
    <svg className="phone-lock" width="14" height="16" viewBox="0 0 14 16" aria-hidden focusable="false">
      <path d="M3.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="2" />
      <rect x="1" y="7" width="12" height="8.5" rx="2" fill="currentColor" />
    </svg>
  );
}
