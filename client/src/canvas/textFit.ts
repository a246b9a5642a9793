import { FONT } from '../core/theme/theme';

export const NOTE_PAD = 12;
export const NOTE_HEADER = 24;
export const NOTE_FOOTER = 22;
export const NOTE_LINE_HEIGHT = 1.2;
const SIZES = [24, 22, 20, 18, 17, 16, 15, 14, 13, 12, 11, 10];
export const MIN_FONT_SIZE = SIZES[SIZES.length - 1]!;
/** Room for every note of a 10,000-note board and their byline, with some to spare for edits. */
const CACHE_LIMIT = 25_000;
const ELLIPSIS = '…';

/** A note's body text laid out for its card: the size that fits, and the lines as they wrap. */
export interface TextLayout {
  fontSize: number;
  lines: readonly string[];
}

let context: CanvasRenderingContext2D | null | undefined;
const layouts = new Map<string, TextLayout>();
const clipped = new Map<string, string>();

function measure(): CanvasRenderingContext2D | null {
  if (context === undefined) context = globalThis.document?.createElement('canvas').getContext('2d') ?? null;
  return context;
}

/** Splits one word that is wider than the line into pieces that fit, as Konva breaks it. */
function breakWord(ctx: CanvasRenderingContext2D, word: string, width: number, out: string[]): string {
  let rest = word;
  while (ctx.measureText(rest).width > width && rest.length > 1) {
    let cut = rest.length - 1;
    while (cut > 1 && ctx.measureText(rest.slice(0, cut)).width > width) cut--;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return rest;
}

/** `text` word-wrapped to `width` in the context's current font, as Konva wraps it. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (ctx.measureText(candidate).width <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = breakWord(ctx, word, width, lines);
    }
    lines.push(line);
  }
  return lines;
}

/** Without a canvas (tests in Node): lines estimated from an average glyph width. */
function estimate(text: string, width: number, size: number): string[] {
  const perLine = Math.max(1, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.length === 0) lines.push('');
    for (let i = 0; i < paragraph.length; i += perLine) lines.push(paragraph.slice(i, i + perLine));
  }
  return lines;
}

/** `line` cut so that it ends in an ellipsis within `width`. */
function withEllipsis(ctx: CanvasRenderingContext2D | null, line: string, width: number): string {
  if (!ctx) return `${line.slice(0, Math.max(0, line.length - 1))}${ELLIPSIS}`;
  let cut = line.length;
  while (cut > 0 && ctx.measureText(`${line.slice(0, cut)}${ELLIPSIS}`).width > width) cut--;
  return `${line.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * A note's body text at the largest font size at which it fits the body, so that short notes read from
 * across the room and long ones still show whole; past the smallest size, cut with an ellipsis. Measured
 * with the canvas's own text metrics, once per text and size of note: zooming never measures again.
 */
export function noteTextLayout(text: string, w: number, h: number): TextLayout {
  const key = `${w}x${h}:${text}`;
  const known = layouts.get(key);
  if (known) return known;
  const bodyW = w - 2 * NOTE_PAD;
  const bodyH = h - NOTE_HEADER - NOTE_FOOTER;
  const ctx = measure();
  let layout: TextLayout | null = null;
  for (const size of SIZES) {
    if (ctx) ctx.font = `${size}px ${FONT}`;
    const lines = ctx ? wrap(ctx, text, bodyW) : estimate(text, bodyW, size);
    if (lines.length * size * NOTE_LINE_HEIGHT <= bodyH || size === MIN_FONT_SIZE) {
      layout = { fontSize: size, lines };
      break;
    }
  }
  const { fontSize, lines } = layout!;
  const room = Math.max(1, Math.floor(bodyH / (fontSize * NOTE_LINE_HEIGHT)));
  if (lines.length > room) {
    const kept = lines.slice(0, room);
    kept[room - 1] = withEllipsis(ctx, kept[room - 1]!, bodyW);
    layout = { fontSize, lines: kept };
  }
  return remember(layouts, key, layout!);
}

/** The largest font size at which a note's text fits its body (see `noteTextLayout`). */
export function fitFontSize(text: string, w: number, h: number): number {
  return noteTextLayout(text, w, h).fontSize;
}

/** One line of `text` in `font`, cut with an ellipsis if wider than `width`; cached. */
export function clipLine(text: string, width: number, font: string): string {
  const key = `${width}:${font}:${text}`;
  const known = clipped.get(key);
  if (known !== undefined) return known;
  const ctx = measure();
  let line = text;
  if (ctx) {
    ctx.font = font;
    if (ctx.measureText(text).width > width) line = withEllipsis(ctx, text, width);
  }
  return remember(clipped, key, line);
}
