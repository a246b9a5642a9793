import './exports.css';
import { useEffect, useState } from 'react';
import { boardExportPath, boardPageHref, type BoardAccess } from '@shared';
import { renderMarkdown } from './markdown';

/** The class of <html> while the report is shown: the page then scrolls and prints as a document. */
const REPORT_DOCUMENT = 'report-document';

/**
 * The workshop report as a printable page: the server's Markdown report (built by shared's
 * boardMarkdown) rendered as HTML, with print styles, so that the browser can save it as PDF on any
 * paper size.
 */
export function ReportPage({ boardId, access }: { boardId: string; access: BoardAccess }) {
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(boardExportPath(boardId, 'md'), { headers: { authorization: `Bearer ${access.token}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const text = await response.text();
        if (!cancelled) setMarkdown(text);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [boardId, access.token]);

  // The app's pages are fixed to the window (the board never scrolls); a report is as long as it is, on
  // screen and on paper. A class on <html> says so, above every page's own rules, in any style order.
  useEffect(() => {
    document.documentElement.classList.add(REPORT_DOCUMENT);
    return () => document.documentElement.classList.remove(REPORT_DOCUMENT);
  }, []);

  useEffect(() => {
    const title = /^# (.*)$/m.exec(markdown ?? '')?.[1];
    document.title = title ? `${title.replace(/\\(.)/g, '$1')} · Report` : 'Report · IoT Decision Board';
  }, [markdown]);

  return (
    <div className="report-page">
      <nav className="report-bar" aria-label="Report">
        <a href={boardPageHref(boardId, access)}>← Back to the board</a>
        <button type="button" className="primary" onClick={() => window.print()} disabled={!markdown}>
          Print or save as PDF
        </button>
      </nav>
      <main className="report">
        {error ? (
          <p className="error" role="alert">
            The report could not be loaded: {error}
          </p>
        ) : markdown === null ? (
          <p>Loading the report…</p>
        ) : (
          renderMarkdown(markdown)
        )}
      </main>
    </div>
  );
}
