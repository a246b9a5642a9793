import { isBoardId, ROLES, type BoardAccess, type Role } from '@shared';

/**
 * The boards opened on this device, for the start page's list: each with its title, the link it was
 * opened with and when. Kept in localStorage (a few kilobytes), written when a board page has read the
 * board's title and whenever the title changes; a board whose content never arrived (a wrong link) is
 * never listed. Only this device reads it, and a person can remove any entry.
 */

export interface RememberedBoard {
  id: string;
  title: string;
  role: Role;
  token: string;
  /** When a board page last opened it, in ms since the epoch. */
  openedAt: number;
}

const KEY = 'iot-board:opened-boards';
/** The list keeps the most recently opened boards. */
export const MAX_REMEMBERED_BOARDS = 50;
const MAX_TITLE = 200;
const MAX_TOKEN = 512;

function parseEntry(value: unknown): RememberedBoard | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !isBoardId(v.id)) return null;
  if (typeof v.title !== 'string' || !ROLES.includes(v.role as Role)) return null;
  if (typeof v.token !== 'string' || v.token === '' || v.token.length > MAX_TOKEN) return null;
  if (typeof v.openedAt !== 'number' || !Number.isFinite(v.openedAt)) return null;
  return {
    id: v.id,
    title: v.title.slice(0, MAX_TITLE),
    role: v.role as Role,
    token: v.token,
    openedAt: v.openedAt,
  };
}

function read(): RememberedBoard[] {
  let value: unknown;
  try {
    value = JSON.parse(localStorage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const entries = value.map(parseEntry).filter((entry): entry is RememberedBoard => entry !== null);
  return entries.sort((a, b) => b.openedAt - a.openedAt);
}

const listeners = new Set<() => void>();
let cached: readonly RememberedBoard[] | null = null;

function write(entries: RememberedBoard[]): void {
  const sorted = entries.sort((a, b) => b.openedAt - a.openedAt).slice(0, MAX_REMEMBERED_BOARDS);
  try {
    localStorage.setItem(KEY, JSON.stringify(sorted));
  } catch {
    // Storage full or blocked (a private window): the list is a convenience, the board works without it.
  }
  changed();
}

function changed(): void {
  cached = null;
  for (const listener of listeners) listener();
}

/** The remembered boards, the most recently opened first; the same array until something changes. */
export function rememberedBoards(): readonly RememberedBoard[] {
  cached ??= read();
  return cached;
}

/** Calls `listener` when the list changes, here or in another tab. */
export function subscribeRememberedBoards(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) changed();
  };
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/**
 * Records that the board was opened at `openedAt` with `access`, under `title`. An edit link is kept
 * over a view link of the same board, so the list never takes away what this device could do.
 */
export function rememberBoard(id: string, access: BoardAccess, title: string, openedAt: number): void {
  const entries = read();
  const known = entries.find((entry) => entry.id === id);
  const keepEdit = known?.role === 'edit' && access.role === 'view';
  const entry: RememberedBoard = {
    id,
    title: title.slice(0, MAX_TITLE),
    role: keepEdit ? 'edit' : access.role,
    token: keepEdit ? known.token : access.token,
    openedAt: Math.max(openedAt, known?.openedAt ?? 0),
  };
  if (
    known &&
    known.title === entry.title &&
    known.token === entry.token &&
    known.openedAt === entry.openedAt
  ) {
    return;
  }
  write([entry, ...entries.filter((e) => e.id !== id)]);
}

/** Takes a board off this device's list (the board itself stays on the server). */
export function forgetBoard(id: string): void {
  write(read().filter((entry) => entry.id !== id));
}
