import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useModalDialog } from './useModalDialog';

export interface PickerItem {
  id: string;
  label: string;
}

/**
 * A modal list to choose one thing from without a pointer ("Move to cell…", "Link to…"): a field that
 * filters the list as one types, Enter taking the first match, the arrow keys walking the choices, and
 * Escape closing it. The focus goes back to whatever opened it (useModalDialog).
 */
export function PickerDialog({
  title,
  fieldLabel,
  items,
  empty,
  onPick,
  onClose,
}: {
  title: string;
  fieldLabel: string;
  items: readonly PickerItem[];
  /** What the list says when nothing matches. */
  empty: string;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useModalDialog(ref);
  const [query, setQuery] = useState('');
  const titleId = useId();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = items.filter((item) => words.every((w) => item.label.toLowerCase().includes(w)));
  const list = useRef<HTMLUListElement>(null);

  const moveFocus = (from: Element | null, step: number) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.findIndex((b) => b === from);
    const next = buttons[Math.min(Math.max(index + step, 0), buttons.length - 1)];
    next?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys pressed here choose in the list; they are never the board's shortcuts.
    e.stopPropagation();
    const onField = e.target instanceof HTMLInputElement;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveFocus(onField ? null : document.activeElement, 1);
    } else if (e.key === 'ArrowUp' && !onField) {
      e.preventDefault();
      const first = list.current?.querySelector('button') === document.activeElement;
      if (first) ref.current?.querySelector('input')?.focus();
      else moveFocus(document.activeElement, -1);
    } else if (e.key === 'Enter' && onField && shown[0]) {
      e.preventDefault();
      onPick(shown[0].id);
    }
  };

  return (
    <dialog
      ref={ref}
      className="picker-dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <label className="picker-field">
        {fieldLabel}
        <input type="search" value={query} autoFocus onChange={(e) => setQuery(e.target.value)} />
      </label>
      {shown.length === 0 ? (
        <p className="picker-empty">{empty}</p>
      ) : (
        <ul ref={list} className="picker-list" aria-label={title}>
          {shown.map((item) => (
            <li key={item.id}>
              <button type="button" onClick={() => onPick(item.id)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="picker-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
