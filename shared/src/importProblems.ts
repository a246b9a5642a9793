/**
 * What an import may bring, and how its problems are worded: for the people who made the file, in
 * plain words, each saying where it is.
 */

/** At most this many problems are listed; the last line then says how many more there were. */
export const MAX_IMPORT_PROBLEMS = 50;
/** The most notes (and, four times over, links) one import may bring: about what a board can show. */
export const MAX_IMPORT_NOTES = 10_000;
/** The longest note text an import may bring. */
export const MAX_IMPORT_TEXT = 10_000;
/** The longest board title or dependency label an import may bring (what the commands keep). */
export const MAX_IMPORT_TITLE = 200;
/** The longest author or department an import may bring (what the commands keep). */
export const MAX_IMPORT_NAME = 80;
/** How far from the board's origin an imported note may lie, in board units (the board is ~2,000 x 6,600). */
export const MAX_IMPORT_COORDINATE = 1_000_000;

/** What to do with a file that is not a board export: said once, instead of a problem per field. */
export const NOT_AN_EXPORT =
  'this JSON file is not a board saved by IoT Decision Board (it has no "format": "iot-decision-board"). ' +
  'Import a file saved with Export, "Board as JSON", or a CSV list with the columns layer, area, kind and text.';

/** A value as a problem quotes it: short, on one line. */
export function quoteValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string')
    return value.length > 40 ? `"${value.slice(0, 37)}…"` : JSON.stringify(value);
  return String(value);
}

/** A list of problems that stops at MAX_IMPORT_PROBLEMS and then counts the rest. */
export class ProblemList {
  readonly items: string[] = [];
  private more = 0;
  add(problem: string): void {
    if (this.items.length < MAX_IMPORT_PROBLEMS) this.items.push(problem);
    else this.more++;
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  /** The problems, with a last line counting those left out. */
  list(): string[] {
    return this.more === 0
      ? [...this.items]
      : [...this.items, `and ${this.more} more problem${this.more === 1 ? '' : 's'} like these`];
  }
}

/** `a, b, c or d` (or `and`). */
export function orList(items: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
