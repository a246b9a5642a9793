import type { Scenario } from './scenarioTypes';

/** The figures of a run that shape its scenarios, as given on the command line. */
export interface ScenarioOptions {
  duration: string;
  warmup: string;
  joins: string;
  /** Comma-separated scenario ids, or undefined for all. */
  only?: string | undefined;
  /** Receivers read updates lightly (see RoomsScenario.light). */
  light?: boolean;
}

export function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/**
 * The workshop scenarios (see README.md): a room of 50 people and one of 100, 40 rooms of 5 at once,
 * and joining a board of 5,000 notes. `npm run bench` and `npm run bench:cluster` run the same ones.
 */
export function workshopScenarios(options: ScenarioOptions): Scenario[] {
  const durationMs = positive('duration', options.duration) * 1000;
  const warmupMs = positive('warmup', options.warmup) * 1000;
  const load = {
    docHz: 1,
    awarenessHz: 10,
    warmupMs,
    durationMs,
    drainMs: 2000,
    light: options.light === true,
  };
  const all: Scenario[] = [
    {
      kind: 'rooms',
      id: 'room50',
      title: '1 room × 50 people',
      rooms: 1,
      peoplePerRoom: 50,
      notesPerRoom: 200,
      ...load,
    },
    {
      kind: 'rooms',
      id: 'room100',
      title: '1 room × 100 people',
      rooms: 1,
      peoplePerRoom: 100,
      notesPerRoom: 200,
      ...load,
    },
    {
      kind: 'rooms',
      id: 'rooms40x5',
      title: '40 rooms × 5 people',
      rooms: 40,
      peoplePerRoom: 5,
      notesPerRoom: 20,
      ...load,
    },
    {
      kind: 'join',
      id: 'join5000',
      title: 'join, 5,000 notes',
      notes: 5000,
      joins: positive('joins', options.joins),
      cold: true,
    },
  ];
  if (!options.only) return all;
  const wanted = new Set(options.only.split(','));
  const chosen = all.filter((s) => wanted.has(s.id));
  if (chosen.length === 0)
    throw new Error(`--only matched no scenario; ids are ${all.map((s) => s.id).join(', ')}`);
  return chosen;
}

/** One load of the capacity ramp: this many rooms of this many people, all at once. */
export interface RampStep {
  rooms: number;
  peoplePerRoom: number;
}

/**
 * The capacity ramp's default: more and more workshops of 50 people on one server, which is how a
 * server fills up in practice. (Single ever larger rooms, `--ramp 50,100,200,400`, stop measuring the
 * server on a two-core machine: past 200 people in one room the load generator, which reads every
 * person's copy of every update, needs a core of its own.)
 */
export const DEFAULT_RAMP = '1x50,2x50,3x50,4x50,6x50,8x50,10x50';

/** `--ramp`: comma-separated loads, each a room size (`100`) or rooms × size (`4x50`). */
export function rampSteps(raw: string): RampStep[] {
  return raw.split(',').map((entry) => {
    const match = /^\s*(?:(\d+)\s*[x×]\s*)?(\d+)\s*$/.exec(entry);
    const rooms = Number(match?.[1] ?? 1);
    const peoplePerRoom = Number(match?.[2]);
    if (!match || rooms < 1 || peoplePerRoom < 2) {
      throw new Error(
        `--ramp takes room sizes (100) or rooms x size (4x50), at least 2 people: got "${entry}"`,
      );
    }
    return { rooms, peoplePerRoom };
  });
}
