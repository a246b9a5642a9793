import Konva from 'konva';
import {
  boundsOf,
  departmentName,
  getArea,
  getLayer,
  LAYERS,
  noteFill,
  type BoardSnapshot,
  type Rect,
} from '@shared';
import { linkSegment } from '../core/viewport/geometry';
import { placeBoardLabels } from '../canvas/linkLabels';
import {
  fitFontSize,
  MIN_FONT_SIZE,
  NOTE_FOOTER,
  NOTE_HEADER,
  NOTE_LINE_HEIGHT,
  NOTE_PAD,
} from '../canvas/textFit';
import { FONT, KIND_STYLE } from '../core/theme/theme';

/** A4 or A3 landscape printed at 300 dpi: 297 mm (A4's long side) is 3508 px. */
export const PRINT_WIDTH_PX = 3508;
/** Browsers refuse canvases beyond about 16k px a side: the longer side is capped below that. */
const MAX_SIDE_PX = 16_000;
const MARGIN = 40;
/** The largest canvas every browser draws (Safari on iOS caps a canvas at 16,777,216 pixels). */
const SAFE_AREA_PX = 16_000_000;
const LINK_COLOR = '#475569';
const CROSS_LAYER_COLOR = '#c026d3';

/** The part of the board to draw: every zone and note, or one layer's frame (by index). */
export function exportRect(board: BoardSnapshot, layerIndex: number | null): Rect {
  const layerId = layerIndex === null ? null : LAYERS[layerIndex]?.id;
  const frames = board.zones.filter((z) => (layerId ? z.area === null && z.layer === layerId : true));
  const rects: Rect[] = [...frames];
  if (layerId === null) rects.push(...board.notes);
  const bounds = boundsOf(rects) ?? { x: 0, y: 0, w: 1920, h: 1080 };
  return { x: bounds.x - MARGIN, y: bounds.y - MARGIN, w: bounds.w + 2 * MARGIN, h: bounds.h + 2 * MARGIN };
}

/** The pixel ratio that gives the rectangle print width, within what a canvas can hold. */
export function printPixelRatio(rect: Rect): number {
  const ratio = PRINT_WIDTH_PX / rect.w;
  return Math.min(ratio, MAX_SIDE_PX / rect.h);
}

function drawZones(layer: Konva.Layer, board: BoardSnapshot): void {
  for (const frame of board.zones.filter((z) => z.area === null)) {
    const info = getLayer(frame.layer);
    const number = LAYERS.findIndex((l) => l.id === frame.layer) + 1;
    const group = new Konva.Group({ x: frame.x, y: frame.y });
    group.add(
      new Konva.Rect({
        y: 8,
        width: frame.w,
        height: frame.h,
        fill: 'rgba(27,35,48,0.08)',
        cornerRadius: 18,
      }),
      new Konva.Rect({
        width: frame.w,
        height: frame.h,
        fill: info.tint,
        stroke: info.color,
        strokeWidth: 3,
        cornerRadius: 18,
      }),
      new Konva.Rect({ width: frame.w, height: 8, fill: info.color, cornerRadius: [18, 18, 0, 0] }),
      new Konva.Circle({ x: 68, y: 56, radius: 28, fill: info.color }),
      new Konva.Text({
        x: 40,
        y: 28,
        width: 56,
        height: 56,
        text: `${number}`,
        fontSize: 30,
        fontStyle: 'bold',
        fontFamily: FONT,
        fill: '#ffffff',
        align: 'center',
        verticalAlign: 'middle',
      }),
      new Konva.Text({
        x: 116,
        y: 34,
        text: info.name,
        fontSize: 44,
        fontStyle: 'bold',
        fontFamily: FONT,
        fill: info.color,
      }),
    );
    for (const zone of board.zones.filter((z) => z.area !== null && z.layer === frame.layer)) {
      const area = new Konva.Group({ x: zone.x - frame.x, y: zone.y - frame.y });
      area.add(
        new Konva.Rect({
          width: zone.w,
          height: zone.h,
          fill: 'rgba(255,255,255,0.78)',
          stroke: info.color,
          strokeWidth: 1.5,
          dash: [10, 6],
          cornerRadius: 12,
        }),
        new Konva.Text({
          x: 20,
          y: 16,
          text: getArea(zone.area!).name.toUpperCase(),
          fontSize: 20,
          fontStyle: 'bold',
          letterSpacing: 1.5,
          fontFamily: FONT,
          fill: '#3a4556',
        }),
      );
      group.add(area);
    }
    layer.add(group);
  }
}

function layerOf(board: BoardSnapshot, note: Rect): string | null {
  const cx = note.x + note.w / 2;
  const cy = note.y + note.h / 2;
  const frame = board.zones.find(
    (z) => z.area === null && cx >= z.x && cx <= z.x + z.w && cy >= z.y && cy <= z.y + z.h,
  );
  return frame?.layer ?? null;
}

function linkColor(board: BoardSnapshot, from: Rect, to: Rect): string {
  return layerOf(board, from) !== layerOf(board, to) ? CROSS_LAYER_COLOR : LINK_COLOR;
}

