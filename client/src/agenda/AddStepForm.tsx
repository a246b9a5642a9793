import { useState } from 'react';
import {
  ACTIVITY_NAMES,
  addAgendaStep,
  AGENDA_ACTIVITIES,
  FRAMEWORK_PLAN_TIMEBOXES,
  type AgendaActivity,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { scopeFromValue } from './scopeOptions';
import { ScopeGroups } from './ScopeGroups';
import { TimeboxField } from './StepList';

/** A new step at the end of the agenda: its scope, activity and time (the plan's time for the activity). */
export function AddStepForm({
  connection,
  by,
  run,
}: {
  connection: BoardConnection;
  by: string;
  run: (command: () => unknown) => boolean;
}) {
  const [scope, setScope] = useState('board');
  const [activity, setActivity] = useState<AgendaActivity>('discussion');
  const [ms, setMs] = useState<number | null>(null);
  const timeboxMs = ms ?? FRAMEWORK_PLAN_TIMEBOXES[activity];
  return (
    <form
      className="agenda-add"
      aria-label="Add a step"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = scopeFromValue(scope);
        if (!parsed) return;
        if (
          run(() =>
            addAgendaStep(connection.doc, { scope: parsed, activity, timeboxMs }, by, connection.origin),
          )
        )
          setMs(null);
      }}
    >
      <select aria-label="Scope of the new step" value={scope} onChange={(e) => setScope(e.target.value)}>
        <ScopeGroups />
      </select>
      <select
        aria-label="Activity of the new step"
        value={activity}
        onChange={(e) => setActivity(e.target.value as AgendaActivity)}
      >
        {AGENDA_ACTIVITIES.map((a) => (
          <option key={a} value={a}>
            {ACTIVITY_NAMES[a]}
          </option>
        ))}
      </select>
      <TimeboxField
        key={timeboxMs}
        label="Time for the new step (minutes, or m:ss)"
        ms={timeboxMs}
        onChange={setMs}
      />
      <button type="submit">Add step</button>
    </form>
  );
}
