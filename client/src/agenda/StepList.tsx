import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useState, type CSSProperties } from 'react';
import {
  ACTIVITY_NAMES,
  AGENDA_ACTIVITIES,
  MAX_DOTS_PER_PERSON,
  moveAgendaStep,
  removeAgendaStep,
  scopeName,
  updateAgendaStep,
  type AgendaActivity,
  type AgendaStep,
  type AgendaStepChanges,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { rowKeyboard } from './rowKeyboard';
import { scopeFromValue, scopeValue } from './scopeOptions';
import { ScopeGroups } from './ScopeGroups';
import { formatTimebox, parseTimebox } from './stepTime';

const stepName = (step: AgendaStep) => `${scopeName(step.scope)} · ${ACTIVITY_NAMES[step.activity]}`;

interface ListProps {
  connection: BoardConnection;
  steps: readonly AgendaStep[];
  /** The running step. */
  currentId: string | null;
  /** The facilitator's id; null: the list is read only. */
  by: string | null;
  /** Runs an agenda command, showing its refusal. */
  run: (command: () => unknown) => void;
  /** Told when a step is picked up and when it is dropped or put back. */
  onDragging?: (dragging: boolean) => void;
}

/**
 * The agenda's steps, in order. For the facilitator each row edits its step (scope, activity, time,
 * dots, saving an iteration) and moves by drag and drop: the handle with the mouse or a finger, or
 * with the keyboard (space picks up, Up and Down move one place, space drops, Escape puts back), which
 * a screen reader hears step by step.
 */
export function StepList({ connection, steps, currentId, by, run, onDragging }: ListProps) {
  const order = steps.map((s) => s.id);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: rowKeyboard(order) }),
  );
  const place = (id: string | number | undefined) => order.indexOf(String(id)) + 1;
  const nameOf = (id: string | number) => {
    const step = steps.find((s) => s.id === String(id));
    return step ? stepName(step) : 'the step';
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    onDragging?.(false);
    if (!over || by === null) return;
    const to = order.indexOf(String(over.id));
    if (to < 0 || String(over.id) === String(active.id)) return;
    run(() => moveAgendaStep(connection.doc, String(active.id), to, by, connection.origin));
  };
  const list = (
    <ol className="agenda-steps" aria-label="Steps">
      {steps.map((step, index) => (
        <StepRow
          key={step.id}
          step={step}
          index={index}
          current={step.id === currentId}
          editable={by !== null}
          change={(changes) =>
            by !== null &&
            run(() => updateAgendaStep(connection.doc, step.id, changes, by, connection.origin))
          }
          remove={() =>
            by !== null && run(() => removeAgendaStep(connection.doc, step.id, by, connection.origin))
          }
        />
      ))}
    </ol>
  );
  if (by === null) return list;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={() => onDragging?.(true)}
      onDragEnd={onDragEnd}
      onDragCancel={() => onDragging?.(false)}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) =>
            `Picked up step ${place(active.id)}, ${nameOf(active.id)}. Up and Down move it, space drops it, Escape puts it back.`,
          onDragOver: ({ over }) => (over ? `Over place ${place(over.id)} of ${steps.length}.` : undefined),
          onDragEnd: ({ active, over }) =>
            over
              ? `${nameOf(active.id)} moved to place ${place(over.id)} of ${steps.length}.`
              : `${nameOf(active.id)} stays at place ${place(active.id)}.`,
          onDragCancel: ({ active }) => `${nameOf(active.id)} put back at place ${place(active.id)}.`,
        },
        screenReaderInstructions: {
          draggable:
            'To move a step, press space on its handle, then Up or Down to move it one place; space drops it, Escape puts it back.',
        },
      }}
    >
      {list}
    </DndContext>
  );
}

