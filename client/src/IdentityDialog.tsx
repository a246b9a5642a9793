import { useState, type FormEvent } from 'react';
import { DEPARTMENTS, departmentColor, noteFill } from '@shared';
import type { Identity } from './identity';

/** Asks a first-time visitor for the name and department their notes will carry. */
export function IdentityDialog({ onDone }: { onDone: (identity: Identity) => void }) {
  const [name, setName] = useState('');
  const [department, setDepartment] = useState<string>(DEPARTMENTS[0].id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    onDone({ name: name.trim().slice(0, 40), department, color: noteFill(departmentColor(department)) });
  };
  return (
    <div className="backdrop">
      <form className="dialog" onSubmit={submit} aria-labelledby="identity-title">
        <h2 id="identity-title">Join the workshop</h2>
        <p>Your notes show your name and department, so everyone knows who to ask.</p>
        <label>
          Your name
          <input autoFocus required maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Department
          <select value={department} onChange={(e) => setDepartment(e.target.value)}>
            {DEPARTMENTS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Join
        </button>
      </form>
    </div>
  );
}
