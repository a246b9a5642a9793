/**
 * What this app keeps in Yjs awareness, one state per open tab (awareness client). Presence never goes
 * into the document. Every remote state passes `parsePresence` before anything reads it: a state from a
 * buggy or hostile client loses the values that are wrong, or is ignored whole without a usable `user`,
 * and never throws.
 */

export interface PresenceUser {
  /** The person's stable id (Identity.id): two tabs of one person share it. */
  id: string;
  name: string;
  department: string;
  /** `#rrggbb`. */
  color: string;
}

export interface BoardPoint {
  x: number;
  y: number;
}

/** A rectangle in board coordinates. */
export interface BoardRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PresenceState {
  user: PresenceUser;
  /** The pointer on the board, or null while it is off the canvas. */
  cursor: BoardPoint | null;
  /** Selected note ids, at most MAX_SELECTION. */
  selection: readonly string[];
  /** The note whose text this tab is editing. */
  editing: string | null;
  /** The part of the board this tab shows, in board coordinates. */
  viewport: BoardRect | null;
  /** The sender's clock (ms since epoch) at its last input. */
  active: number;
  /** No input for the idle threshold, or the tab is hidden: judged by the sender, so clocks never matter. */
  idle: boolean;
  /** The user id this tab follows, so that followers never chase each other round a loop. */
  following: string | null;
  /** How many private (silent brainstorming) notes this tab holds. */
  privateNotes: number;
}

/** The fields a tab may publish (everything but the user, which has its own setter). */
export type PresenceFields = Omit<PresenceState, 'user'>;

export const MAX_SELECTION = 50;
export const MAX_NAME = 40;
export const MAX_DEPARTMENT = 40;
/** Longer than any id this app makes (16 characters), short enough that no one can send a novel. */
export const MAX_ID = 64;
/** Far beyond any board a person draws on; rejects Infinity, NaN and absurd values alike. */
export const MAX_COORD = 1e7;
const MAX_PRIVATE_NOTES = 10_000;

const COLOR = /^#[0-9a-f]{6}$/i;
const ID = /^[A-Za-z0-9_-]+$/;

export const EMPTY_FIELDS: PresenceFields = {
  cursor: null,
  selection: [],
  editing: null,
  viewport: null,
  active: 0,
  idle: false,
  following: null,
  privateNotes: 0,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coord(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORD;
}

export function parseId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID && ID.test(value)
    ? value
    : null;
}

/** Strips control characters (and so bidi overrides and newlines) from names shown to others. */
function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.slice(0, max);
}

export function parseUser(value: unknown): PresenceUser | null {
  if (!isObject(value)) return null;
  const id = parseId(value.id);
  const name = cleanText(value.name, MAX_NAME);
  const department = cleanText(value.department, MAX_DEPARTMENT) ?? '';
  const color = typeof value.color === 'string' && COLOR.test(value.color) ? value.color.toLowerCase() : null;
  if (!id || !name || !color) return null;
  return { id, name, department, color };
}

export function parsePoint(value: unknown): BoardPoint | null {
  return isObject(value) && coord(value.x) && coord(value.y) ? { x: value.x, y: value.y } : null;
}

export function parseRect(value: unknown): BoardRect | null {
  if (!isObject(value) || !coord(value.x) || !coord(value.y) || !coord(value.w) || !coord(value.h)) {
    return null;
  }
  return value.w > 0 && value.h > 0 ? { x: value.x, y: value.y, w: value.w, h: value.h } : null;
}

function parseSelection(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = new Set<string>();
  for (const item of value.slice(0, MAX_SELECTION)) {
    const id = parseId(item);
    if (id) ids.add(id);
  }
  return [...ids];
}

/** One awareness state as this app reads it, or null when it has no usable `user` (then it is ignored). */
export function parsePresence(raw: unknown): PresenceState | null {
  if (!isObject(raw)) return null;
  const user = parseUser(raw.user);
  if (!user) return null;
  const active = raw.active;
  const privateNotes = raw.privateNotes;
  return {
    user,
    cursor: parsePoint(raw.cursor),
    selection: parseSelection(raw.selection),
    editing: parseId(raw.editing),
    viewport: parseRect(raw.viewport),
    active: typeof active === 'number' && Number.isFinite(active) && active >= 0 ? active : 0,
    idle: raw.idle === true,
    following: parseId(raw.following),
    privateNotes:
      typeof privateNotes === 'number' && Number.isInteger(privateNotes)
        ? Math.min(MAX_PRIVATE_NOTES, Math.max(0, privateNotes))
        : 0,
  };
}

export function samePoint(a: BoardPoint | null, b: BoardPoint | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y);
}

export function sameRect(a: BoardRect | null, b: BoardRect | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h);
}

export function sameUser(a: PresenceUser, b: PresenceUser): boolean {
  return a.id === b.id && a.name === b.name && a.department === b.department && a.color === b.color;
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
