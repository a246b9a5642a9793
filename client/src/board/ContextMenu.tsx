import { useEffect, useRef } from 'react';
import { NOTE_COLORS, NOTE_KINDS } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import type { BoardActions } from '../core/editor/commands';
import type { Point } from '../core/viewport/viewport';

/** The note menu (right-click, or long-press on touch): kind, colour, order, duplicate, delete. */
export function ContextMenu({
  at,
  actions,
  onClose,
}: {
  at: Point;
  actions: BoardActions;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);
  const item = (label: string, shortcut: string, run: () => void) => (
    <button
      type="button"
      role="menuitem"
      onClick={() => {
        run();
        onClose();
      }}
    >
      <span>{label}</span>
      <kbd>{shortcut}</kbd>
    </button>
  );
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label="Note" style={{ left: at.x, top: at.y }}>
      <div className="menu-group" role="group" aria-label="Kind">
        {NOTE_KINDS.map((kind) =>
          item(
            `${KIND_STYLE[kind].glyph} ${kind[0]!.toUpperCase()}${kind.slice(1)}`,
            KIND_STYLE[kind].key.toUpperCase(),
            () => actions.setKind(kind),
          ),
        )}
      </div>
      <div className="menu-swatches" role="group" aria-label="Colour">
        {NOTE_COLORS.map((c) => (
          <button
            key={c.id}
            type="button"
            role="menuitem"
            className="swatch"
            aria-label={`Colour ${c.id}`}
            style={{ background: c.fill }}
            onClick={() => {
              actions.recolor(c.id);
              onClose();
            }}
          />
        ))}
      </div>
      <div className="menu-group" role="group" aria-label="Arrange">
        {item('Edit text', 'Enter', () => actions.editSelected())}
        {item('Duplicate', 'Ctrl+D', () => actions.duplicate())}
        {item('Bring to front', ']', () => actions.bringToFront())}
        {item('Send to back', '[', () => actions.sendToBack())}
        {item('Delete', 'Del', () => actions.deleteSelection())}
      </div>
    </div>
  );
}
