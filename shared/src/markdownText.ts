/**
 * The small text rules every Markdown the app writes shares (the report, the agenda's summary), in a
 * module of their own so that sections built elsewhere write exactly as the report does.
 */

/** Text on one line, with Markdown's active characters escaped. */
export function mdInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A time as the report prints it, the same wherever the report is made: `2026-03-12 14:05 UTC`. */
export function reportTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
