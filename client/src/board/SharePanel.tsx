import { useEffect, useState } from 'react';
import { boardPageHref } from '@shared';
import { fetchTokens, revokeTokens } from '../core/connection/api';
import { OpenProjectorLink } from '../projector/OpenProjectorLink';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { PopoverHead } from '../core/ui/PanelHeads';

function CopyField({ label, value, hint }: { label: string; value: string; hint: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <label className="share-field">
      <span className="share-label">{label}</span>
      <span className="share-hint">{hint}</span>
      <span className="share-row">
        <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </label>
  );
}

/** The board's edit and view links, to hand to participants and to the room's screen. */
export function SharePanel({ connection, onClose }: { connection: BoardConnection; onClose: () => void }) {
  const [viewToken, setViewToken] = useState<string | null>(
    connection.access.role === 'view' ? connection.access.token : null,
  );
  const [error, setError] = useState<string | null>(null);
  const canEdit = connection.access.role === 'edit';
  useEffect(() => {
    if (!canEdit) return;
    fetchTokens(connection.boardId, connection.access.token)
      .then((t) => setViewToken(t.viewToken))
      .catch((e: Error) => setError(`The view link is not available: ${e.message}`));
  }, [canEdit, connection]);
  const link = (role: 'edit' | 'view', token: string) =>
    `${location.origin}${boardPageHref(connection.boardId, { role, token })}`;
  return (
    <div
      className="popover share-panel"
      role="dialog"
      aria-label="Share this board"
      onKeyDown={(e) => {
        // Escape closes it, as every popover (issue 16); the focus goes back to Share (the focus keeper).
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <PopoverHead title="Share this board" onClose={onClose} />
      {canEdit && (
        <CopyField
          label="Edit link"
          hint="For participants: they can add and change notes."
          value={link('edit', connection.access.token)}
        />
      )}
      {viewToken && (
        <CopyField
          label="View link"
          hint="For the room's screen or observers: read only."
          value={link('view', viewToken)}
        />
      )}
      {viewToken && (
        <OpenProjectorLink
          boardId={connection.boardId}
          viewToken={viewToken}
          editToken={canEdit ? connection.access.token : null}
        />
      )}
      {error && <p className="error">{error}</p>}
      {canEdit && (
        <div className="share-revoke">
          <span className="share-hint">
            A link went too far? New links replace these; the old ones stop working.
          </span>
          <button
            type="button"
            onClick={() => {
              if (!window.confirm('Replace both links? Everyone will need the new links to continue.'))
                return;
              revokeTokens(connection.boardId, connection.access.token)
                .then((t) =>
                  location.replace(boardPageHref(connection.boardId, { role: 'edit', token: t.editToken })),
                )
                .catch((e: Error) => setError(`The links could not be replaced: ${e.message}`));
            }}
          >
            Replace links
          </button>
        </div>
      )}
    </div>
  );
}
