/** Canvas typography and colours shared by the board's Konva layers. */
export const FONT = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';
export const SELECTION_COLOR = '#2563eb';

/** Each kind has a colour and a glyph, so that it reads at a glance and without colour vision. */
export const KIND_STYLE = {
  idea: { label: 'IDEA', glyph: '✱', color: '#4b5563', key: 'i' },
  question: { label: 'QUESTION', glyph: '?', color: '#b45309', key: 'q' },
  decision: { label: 'DECISION', glyph: '✔', color: '#15803d', key: 'd' },
  risk: { label: 'RISK', glyph: '⚠', color: '#b91c1c', key: 'r' },
} as const;

/** Notes narrower than this on screen are drawn as plain cards: their text would be too small to read. */
export const DETAIL_MIN_PX = 60;
