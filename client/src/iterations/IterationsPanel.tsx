import { useState, type FormEvent } from 'react';
import type { Rect } from '@shared';
import { noteLabel } from '../core/ui/NoteCard';
import { CompareSummary } from './CompareSummary';
import type { Iterations } from './useIterations';
import './iterations.css';
import { DockPanelHead } from '../core/ui/PanelHeads';

const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The board's iterations: the facilitator saves one under a name; everyone lists them and compares the
 * board with one; people with the edit link restore a note or the whole board from it.
 */
export function IterationsPanel({
  iterations,
  facilitatorName,
  onFlyTo,
  onClose,
}: {
  iterations: Iterations;
  facilitatorName: string | null;
  onFlyTo: (rect: Rect) => void;
  onClose: () => void;
}) {
  const { list, comparing } = iterations;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await work(), error: false });
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const version = await iterations.save(name || `Iteration ${list.length + 1}`);
      setName('');
      return `Saved “${version.name}”.`;
    });
  };

  return (
    <section className="dock-panel workshop-panel iterations-panel" aria-labelledby="iterations-heading">
      <DockPanelHead
        headingId="iterations-heading"
        title="Iterations"
        closeLabel="Close the iterations panel"
        onClose={onClose}
      />
      {iterations.canSave ? (
        <form className="iteration-form" onSubmit={save}>
          <label htmlFor="iteration-name">Save the board as it is now</label>
          <div className="iteration-form-row">
            <input
              id="iteration-name"
              value={name}
              maxLength={100}
              placeholder={`Iteration ${list.length + 1}`}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <button type="submit" className="primary" disabled={busy}>
              Save iteration
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">
          {iterations.canRestore
            ? `${facilitatorName ?? 'The facilitator'} saves the iterations.`
            : 'View link: you can compare the board with an iteration.'}
        </p>
      )}
      <p className={message?.error ? 'iteration-message error' : 'iteration-message'} aria-live="polite">
        {message?.text ?? ''}
      </p>
      {iterations.listError && (
        <p className="error" role="alert">
          {iterations.listError}
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted">No iteration saved yet.</p>
      ) : (
        <ul className="iteration-list" aria-label="Saved iterations">
          {[...list].reverse().map((version) => {
            const active = comparing?.version.id === version.id;
            return (
              <li key={version.id} className={active ? 'iteration-active' : undefined}>
                <span className="iteration-name">{version.name}</span>
                <time className="muted" dateTime={new Date(version.createdAt).toISOString()}>
                  {when(version.createdAt)}
                </time>
                <button
                  type="button"
                  aria-pressed={active}
                  disabled={busy}
                  aria-label={`${active ? 'Stop comparing' : 'Compare with now'}: ${version.name}`}
                  onClick={() =>
                    active
                      ? iterations.stopComparing()
                      : void run(async () => {
                          await iterations.compare(version.id);
                          return `Comparing “${version.name}” with now.`;
                        })
                  }
                >
                  {active ? 'Stop comparing' : 'Compare with now'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {comparing && (
        <CompareSummary
          comparing={comparing}
          canRestore={iterations.canRestore}
          onFlyTo={onFlyTo}
          onRestoreNote={(id) => {
            const note = comparing.then.notes.find((n) => n.id === id);
            const result = iterations.restoreNote(id);
            if (result)
              setMessage({
                text:
                  result === 'unchanged'
                    ? `${noteLabel(note)} is already as it was.`
                    : `Restored ${noteLabel(note)}. Ctrl+Z undoes it.`,
                error: false,
              });
          }}
          onRestoreBoard={() => {
            iterations.restoreBoard();
            setMessage({
              text: `The board is back to “${comparing.version.name}”. Ctrl+Z undoes it.`,
              error: false,
            });
          }}
        />
      )}
    </section>
  );
}
