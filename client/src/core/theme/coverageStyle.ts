import { CELL_STATE_MEANING, type CellState } from '@shared';

/**
 * How each cell state looks on the overlay and in the panels. Colours from the Okabe-Ito palette, which
 * stays distinct under the common colour-vision deficiencies; every state also carries a word, a glyph
 * and its own border pattern, so colour is never the only cue.
 */
export const COVERAGE_STYLE: Readonly<
  Record<CellState, { label: string; glyph: string; color: string; tint: string; dash: number[] | null }>
> = {
  empty: { label: 'Gap', glyph: '○', color: '#b34700', tint: 'rgba(213,94,0,0.16)', dash: [18, 10] },
  exploring: { label: 'Exploring', glyph: '…', color: '#0b6fa4', tint: 'rgba(86,180,233,0.2)', dash: [4, 8] },
  decided: { label: 'Decided', glyph: '✔', color: '#00765a', tint: 'rgba(0,158,115,0.2)', dash: null },
  contested: {
    label: 'Contested',
    glyph: '!',
    color: '#9c3f7a',
    tint: 'rgba(204,121,167,0.24)',
    dash: [24, 6, 4, 6],
  },
};

/** "4 decided · 1 contested · 1 gap": the states present, in a fixed order, with counts. */
export function countsSummary(counts: Readonly<Record<CellState, number>>): string {
  const parts: string[] = [];
  if (counts.decided) parts.push(`${counts.decided} decided`);
  if (counts.contested) parts.push(`${counts.contested} contested`);
  if (counts.exploring) parts.push(`${counts.exploring} exploring`);
  if (counts.empty) parts.push(`${counts.empty} ${counts.empty === 1 ? 'gap' : 'gaps'}`);
  return parts.join(' · ');
}

/** "Contested: a decision, but an open question ...": a state's name and what it means, for tooltips. */
export function stateExplained(state: CellState): string {
  return `${COVERAGE_STYLE[state].label}: ${CELL_STATE_MEANING[state]}.`;
}