function StepRow({
  step,
  index,
  current,
  editable,
  change,
  remove,
}: {
  step: AgendaStep;
  index: number;
  current: boolean;
  editable: boolean;
  change: (changes: AgendaStepChanges) => void;
  remove: () => void;
}) {
  const name = `step ${index + 1}, ${stepName(step)}`;
  const drop = useDroppable({ id: step.id, disabled: !editable });
  const drag = useDraggable({ id: step.id, disabled: !editable });
  const style: CSSProperties | undefined = drag.transform
    ? { transform: `translate3d(0, ${drag.transform.y}px, 0)`, zIndex: 2 }
    : undefined;
  const classes = ['agenda-step'];
  if (current) classes.push('is-current');
  if (drag.isDragging) classes.push('is-dragging');
  if (drop.isOver && !drag.isDragging) classes.push('is-over');
  return (
    <li
      ref={(node) => {
        drop.setNodeRef(node);
        drag.setNodeRef(node);
      }}
      className={classes.join(' ')}
      style={style}
      aria-current={current ? 'step' : undefined}
      data-step-id={step.id}
    >
      {editable && (
        <button
          type="button"
          className="agenda-handle"
          aria-label={`Move ${name}`}
          {...drag.attributes}
          {...drag.listeners}
        >
          <span aria-hidden>⠿</span>
        </button>
      )}
      <span className="agenda-step-number">{index + 1}.</span>
      {editable ? (
        <StepFields step={step} name={name} change={change} />
      ) : (
        <span className="agenda-step-read">
          {stepName(step)} · {formatTimebox(step.timeboxMs)}
          {step.dotsPerPerson !== null && ` · ${step.dotsPerPerson} dots`}
          {step.saveIteration && ' · saves an iteration'}
        </span>
      )}
      {current && <span className="agenda-now">Now</span>}
      {editable && (
        <button
          type="button"
          className="icon agenda-remove"
          aria-label={`Remove ${name}`}
          title="Remove this step"
          onClick={remove}
        >
          ×
        </button>
      )}
    </li>
  );
}

function StepFields({
  step,
  name,
  change,
}: {
  step: AgendaStep;
  name: string;
  change: (changes: AgendaStepChanges) => void;
}) {
  return (
    <span className="agenda-step-fields">
      <select
        aria-label={`Scope of ${name}`}
        value={scopeValue(step.scope)}
        onChange={(e) => {
          const scope = scopeFromValue(e.target.value);
          if (scope) change({ scope });
        }}
      >
        <ScopeGroups />
      </select>
      <select
        aria-label={`Activity of ${name}`}
        value={step.activity}
        onChange={(e) => change({ activity: e.target.value as AgendaActivity })}
      >
        {AGENDA_ACTIVITIES.map((a) => (
          <option key={a} value={a}>
            {ACTIVITY_NAMES[a]}
          </option>
        ))}
      </select>
      <TimeboxField
        key={step.timeboxMs}
        label={`Time for ${name} (minutes, or m:ss)`}
        ms={step.timeboxMs}
        onChange={(timeboxMs) => change({ timeboxMs })}
      />
      {step.dotsPerPerson !== null && (
        <label className="agenda-dots">
          <input
            type="number"
            min={1}
            max={MAX_DOTS_PER_PERSON}
            aria-label={`Dots per person in ${name}`}
            value={step.dotsPerPerson}
            onChange={(e) => {
              const dots = Number(e.target.value);
              if (Number.isInteger(dots) && dots >= 1 && dots <= MAX_DOTS_PER_PERSON)
                change({ dotsPerPerson: dots });
            }}
          />
          <span aria-hidden>dots</span>
        </label>
      )}
      <label className="agenda-save" title="Save an iteration named after the step when it ends">
        <input
          type="checkbox"
          checked={step.saveIteration}
          aria-label={`Save an iteration at the end of ${name}`}
          onChange={(e) => change({ saveIteration: e.target.checked })}
        />
        <span aria-hidden>Save iteration</span>
      </label>
    </span>
  );
}

/** A timebox typed as minutes or m:ss, saved on Enter or when the field is left; Escape undoes the typing. */
export function TimeboxField({
  label,
  ms,
  onChange,
}: {
  label: string;
  ms: number;
  onChange: (ms: number) => void;
}) {
  const [text, setText] = useState(formatTimebox(ms));
  const [invalid, setInvalid] = useState(false);
  const commit = () => {
    const parsed = parseTimebox(text);
    setInvalid(parsed === null);
    if (parsed !== null && parsed !== ms) onChange(parsed);
  };
  return (
    <input
      className="agenda-time"
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      title="Minutes (7, 2.5) or minutes and seconds (0:30)"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape' && text !== formatTimebox(ms)) {
          // The first Escape takes back the typing; the next one closes the panel.
          e.preventDefault();
          e.stopPropagation();
          setText(formatTimebox(ms));
          setInvalid(false);
        }
      }}
    />
  );
}
