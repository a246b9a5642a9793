import sample from './sampleWorkshop.json';
import type { Workshop } from './workshop';

/**
 * The sample workshop: a finished board from a workshop on a soil-moisture sensing product (36 notes over
 * the five layers, ten cross-layer dependencies, horizons on the decisions, four empty cells so that gaps
 * show). The product opens it for a new user (`POST /api/boards {"sample": true}`), the README screenshot
 * and the benchmarks are made from it, and tests use it as a realistic board.
 *
 * Returns a fresh copy each call: callers may change it.
 */
export function sampleWorkshop(): Workshop {
  return structuredClone(sample) as Workshop;
}