/** The arrows, under the notes. */
function drawLinks(layer: Konva.Layer, board: BoardSnapshot): void {
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  for (const link of board.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    const segment = linkSegment(from, to);
    if (!segment) continue;
    const [a, b] = segment;
    const color = linkColor(board, from, to);
    layer.add(
      new Konva.Arrow({
        points: [a.x, a.y, b.x, b.y],
        stroke: color,
        fill: color,
        strokeWidth: 3,
        pointerLength: 14,
        pointerWidth: 14,
      }),
    );
  }
}

/** The labels, as on the canvas: where they cover no note, no title, no other label and no arrow. */
function drawLinkLabels(layer: Konva.Layer, board: BoardSnapshot): void {
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const labels = new Map<string, Konva.Label>();
  const sizes = new Map<string, { w: number; h: number }>();
  for (const link of board.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!link.label || !from || !to) continue;
    const label = new Konva.Label();
    label.add(
      new Konva.Tag({ fill: '#ffffff', stroke: linkColor(board, from, to), strokeWidth: 1, cornerRadius: 4 }),
      new Konva.Text({ text: link.label, fontSize: 14, fontFamily: FONT, fill: '#1f2733', padding: 4 }),
    );
    labels.set(link.id, label);
    sizes.set(link.label, { w: label.width(), h: label.height() });
  }
  for (const placed of placeBoardLabels(board, (text) => sizes.get(text)!)) {
    layer.add(labels.get(placed.id)!.position({ x: placed.x, y: placed.y }));
  }
  for (const label of labels.values()) if (!label.getLayer()) label.destroy();
}

function drawNotes(layer: Konva.Layer, board: BoardSnapshot): void {
  const notes = [...board.notes].sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : 0));
  for (const note of notes) {
    const kind = KIND_STYLE[note.kind];
    const fontSize = fitFontSize(note.text, note.w, note.h);
    const byline = note.department ? `${note.author} · ${departmentName(note.department)}` : note.author;
    const group = new Konva.Group({ x: note.x, y: note.y });
    group.add(
      new Konva.Rect({
        x: 2,
        y: 4,
        width: note.w,
        height: note.h,
        fill: 'rgba(15,23,42,0.16)',
        cornerRadius: 4,
      }),
      new Konva.Rect({ width: note.w, height: note.h, fill: noteFill(note.color), cornerRadius: 4 }),
      new Konva.Rect({ width: 6, height: note.h, fill: kind.color, cornerRadius: [4, 0, 0, 4] }),
      new Konva.Text({
        x: NOTE_PAD,
        y: 7,
        text: `${kind.glyph} ${kind.label}`,
        fontSize: 12,
        fontStyle: 'bold',
        letterSpacing: 0.8,
        fontFamily: FONT,
        fill: kind.color,
      }),
      new Konva.Text({
        x: NOTE_PAD,
        y: NOTE_HEADER,
        width: note.w - 2 * NOTE_PAD,
        height: note.h - NOTE_HEADER - NOTE_FOOTER,
        text: note.text,
        fontSize,
        lineHeight: NOTE_LINE_HEIGHT,
        fontFamily: FONT,
        fill: '#1f2733',
        wrap: 'word',
        ellipsis: fontSize <= MIN_FONT_SIZE,
      }),
      new Konva.Text({
        x: NOTE_PAD,
        y: note.h - NOTE_FOOTER + 3,
        width: note.w - 2 * NOTE_PAD,
        text: byline,
        fontSize: 11,
        fontFamily: FONT,
        fill: '#5b6472',
        wrap: 'none',
        ellipsis: true,
      }),
    );
    layer.add(group);
  }
}

/**
 * Draws the board (or one layer) from a snapshot into a Konva stage of its own, in a detached element,
 * and encodes it as PNG at print resolution. Built from the document rather than the visible canvas, so
 * that notes the canvas culls outside the viewport and the UI overlays (selection, cursors) play no part.
 */
export async function boardPng(board: BoardSnapshot, layerIndex: number | null): Promise<Blob> {
  const rect = exportRect(board, layerIndex);
  const pixelRatio = printPixelRatio(rect);
  const container = document.createElement('div');
  // The stage itself stays tiny: only the export's own canvas is drawn at full size, once.
  const stage = new Konva.Stage({ container, width: 1, height: 1, listening: false });
  try {
    const layer = new Konva.Layer({ x: -rect.x, y: -rect.y, listening: false });
    layer.add(new Konva.Rect({ x: rect.x, y: rect.y, width: rect.w, height: rect.h, fill: '#f4f6f9' }));
    stage.add(layer);
    drawZones(layer, board);
    drawLinks(layer, board);
    drawLinkLabels(layer, board);
    drawNotes(layer, board);
    // Some browsers (Safari on tablets) refuse canvases over about 16.7 million pixels: on a refusal, the
    // image is drawn again at the largest size they accept.
    for (const ratio of [pixelRatio, Math.min(pixelRatio, Math.sqrt(SAFE_AREA_PX / (rect.w * rect.h)))]) {
      try {
        const blob = await layer.toBlob({
          x: 0,
          y: 0,
          width: rect.w,
          height: rect.h,
          pixelRatio: ratio,
          mimeType: 'image/png',
        });
        if (blob instanceof Blob && blob.size > 0) return blob;
      } catch {
        // too large for this browser: try the smaller size
      }
    }
    throw new Error('the browser could not draw an image this large; export one layer instead');
  } finally {
    stage.destroy();
  }
}
