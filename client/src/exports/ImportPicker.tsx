import { useId, useState } from 'react';
import { importFile } from './importFile';

/**
 * A file picker that imports a board's JSON export or a CSV list of notes as a new board, on the server,
 * and opens it; when the server refuses the file, its problems are listed and nothing was created.
 * Used by the start page and the board's Export panel.
 */
export function ImportPicker({ label, hint }: { label: string; hint: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ file: string; list: string[] } | null>(null);
  const inputId = useId();
  const hintId = useId();

  const onPick = (file: File | undefined) => {
    if (!file || busy !== null) return;
    setProblems(null);
    setBusy(file.name);
    void importFile(file).then((result) => {
      if (result.ok) {
        location.assign(result.href);
        return;
      }
      setBusy(null);
      setProblems({ file: file.name, list: result.problems });
    });
  };

  return (
    <div className="import-picker">
      <div className="share-field">
        <label className="share-label" htmlFor={inputId}>
          {label}
        </label>
        <span className="share-hint" id={hintId}>
          {hint}
        </span>
        <input
          id={inputId}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          aria-describedby={hintId}
          disabled={busy !== null}
          onChange={(e) => {
            onPick(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <p className="export-status" role="status" aria-live="polite">
        {busy !== null ? `Importing "${busy}"…` : ''}
      </p>
      {problems && (
        <div className="import-problems" role="alert">
          <p className="error">
            Nothing was imported: &quot;{problems.file}&quot; has{' '}
            {problems.list.length === 1 ? 'this problem' : 'these problems'}.
          </p>
          <ul>
            {problems.list.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
