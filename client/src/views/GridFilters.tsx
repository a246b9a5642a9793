import { NOTE_KINDS, type Note, type NoteKind } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import { departmentName } from '../core/store/departments';

export interface GridFilter {
  kinds: ReadonlySet<NoteKind>;
  /** A department id, or '' for all. */
  department: string;
  /** An author name, or '' for all. */
  author: string;
}

export const NO_FILTER: GridFilter = { kinds: new Set(NOTE_KINDS), department: '', author: '' };

export function passes(filter: GridFilter, note: Note): boolean {
  return (
    filter.kinds.has(note.kind) &&
    (filter.department === '' || note.department === filter.department) &&
    (filter.author === '' || note.author === filter.author)
  );
}

/** Which notes the grid shows: by kind, by department, by author. */
export function GridFilters({
  notes,
  filter,
  onChange,
}: {
  notes: readonly Note[];
  filter: GridFilter;
  onChange: (f: GridFilter) => void;
}) {
  const departments = [...new Set(notes.map((n) => n.department))].sort();
  const authors = [...new Set(notes.map((n) => n.author))].sort();
  const toggle = (kind: NoteKind) => {
    const kinds = new Set(filter.kinds);
    if (kinds.has(kind)) kinds.delete(kind);
    else kinds.add(kind);
    onChange({ ...filter, kinds });
  };
  return (
    <form className="view-filters" aria-label="Filter notes" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Kinds</legend>
        {NOTE_KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={filter.kinds.has(kind)} onChange={() => toggle(kind)} />
            <span aria-hidden style={{ color: KIND_STYLE[kind].color }}>
              {KIND_STYLE[kind].glyph}
            </span>{' '}
            {kind}
          </label>
        ))}
      </fieldset>
      <label>
        Department{' '}
        <select
          value={filter.department}
          onChange={(e) => onChange({ ...filter, department: e.target.value })}
        >
          <option value="">All departments</option>
          {departments.map((d) => (
            <option key={d} value={d}>
              {departmentName(d)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Author{' '}
        <select value={filter.author} onChange={(e) => onChange({ ...filter, author: e.target.value })}>
          <option value="">All authors</option>
          {authors.map((a) => (
            <option key={a} value={a}>
              {a || 'Someone'}
            </option>
          ))}
        </select>
      </label>
      {filter !== NO_FILTER && (
        <button type="button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
