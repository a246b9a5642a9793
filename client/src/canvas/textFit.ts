import { FONT } from '../core/theme/theme';

export const NOTE_PAD = 12;
export const NOTE_HEADER = 24;
export const NOTE_FOOTER = 22;
export const NOTE_LINE_HEIGHT = 1.2;
const SIZES = [24, 22, 20, 18, 17, 16, 15, 14, 13, 12, 11, 10];
export const MIN_FONT_SIZE = SIZES[SIZES.length - 1]!;
const CACHE_LIMIT = 5000;

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

function measure(): CanvasRenderingContext2D | null {
  if (context === undefined) context = globalThis.document?.createElement('canvas').getContext('2d') ?? null;
  return context;
}

/** How many lines `text` takes when word-wrapped to `width` in the current font (as Konva wraps it). */
function lineCount(ctx: CanvasRenderingContext2D, text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = '';
    lines++;
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (ctx.measureText(candidate).width <= width) {
        line = candidate;
        continue;
      }
      if (line) lines++;
      // A word longer than the line is broken across lines, as Konva does.
      let rest = word;
      while (ctx.measureText(rest).width > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && ctx.measureText(rest.slice(0, cut)).width > width) cut--;
        rest = rest.slice(cut);
        lines++;
      }
      line = rest;
    }
  }
  return lines;
}

/**
 * The largest font size at which a note's text fits its body, so that short notes read from across the
 * room and long ones still show whole. Measured with the canvas's own text metrics; cached.
 */
export function fitFontSize(text: string, w: number, h: number): number {
  const key = `${w}x${h}:${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const bodyW = w - 2 * NOTE_PAD;
  const bodyH = h - NOTE_HEADER - NOTE_FOOTER;
  const ctx = measure();
  let fit = SIZES[SIZES.length - 1]!;
  for (const size of SIZES) {
    let lines: number;
    if (ctx) {
      ctx.font = `${size}px ${FONT}`;
      lines = lineCount(ctx, text, bodyW);
    } else {
      // No canvas (tests in Node): estimate from an average glyph width.
      const perLine = Math.max(1, Math.floor(bodyW / (size * 0.55)));
      lines = text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
    }
    if (lines * size * NOTE_LINE_HEIGHT <= bodyH) {
      fit = size;
      break;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, fit);
  return fit;
}
