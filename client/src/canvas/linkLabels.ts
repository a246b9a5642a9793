import { AREA_TITLE_BAND, LAYER_HEADER, type Link, type Note, type Rect, type Zone } from '@shared';
import { intersects, linkSegment } from '../core/viewport/geometry';
import type { Point } from '../core/viewport/viewport';

/** A labelled link whose label needs a place: its two notes and the size of its label, in board units. */
export interface LabelRequest {
  id: string;
  from: Rect;
  to: Rect;
  w: number;
  h: number;
}

/** A label's box, in board units. */
export interface PlacedLabel extends Rect {
  id: string;
}

/** Where along the arrow a label may sit (0 is the start, 1 the arrowhead): the middle first. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
/** Gap between a label set beside its arrow and the arrow. */
const BESIDE_GAP = 6;
/** How many label heights further out a label may go beside its arrow, past notes that line it. */
const BESIDE_STEPS = 4;
/** Covering a note's text is worse than covering a title band or another label. */
const NOTE_WEIGHT = 2;
/** Another arrow running through a label costs as much as covering this much area (board units²). */
const ARROW_CROSSING = 400;

/**
 * The bands that hold the template's titles: a layer canvas's heading (its number, name and coverage
 * meter) and each area's name.
 */
export function titleBands(zones: readonly Zone[]): Rect[] {
  return zones.map((z) => ({ x: z.x, y: z.y, w: z.w, h: z.area === null ? LAYER_HEADER : AREA_TITLE_BAND }));
}

/** Whether the segment from a to b passes through the rectangle (Liang-Barsky clipping). */
export function segmentCrosses(a: Point, b: Point, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - r.x],
    [dx, r.x + r.w - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.h - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

const samePoint = (p: Point, q: Point) => p.x === q.x && p.y === q.y;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The places a label of w x h may take on the arrow from a to b, best first: centred on the arrow, from
 * its middle outwards; then beside it on either side, nearest first.
 */
export function labelCandidates(a: Point, b: Point, w: number, h: number): Rect[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // The normal of the arrow, and how far along it the box's centre must go for the box to clear it.
  const nx = -dy / length;
  const ny = dx / length;
  const beside = (Math.abs(nx) * w) / 2 + (Math.abs(ny) * h) / 2 + BESIDE_GAP;
  const box = (cx: number, cy: number): Rect => ({ x: cx - w / 2, y: cy - h / 2, w, h });
  const on = ALONG.map((t) => box(a.x + dx * t, a.y + dy * t));
  const sides: Rect[] = [];
  for (let step = 0; step < BESIDE_STEPS; step++) {
    const d = beside + step * h;
    for (const t of ALONG) {
      sides.push(box(a.x + dx * t + nx * d, a.y + dy * t + ny * d));
      sides.push(box(a.x + dx * t - nx * d, a.y + dy * t - ny * d));
    }
  }
  return [...on, ...sides];
}

/**
 * Places link labels where they cover no note, no title, no other label and no other arrow: the first
 * free place on each arrow (see `labelCandidates`), or else the least covered one. Labels are placed
 * in the order given, each one an obstacle for the next. `arrows` are every link's arrow (the labelled
 * ones' included). Links between overlapping notes draw no arrow and get no label.
 */
export function placeLinkLabels(
  requests: readonly LabelRequest[],
  notes: readonly Rect[],
  titles: readonly Rect[],
  arrows: readonly (readonly [Point, Point])[] = [],
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const request of requests) {
    const segment = linkSegment(request.from, request.to);
    if (!segment) continue;
    const [a, b] = segment;
    const candidates = labelCandidates(a, b, request.w, request.h);
    // Only what lies near the arrow can be in the way.
    const reach = candidates.reduce((r, c) => {
      const x = Math.min(r.x, c.x);
      const y = Math.min(r.y, c.y);
      return {
        x,
        y,
        w: Math.max(r.x + r.w, c.x + c.w) - x,
        h: Math.max(r.y + r.h, c.y + c.h) - y,
      };
    }, candidates[0]!);
    const near = (rects: readonly Rect[]) => rects.filter((r) => intersects(r, reach));
    const nearNotes = near(notes);
    const nearTitles = near(titles);
    const nearLabels = near(placed);
    const nearArrows = arrows.filter(
      ([p, q]) => !(samePoint(p, a) && samePoint(q, b)) && segmentCrosses(p, q, reach),
    );
    const cost = (c: Rect) => {
      let sum = 0;
      for (const n of nearNotes) sum += NOTE_WEIGHT * overlap(c, n);
      for (const t of nearTitles) sum += overlap(c, t);
      for (const l of nearLabels) sum += overlap(c, l);
      for (const [p, q] of nearArrows) if (segmentCrosses(p, q, c)) sum += ARROW_CROSSING;
      return sum;
    };
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const candidate of candidates) {
      const c = cost(candidate);
      if (c < bestCost) {
        best = candidate;
        bestCost = c;
        if (c === 0) break;
      }
    }
    placed.push({ id: request.id, ...best });
  }
  return placed;
}

/**
 * Places the labels of a board's links (see `placeLinkLabels`), each of the size `sizeOf` gives for its
 * text: against every note, the template's titles and every arrow. The canvas and the board image
 * both place them here, so that a label sits in the same spot on screen, on the projector and on paper.
 */
export function placeBoardLabels(
  board: {
    notes: readonly Pick<Note, 'id' | 'x' | 'y' | 'w' | 'h'>[];
    zones: readonly Zone[];
    links: readonly Link[];
  },
  sizeOf: (text: string) => { w: number; h: number },
): PlacedLabel[] {
  if (!board.links.some((l) => l.label)) return [];
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const requests: LabelRequest[] = [];
  const arrows: [Point, Point][] = [];
  for (const link of board.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    const segment = linkSegment(from, to);
    if (segment) arrows.push(segment);
    if (link.label) requests.push({ id: link.id, from, to, ...sizeOf(link.label) });
  }
  return placeLinkLabels(requests, board.notes, titleBands(board.zones), arrows);
}
