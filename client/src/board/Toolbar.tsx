import { LAYERS, NOTE_COLORS, NOTE_KINDS, type NoteKind } from '@shared';
import { KIND_STYLE } from '../core/theme/theme';
import type { BoardActions } from '../core/editor/commands';
import type { Editor } from '../core/editor/Editor';
import { scaleOf, useEditorValue } from '../core/editor/useEditorValue';

interface Props {
  readOnly: boolean;
  selectionSize: number;
  canUndo: boolean;
  canRedo: boolean;
  actions: BoardActions;
  /** Why "+ Note" cannot add here (the roadmap), or null. */
  addNoteUnavailable?: string | null;
  /** The kind all selected notes share, which its button says is set (aria-pressed). */
  selectedKind?: NoteKind | null;
}

/** Board actions: add, mark, colour and delete notes; undo; jump to a layer. */
export function Toolbar({
  readOnly,
  selectionSize,
  canUndo,
  canRedo,
  actions,
  addNoteUnavailable = null,
  selectedKind = null,
}: Props) {
  const none = selectionSize === 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="Board tools">
      {!readOnly && (
        <>
          <button
            type="button"
            className="primary"
            onClick={() => actions.addNoteHere()}
            disabled={addNoteUnavailable !== null}
            title={addNoteUnavailable ?? 'Add a note (N, or double-click the board)'}
          >
            + Note
          </button>
          <button
            type="button"
            aria-label="Undo"
            title="Undo your last change (Ctrl+Z)"
            disabled={!canUndo}
            onClick={() => actions.undo()}
          >
            ↶
          </button>
          <button
            type="button"
            aria-label="Redo"
            title="Redo (Ctrl+Shift+Z)"
            disabled={!canRedo}
            onClick={() => actions.redo()}
          >
            ↷
          </button>
          <span className="separator" />
          <span className="kinds" role="group" aria-label="Kind of note">
            {NOTE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                className="kind-button"
                style={{ color: KIND_STYLE[kind].color }}
                disabled={none}
                title={`Mark as ${kind} (${KIND_STYLE[kind].key.toUpperCase()})`}
                aria-label={`Mark as ${kind}`}
                aria-pressed={none ? undefined : selectedKind === kind}
                onClick={() => actions.setKind(kind)}
              >
                {KIND_STYLE[kind].glyph}
              </button>
            ))}
          </span>
          <span className="swatches" role="group" aria-label="Note colour">
            {NOTE_COLORS.map((c) => (
              <button
                key={c.id}
                type="button"
                className="swatch"
                style={{ background: c.fill }}
                aria-label={`Colour ${c.id}`}
                title={none ? 'Select notes to colour them' : `Colour the selected notes ${c.id}`}
                disabled={none}
                onClick={() => actions.recolor(c.id)}
              />
            ))}
          </span>
          <button
            type="button"
            onClick={() => actions.deleteSelection()}
            title="Delete the selection (Delete key)"
          >
            Delete
          </button>
          <span className="separator" />
        </>
      )}
      <span className="layer-jump" role="group" aria-label="Go to layer">
        {LAYERS.map((layer, i) => (
          <button
            key={layer.id}
            type="button"
            className="layer-button"
            style={{ borderColor: layer.color, color: layer.color }}
            title={`Go to ${layer.name} (${i + 1})`}
            onClick={() => actions.fitLayer(i)}
          >
            {i + 1} {layer.name.split(' ')[0]}
          </button>
        ))}
      </span>
    </div>
  );
}

/**
 * Zoom controls, floating over the canvas's corner as in most whiteboards, with the way to the readable
 * whole board (key 0) beside them.
 */
export function ZoomControls({ editor, onWholeBoard }: { editor: Editor; onWholeBoard?: () => void }) {
  const scale = useEditorValue(editor, scaleOf);
  const { actions } = editor;
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button type="button" aria-label="Zoom out" onClick={() => actions.zoomBy(1 / 1.25)}>
        −
      </button>
      <span className="zoom-level" aria-label="Zoom level">
        {Math.round(scale * 100)}%
      </span>
      <button type="button" aria-label="Zoom in" onClick={() => actions.zoomBy(1.25)}>
        +
      </button>
      <button
        type="button"
        onClick={() => actions.fitSelection()}
        title="Zoom to the selection, or the whole board (F)"
      >
        Fit
      </button>
      {onWholeBoard && (
        <button type="button" onClick={onWholeBoard} title="Every layer and area at a glance, readable (0)">
          Whole board
        </button>
      )}
    </div>
  );
}
