import type { Scenario } from './scenarioTypes';

/** The figures of a run that shape its scenarios, as given on the command line. */
export interface ScenarioOptions {
  duration: string;
  warmup: string;
  joins: string;
  /** Comma-separated scenario ids, or undefined for all. */
  only?: string | undefined;
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
  const load = { docHz: 1, awarenessHz: 10, warmupMs, durationMs, drainMs: 2000 };
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
