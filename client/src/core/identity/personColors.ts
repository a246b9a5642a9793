import { departmentColor, NOTE_COLORS, type NoteColor } from '@shared';

/** One colour a person may pick: strong enough for white text on it, paired with a sticky-note colour. */
export interface PersonColor {
  /** The sticky-note colour this person's new notes get. */
  note: NoteColor;
  name: string;
  /** Cursors, outlines, avatars: white text on it passes WCAG AA (4.5:1). */
  hex: string;
}

/**
 * A small palette, one entry per note colour, so that a person's colour and their notes' colour agree.
 * The hues are far apart so cursors stay distinct on the canvas; the names carry the choice for anyone
 * who cannot tell them apart.
 */
export const PERSON_COLORS: readonly PersonColor[] = [
  { note: 'yellow', name: 'Gold', hex: '#a16207' },
  { note: 'orange', name: 'Orange', hex: '#c2410c' },
  { note: 'pink', name: 'Pink', hex: '#be185d' },
  { note: 'green', name: 'Green', hex: '#15803d' },
  { note: 'blue', name: 'Blue', hex: '#1d4ed8' },
  { note: 'violet', name: 'Violet', hex: '#6d28d9' },
];

/** The colour of people without an identity (view links): neutral, never one a person can pick. */
export const VIEWER_COLOR = '#475569';

const byHex = new Map(PERSON_COLORS.map((c) => [c.hex, c]));
const byNote = new Map(PERSON_COLORS.map((c) => [c.note as string, c]));

export function personColorByHex(hex: string): PersonColor | undefined {
  return byHex.get(hex.toLowerCase());
}

/** The colour a person of this department starts with: the department's own note colour. */
export function defaultPersonColor(department: string): PersonColor {
  return byNote.get(departmentColor(department)) ?? PERSON_COLORS[0]!;
}

/**
 * The colour a newcomer starts with: picked by their new random id, so that people joining together
 * spread over the palette instead of sharing their department's colour (Firmware and Business were both
 * Gold). Stable for one id, so the dialog shows the colour it will save.
 */
export function startingPersonColor(id: string): PersonColor {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return PERSON_COLORS[(hash >>> 0) % PERSON_COLORS.length]!;
}

/** The person colour paired with a note colour id (for notes whose author is not here). */
export function personColorOfNote(note: string): PersonColor {
  return byNote.get(note) ?? PERSON_COLORS[0]!;
}

/**
 * The person colour an older stored value stands for: identities saved before people picked a colour
 * kept their department's note fill (a pastel), which maps back to its pair.
 */
export function personColorFromStored(value: unknown, department: string): PersonColor {
  if (typeof value === 'string') {
    const direct = personColorByHex(value);
    if (direct) return direct;
    const fill = NOTE_COLORS.find((c) => c.fill === value.toLowerCase());
    if (fill) return byNote.get(fill.id) ?? defaultPersonColor(department);
  }
  return defaultPersonColor(department);
}
