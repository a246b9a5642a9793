/** Canvas typography and colours shared by the board's Konva layers. */
export const FONT = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';
export const SELECTION_COLOR = '#2563eb';

export const KIND_STYLE = {
  idea: { label: 'IDEA', color: '#5b6472' },
  question: { label: 'QUESTION', color: '#b45309' },
  decision: { label: 'DECISION', color: '#15803d' },
  risk: { label: 'RISK', color: '#b91c1c' },
} as const;
