import type { Point } from '../core/viewport/viewport';

/** At most this many note nodes are made per frame: each costs React and Konva some 0.1 ms. */
// Measured with `npm run bench:canvas` (Ctrl + wheel notches at 10,000 notes): 40 a frame left one frame in
// twenty at three display frames or more; 16 keeps the 95th percentile at two.
export const MOUNT_PER_FRAME = 16;
/** Removing a node costs less than making one. */
export const UNMOUNT_PER_FRAME = 120;

/**
 * One frame's step from the notes that have nodes of their own towards those that should: at most
 * `add` nodes made, the notes nearest `centre` first (where the person looks and points), and at most
 * `remove` taken away. Until a note has its node, the batch shape draws it, looking the same; so a zoom
 * across the level of detail never makes hundreds of nodes in one frame. Returns `current` itself when
 * there is nothing to do, so that React does not render again.
 */
export function nextMounted(
  current: ReadonlySet<string>,
  target: readonly string[],
  centreOf: (id: string) => Point | undefined,
  centre: Point,
  add = MOUNT_PER_FRAME,
  remove = UNMOUNT_PER_FRAME,
): ReadonlySet<string> {
  const wanted = new Set(target);
  const extra: string[] = [];
  for (const id of current) if (!wanted.has(id)) extra.push(id);
  const missing: { id: string; d: number }[] = [];
  for (const id of target) {
    if (current.has(id)) continue;
    const c = centreOf(id);
    if (c) missing.push({ id, d: (c.x - centre.x) ** 2 + (c.y - centre.y) ** 2 });
  }
  if (extra.length === 0 && missing.length === 0) return current;
  const next = new Set(current);
  for (const id of extra.slice(0, remove)) next.delete(id);
  if (missing.length > add) missing.sort((a, b) => a.d - b.d);
  for (const { id } of missing.slice(0, add)) next.add(id);
  return next;
}
