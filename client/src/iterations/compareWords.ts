import type { BoardComparison, CellChange, NoteChange, NoteField } from '@shared';
import { COVERAGE_STYLE } from '../core/theme/coverageStyle';

const FIELD_WORDS: Readonly<Record<NoteField, string>> = {
  text: 'text',
  position: 'moved',
  size: 'resized',
  kind: 'kind',
  color: 'colour',
  horizon: 'horizon',
  cell: 'moved to another cell',
};

/** What changed about a note, short enough for a tag on the canvas: "text, moved to another cell". */
export function changedFields(fields: readonly NoteField[]): string {
  const shown = fields.includes('cell') ? fields.filter((f) => f !== 'position') : fields;
  return shown.map((f) => FIELD_WORDS[f]).join(', ');
}

/** The details of a change, for the panel: "kind idea → decision; text changed". */
export function changeDetails(change: NoteChange): string {
  const { then, now } = change;
  const parts: string[] = [];
  for (const field of change.fields) {
    if (field === 'kind') parts.push(`kind ${then.kind} → ${now.kind}`);
    else if (field === 'horizon') parts.push(`horizon ${then.horizon ?? 'none'} → ${now.horizon ?? 'none'}`);
    else if (field === 'color') parts.push(`colour ${then.color} → ${now.color}`);
    else if (field === 'text') parts.push(`text was “${clip(then.text)}”`);
    else if (field === 'size') parts.push('resized');
    else if (field === 'cell') parts.push('moved to another cell');
    else if (!change.fields.includes('cell')) parts.push('moved');
  }
  return parts.join('; ');
}

function clip(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat || '(empty)';
}

const notesCount = (n: number) => `${n} ${n === 1 ? 'note' : 'notes'}`;

/** A cell then and now: "Gap → Decided · 0 → 3 notes", or "Decided · 3 notes, as then". */
export function cellChangeLabel(cell: CellChange): string {
  const then = COVERAGE_STYLE[cell.then.state];
  const now = COVERAGE_STYLE[cell.now.state];
  const before = cell.then.noteIds.length;
  const after = cell.now.noteIds.length;
  if (!cell.changed) return `${now.label} · ${notesCount(after)}, as then`;
  const state = cell.then.state === cell.now.state ? now.label : `${then.label} → ${now.label}`;
  return `${state} · ${before} → ${notesCount(after)}`;
}

/** "2 added · 1 removed · 3 changed", or that nothing changed. */
export function comparisonSummary(comparison: BoardComparison): string {
  const { added, removed, changed } = comparison;
  if (added.length + removed.length + changed.length === 0) return 'No note changed since this iteration.';
  return `${added.length} added · ${removed.length} removed · ${changed.length} changed`;
}
