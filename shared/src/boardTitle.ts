/**
 * The workshop's name: `meta.title`, shown in the top bar, on the projector, in the report, the page
 * title and download file names.
 */

/** The longest name a workshop may have, in UTF-16 code units (a long sentence; the top bar shortens it). */
export const MAX_TITLE_LENGTH = 200;

/** The name a board gets when it is created without one. */
export const DEFAULT_TITLE = 'Untitled workshop';

/**
 * A name as it is stored: on one line (line breaks, tabs and runs of spaces become one space), without
 * control characters, trimmed. May be empty.
 */
export function normalizeTitle(text: string): string {
  // A run of spaces and control characters becomes one space if it holds a space, else nothing.
  return text.replace(/[\s\p{Cc}]+/gu, (run) => (/\s/.test(run) ? ' ' : '')).trim();
}

/** Why a name cannot be stored, in words the UI shows as they are; null when it can. */
export function titleProblem(text: string): string | null {
  const title = normalizeTitle(text);
  if (title === '') return 'The workshop needs a name.';
  if (title.length > MAX_TITLE_LENGTH) return `A name may have at most ${MAX_TITLE_LENGTH} characters.`;
  return null;
}

/**
 * The name as every view reads it from the document: normalised and cut to MAX_TITLE_LENGTH, so that a
 * name written by a faulty or hostile client (on several lines, or a megabyte long) cannot break the top
 * bar, the report or a file name. '' when there is none.
 */
export function readTitle(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Normalising a huge value would cost time for nothing: only its start can be shown.
  let title = normalizeTitle(value.slice(0, MAX_TITLE_LENGTH * 4)).slice(0, MAX_TITLE_LENGTH);
  // Never end on half of a surrogate pair (an emoji cut in two).
  if (/[\ud800-\udbff]$/.test(title)) title = title.slice(0, -1);
  return title;
}
