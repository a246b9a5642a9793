import { describe, expect, it } from 'vitest';
import { fitFontSize, MIN_FONT_SIZE, noteTextLayout } from './textFit';

// In Node there is no canvas: the layout estimates glyph widths, which is enough to check its rules.
describe('noteTextLayout', () => {
  it('gives a short text a large size and a long one a smaller size', () => {
    const short = noteTextLayout('LoRaWAN', 200, 160);
    const long = noteTextLayout('word '.repeat(40).trim(), 200, 160);
    expect(short.fontSize).toBeGreaterThan(long.fontSize);
    expect(short.lines).toEqual(['LoRaWAN']);
    expect(fitFontSize('LoRaWAN', 200, 160)).toBe(short.fontSize);
  });

  it('keeps every line of a text that fits, paragraphs included', () => {
    const layout = noteTextLayout('one\ntwo', 200, 160);
    expect(layout.lines).toEqual(['one', 'two']);
  });

  it('cuts a text too long for the smallest size to the lines that fit, ending in an ellipsis', () => {
    const layout = noteTextLayout('x'.repeat(5000), 200, 160);
    expect(layout.fontSize).toBe(MIN_FONT_SIZE);
    expect(layout.lines.length * MIN_FONT_SIZE * 1.2).toBeLessThanOrEqual(160 - 24 - 22);
    expect(layout.lines.at(-1)!.endsWith('…')).toBe(true);
  });

  it('lays a text out once per text and size of note', () => {
    expect(noteTextLayout('cached', 200, 160)).toBe(noteTextLayout('cached', 200, 160));
    expect(noteTextLayout('cached', 220, 160)).not.toBe(noteTextLayout('cached', 200, 160));
  });
});
