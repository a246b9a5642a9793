import { departmentName, noteFill, type Note } from '@shared';
import { clipLine, noteTextLayout, NOTE_FOOTER, NOTE_HEADER, NOTE_LINE_HEIGHT, NOTE_PAD } from './textFit';
import { DETAIL_MIN_PX, FONT, KIND_STYLE, SELECTION_COLOR } from '../core/theme/theme';

const RADIUS = 4;
const STRIPE = 6;
const HEADER_FONT = `bold 12px ${FONT}`;
const BYLINE_FONT = `11px ${FONT}`;
const TEXT_COLOR = '#1f2733';
const BYLINE_COLOR = '#5b6472';
const SHADOW_COLOR = 'rgba(15,23,42,0.16)';

/** How far below a line's top its alphabetic baseline sits, per font: Konva's own placement of text. */
const baselines = new Map<string, number>();

function baseline(ctx: CanvasRenderingContext2D, font: string, lineHeightPx: number): number {
  let half = baselines.get(font);
  if (half === undefined) {
    ctx.font = font;
    const m = ctx.measureText('M');
    half = ((m.fontBoundingBoxAscent ?? m.actualBoundingBoxAscent) - (m.fontBoundingBoxDescent ?? 0)) / 2;
    baselines.set(font, half);
  }
  return half + lineHeightPx / 2;
}

function roundedRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, RADIUS);
}

/**
 * Notes too small on screen to read, drawn in a row as plain cards: the kind's stripe only where it is at
 * least a pixel wide, and each colour set only when it changes (the context parses every colour it is
 * given). At 10,000 notes on screen this is most of a frame's work.
 */
export function drawPlainNotes(ctx: CanvasRenderingContext2D, notes: Iterable<Note>, scale: number): void {
  let fill = '';
  for (const note of notes) {
    const color = noteFill(note.color);
    if (color !== fill) ctx.fillStyle = fill = color;
    ctx.fillRect(note.x, note.y, note.w, note.h);
    const stripe = Math.min(STRIPE, note.w / 8);
    if (stripe * scale < 1) continue;
    const kind = KIND_STYLE[note.kind].color;
    ctx.fillStyle = fill = kind;
    ctx.fillRect(note.x, note.y, stripe, note.h);
  }
}

export interface NoteLook {
  selected: boolean;
  /** The editor covers the body: its text is not drawn. */
  editing: boolean;
}

const PLAIN: NoteLook = { selected: false, editing: false };

/**
 * Draws one note at its board position on a 2D context already set to the board's transform, at a detail
 * that depends on `scale` (screen pixels per board unit), read when drawing: a note too small to read is a
 * plain card of its colour with the kind's stripe, a readable one the full card with kind, text and byline.
 * The batch shape and each note's own node draw with this one function, so that a note looks the same
 * whichever of them draws it, and levels of detail switch in the frame the zoom crosses them, with no
 * React work. The text is laid out once per text and size of note (`noteTextLayout`), never per frame.
 */
export function drawNote(ctx: CanvasRenderingContext2D, note: Note, scale: number, look = PLAIN): void {
  const { x, y, w, h } = note;
  const kind = KIND_STYLE[note.kind];
  if (w * scale < DETAIL_MIN_PX) {
    ctx.fillStyle = noteFill(note.color);
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = kind.color;
    ctx.fillRect(x, y, Math.min(STRIPE, w / 8), h);
    if (look.selected) {
      ctx.strokeStyle = SELECTION_COLOR;
      ctx.lineWidth = 4;
      ctx.strokeRect(x, y, w, h);
    }
    return;
  }
  // A solid offset rectangle instead of a blurred shadow: far cheaper to paint, same depth cue.
  ctx.fillStyle = SHADOW_COLOR;
  roundedRect(ctx, x + 2, y + 4, w, h);
  ctx.fill();
  ctx.fillStyle = noteFill(note.color);
  roundedRect(ctx, x, y, w, h);
  ctx.fill();
  if (look.selected) {
    ctx.strokeStyle = SELECTION_COLOR;
    ctx.lineWidth = 4;
    ctx.stroke();
  }
  ctx.fillStyle = kind.color;
  ctx.beginPath();
  ctx.roundRect(x, y, STRIPE, h, [RADIUS, 0, 0, RADIUS]);
  ctx.fill();

  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  // The kind's label, letter-spaced as before; the context spaces it natively, glyph by glyph costs.
  ctx.font = HEADER_FONT;
  ctx.letterSpacing = '0.8px';
  ctx.fillText(`${kind.glyph} ${kind.label}`, x + NOTE_PAD, y + 7 + baseline(ctx, HEADER_FONT, 12));
  ctx.letterSpacing = '0px';

  const textW = w - 2 * NOTE_PAD;
  if (!look.editing && note.text) {
    const { fontSize, lines } = noteTextLayout(note.text, w, h);
    const font = `${fontSize}px ${FONT}`;
    const lineHeightPx = fontSize * NOTE_LINE_HEIGHT;
    const first = y + NOTE_HEADER + baseline(ctx, font, lineHeightPx);
    ctx.font = font;
    ctx.fillStyle = TEXT_COLOR;
    for (let i = 0; i < lines.length; i++) ctx.fillText(lines[i]!, x + NOTE_PAD, first + i * lineHeightPx);
  }

  const byline = note.department ? `${note.author} · ${departmentName(note.department)}` : note.author;
  if (byline) {
    ctx.font = BYLINE_FONT;
    ctx.fillStyle = BYLINE_COLOR;
    const top = y + h - NOTE_FOOTER + 3;
    ctx.fillText(clipLine(byline, textW, BYLINE_FONT), x + NOTE_PAD, top + baseline(ctx, BYLINE_FONT, 11));
  }
}
