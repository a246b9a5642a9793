import { clampScale, type Viewport } from './viewport';

/**
 * Where this device last looked at each board, so that a reload (or coming back tomorrow) opens the
 * board where the person left it instead of on the first layer. Kept as the board point at the middle
 * of the canvas and the zoom, so that a window of another size still shows the same place.
 */
export interface SavedCamera {
  /** The board point at the middle of the canvas. */
  cx: number;
  cy: number;
  scale: number;
}

const KEY = 'iot-board:cameras';
/** Boards remembered per device; the least recently seen is forgotten first. */
export const MAX_SAVED_CAMERAS = 30;
/** Far beyond any board's template, so a corrupt entry cannot send the view into nowhere. */
const MAX_COORDINATE = 1_000_000;

type Stored = Record<string, SavedCamera & { at: number }>;

function readAll(storage: Storage): Stored {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Stored) : {};
  } catch {
    return {};
  }
}

function isCamera(value: unknown): value is SavedCamera {
  if (!value || typeof value !== 'object') return false;
  const { cx, cy, scale } = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  return (
    finite(cx) &&
    finite(cy) &&
    finite(scale) &&
    Math.abs(cx) < MAX_COORDINATE &&
    Math.abs(cy) < MAX_COORDINATE &&
    scale > 0
  );
}

/** The camera this device kept for a board, or null (none kept, storage blocked or corrupt). */
export function loadCamera(boardId: string, storage: Storage = localStorage): SavedCamera | null {
  try {
    const entry = readAll(storage)[boardId];
    return isCamera(entry) ? { cx: entry.cx, cy: entry.cy, scale: clampScale(entry.scale) } : null;
  } catch {
    return null;
  }
}

/** Keeps a board's camera on this device (a full or blocked storage keeps nothing, silently). */
export function saveCamera(
  boardId: string,
  camera: SavedCamera,
  storage: Storage = localStorage,
  now = Date.now(),
): void {
  if (!isCamera(camera)) return;
  try {
    const all = readAll(storage);
    all[boardId] = { cx: camera.cx, cy: camera.cy, scale: camera.scale, at: now };
    const kept = Object.entries(all)
      .filter(([, entry]) => isCamera(entry))
      .sort((a, b) => (b[1].at || 0) - (a[1].at || 0))
      .slice(0, MAX_SAVED_CAMERAS);
    storage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or blocked: the next visit opens on the first layer, as before.
  }
}

/** The camera of a view on a canvas of the given size. */
export function cameraOf(view: Viewport, size: { width: number; height: number }): SavedCamera {
  return {
    cx: (size.width / 2 - view.x) / view.scale,
    cy: (size.height / 2 - view.y) / view.scale,
    scale: view.scale,
  };
}

/** The view that puts a camera's point in the middle of a canvas of the given size, at its zoom. */
export function viewOf(camera: SavedCamera, size: { width: number; height: number }): Viewport {
  return {
    scale: camera.scale,
    x: size.width / 2 - camera.cx * camera.scale,
    y: size.height / 2 - camera.cy * camera.scale,
  };
}
