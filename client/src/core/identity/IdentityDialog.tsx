import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DEPARTMENTS, randomId } from '@shared';
import { ColorChoice } from './ColorChoice';
import {
  checkCustomDepartment,
  checkName,
  DEPARTMENT_MAX,
  isListedDepartment,
  NAME_MAX,
  type Identity,
} from './identity';
import { startingPersonColor } from './personColors';

const OWN = '__own__';

/** A modal keeps Tab inside it (the board behind cannot be reached) and closes on Escape when it may. */
function keepFocusInside(e: KeyboardEvent<HTMLElement>, onCancel?: () => void): void {
  if (e.key === 'Escape' && onCancel) {
    e.stopPropagation();
    onCancel();
    return;
  }
  if (e.key !== 'Tab') return;
  const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>('input, select, button')].filter(
    (el) =>
      !(el as HTMLInputElement).disabled &&
      !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

interface Props {
  onDone: (identity: Identity) => void;
  /** Editing an identity this device already has; without it, a first visit. */
  current?: Identity;
  onCancel?: () => void;
}

/**
 * Asks who is at this device: the name, department and colour their notes and cursor will carry. On a
 * first visit it makes a new identity; later it edits the same one (same id, so votes stay theirs).
 */
export function IdentityDialog({ onDone, current, onCancel }: Props) {
  const ids = useId();
  const [name, setName] = useState(current?.name ?? '');
  const startsOwn =
    current !== undefined && current.department !== '' && !isListedDepartment(current.department);
  const [choice, setChoice] = useState<string>(startsOwn ? OWN : current?.department || DEPARTMENTS[0].id);
  const [own, setOwn] = useState(startsOwn ? current.department : '');
  // The id is made when the dialog opens: the starting colour comes from it, and the colour shown
  // checked is the one saved. It never moves by itself (it used to follow the department, so a person
  // who looked at it before picking their department saved another colour than the one they saw).
  const [id] = useState(() => current?.id ?? randomId());
  const [color, setColor] = useState(() => current?.color ?? startingPersonColor(id).hex);
  const [errors, setErrors] = useState<{ name?: string; department?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checkedName = checkName(name);
    const checkedDepartment =
      choice === OWN ? checkCustomDepartment(own) : { ok: true as const, department: choice };
    const next = {
      ...(checkedName.ok ? {} : { name: checkedName.error }),
      ...(checkedDepartment.ok ? {} : { department: checkedDepartment.error }),
    };
    setErrors(next);
    if (!checkedName.ok || !checkedDepartment.ok) return;
    onDone({
      id,
      name: checkedName.name,
      department: checkedDepartment.department,
      color,
    });
  };

  const editing = current !== undefined;
  return (
    <div className="backdrop identity-backdrop" onKeyDown={(e) => keepFocusInside(e, onCancel)}>
      <form
        className="dialog identity-dialog"
        onSubmit={submit}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        noValidate
      >
        <h2 id={`${ids}-title`}>{editing ? 'Your name and colour' : 'Join the workshop'}</h2>
        <p>
          {editing
            ? 'New notes carry these; notes you already wrote keep what they had.'
            : 'Your notes show your name and department, so everyone knows who to ask.'}
        </p>
        <label>
          Your name
          <input
            autoFocus
            maxLength={NAME_MAX}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${ids}-name-error` : undefined}
          />
        </label>
        {errors.name && (
          <p className="field-error" id={`${ids}-name-error`} role="alert">
            {errors.name}
          </p>
        )}
        <label>
          Department
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {DEPARTMENTS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            <option value={OWN}>Another department…</option>
          </select>
        </label>
        {choice === OWN && (
          <label>
            Your department
            <input
              value={own}
              maxLength={DEPARTMENT_MAX}
              placeholder="Marketing, Field service…"
              onChange={(e) => setOwn(e.target.value)}
              aria-invalid={errors.department ? true : undefined}
              aria-describedby={errors.department ? `${ids}-department-error` : undefined}
            />
          </label>
        )}
        {errors.department && (
          <p className="field-error" id={`${ids}-department-error`} role="alert">
            {errors.department}
          </p>
        )}
        <ColorChoice value={color} onChange={setColor} preview={name} />
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary">
            {editing ? 'Save' : 'Join'}
          </button>
        </div>
      </form>
    </div>
  );
}
