import './exports.css';
import { lazy, type ReactNode } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { usePopover } from '../core/ui/usePopover';
import { LazyPart } from '../core/ui/LazyPart';

const loadExportPanel = () => import('./ExportPanel');
const ExportPanel = lazy(() => loadExportPanel().then((m) => ({ default: m.ExportPanel })));
// Fetching early is a favour, not a need: a failure shows when the panel opens, where it can be read.
const preloadExportPanel = () => void loadExportPanel().catch(() => undefined);
const panelFrame = (content: ReactNode) => (
  <div id="export-panel" className="popover export-panel">
    {content}
  </div>
);

/**
 * The board's "Export" button and its panel: downloads built in the browser from the live document
 * (JSON, Markdown report, CSV, PNG of the board or one layer), the printable report, and importing a
 * JSON export or a CSV list as a new board. The panel's code loads when a pointer or the focus comes to
 * the button, so it is there by the time the click lands, and never before the board has painted.
 */
export function ExportMenu({ connection }: { connection: BoardConnection }) {
  const popover = usePopover();
  return (
    <span className="export-menu">
      <button
        {...popover.triggerProps('export-panel')}
        type="button"
        onPointerEnter={preloadExportPanel}
        onFocus={preloadExportPanel}
      >
        Export
      </button>
      {popover.open && (
        <LazyPart what="the export panel" frame={panelFrame}>
          <ExportPanel connection={connection} onClose={popover.close} />
        </LazyPart>
      )}
    </span>
  );
}
