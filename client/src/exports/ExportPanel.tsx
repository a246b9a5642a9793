import { useState } from 'react';
import { boardCsv, boardJson, boardMarkdown, LAYERS, readBoard, SAMPLE_BOARD_PATH } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { usePopoverPanel } from '../core/ui/usePopover';
import { boardPng } from './boardImage';
import { downloadBlob, downloadText, fileBaseName } from './download';
import { ImportPicker } from './ImportPicker';
import { reportHref } from './reportRoute';
import { PopoverHead } from '../core/ui/PanelHeads';

/**
 * The Export button's panel: downloads built in the browser from the live document, the printable report,
 * and importing. Its own chunk (ExportMenu loads it when the menu opens), so the exporters, the image
 * renderer and the importer stay out of the code the board needs to paint.
 */
export function ExportPanel({ connection, onClose }: { connection: BoardConnection; onClose: () => void }) {
  const panel = usePopoverPanel(onClose);
  const [layer, setLayer] = useState('all');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const base = () => fileBaseName(readBoard(connection.doc).meta.title);
  const run = (what: string, fn: () => Promise<void> | void) => {
    setBusy(what);
    setError(null);
    Promise.resolve()
      .then(fn)
      .catch((e: Error) => setError(`${what} failed: ${e.message}`))
      .finally(() => setBusy(null));
  };

  return (
    <div
      {...panel}
      id="export-panel"
      className="popover export-panel"
      role="dialog"
      aria-label="Export and import"
    >
      <PopoverHead title="Export" onClose={onClose} />
      <div className="export-actions" role="group" aria-label="Download">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            run('JSON export', () =>
              downloadText(boardJson(readBoard(connection.doc)), `${base()}.json`, 'application/json'),
            )
          }
        >
          Board as JSON
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            run('Report', () =>
              downloadText(boardMarkdown(readBoard(connection.doc)), `${base()}.md`, 'text/markdown'),
            )
          }
        >
          Report (Markdown)
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            run('CSV export', () =>
              downloadText(boardCsv(readBoard(connection.doc)), `${base()}.csv`, 'text/csv'),
            )
          }
        >
          Notes as CSV
        </button>
        <a
          className="button-link"
          href={reportHref(connection.boardId, connection.access)}
          target="_blank"
          rel="noopener"
        >
          Printable report
        </a>
      </div>
      <div className="export-image">
        <label>
          <span>Image of</span>
          <select value={layer} onChange={(e) => setLayer(e.target.value)}>
            <option value="all">the whole board</option>
            {LAYERS.map((l, i) => (
              <option key={l.id} value={String(i)}>
                {i + 1} {l.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            run('Image', async () => {
              const index = layer === 'all' ? null : Number(layer);
              const blob = await boardPng(readBoard(connection.doc), index);
              const suffix = index === null ? '' : `-${LAYERS[index]!.id}`;
              downloadBlob(blob, `${base()}${suffix}.png`);
            })
          }
        >
          Image (PNG, print size)
        </button>
      </div>
      <div className="export-import">
        <ImportPicker
          label="Import a board (JSON or CSV)"
          hint="A board saved as JSON, or a CSV list with the columns layer, area, kind and text: creates a new board and opens it."
        />
        <p className="share-field">
          <a className="share-label" href={SAMPLE_BOARD_PATH} target="_blank" rel="noopener">
            Open the sample workshop
          </a>
          <span className="share-hint">
            A finished board from a workshop on a soil-moisture sensor, as a new board of your own to try
            things on.
          </span>
        </p>
      </div>
      <p className="export-status" role="status" aria-live="polite">
        {busy ? `${busy}…` : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
