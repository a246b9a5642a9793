import { describe, expect, it } from 'vitest';
import { nextMounted } from './mountSteps';

/** Notes in a row, one board unit apart: note `n` has its centre at (n, 0). */
const centreOf = (id: string) => ({ x: Number(id.slice(1)), y: 0 });
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `n${from + i}`);

describe('nextMounted', () => {
  it('makes at most the allowed number of nodes a step, the nearest to the centre first', () => {
    const step = nextMounted(new Set(), ids(100), centreOf, { x: 50, y: 0 }, 10, 10);
    expect([...step].sort()).toEqual(['n45', 'n46', 'n47', 'n48', 'n49', 'n50', 'n51', 'n52', 'n53', 'n54']);
  });

  it('reaches the target in steps, removing what left it, then stays put', () => {
    let mounted: ReadonlySet<string> = new Set(ids(30, 200));
    const target = ids(25);
    let steps = 0;
    for (; steps < 20; steps++) {
      const next = nextMounted(mounted, target, centreOf, { x: 0, y: 0 }, 10, 20);
      if (next === mounted) break;
      mounted = next;
    }
    expect(steps).toBe(3);
    expect([...mounted].sort()).toEqual([...target].sort());
  });

  it('skips notes that are gone', () => {
    const gone = (id: string) => (id === 'n1' ? undefined : centreOf(id));
    const mounted = nextMounted(new Set(), ids(3), gone, { x: 0, y: 0 });
    expect([...mounted].sort()).toEqual(['n0', 'n2']);
    expect(nextMounted(mounted, ids(3), gone, { x: 0, y: 0 })).toBe(mounted);
  });
});
