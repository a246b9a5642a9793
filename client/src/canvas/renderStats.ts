/**
 * How often each note has rendered: the browser tests read it (through `window.__board`) to prove that a
 * change to one note renders that note alone. A map increment per render costs nothing measurable.
 */
const counts = new Map<string, number>();

export function countRender(id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

export function renderCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}

export function resetRenderCounts(): void {
  counts.clear();
}
