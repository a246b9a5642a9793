/**
 * A cached layer canvas may take at most this many bitmap pixels (about one 1920 x 1080 canvas at one
 * bitmap pixel per board unit); past it, at deep zoom where a screen shows a small part of one canvas,
 * the canvas is drawn as shapes instead.
 */
export const MAX_CACHED_PIXELS = 2_400_000;

/**
 * The bitmap resolution to cache a frame of `w` x `h` board units at for a view `scale`: the screen's
 * pixels per board unit, rounded to a power of two so that zooming re-caches only at each doubling (in
 * between, the bitmap is drawn scaled by at most a factor of about 1.4), or null when such a bitmap
 * would be too large.
 */
export function cacheRatio(scale: number, devicePixelRatio: number, w: number, h: number): number | null {
  const ratio = 2 ** Math.round(Math.log2(scale * devicePixelRatio));
  return w * h * ratio * ratio > MAX_CACHED_PIXELS ? null : ratio;
}
