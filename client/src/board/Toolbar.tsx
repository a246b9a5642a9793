import { LAYERS, NOTE_COLORS, type NoteColor } from '@shared';

interface Props {
  readOnly: boolean;
  selectionSize: number;
  scale: number;
  onAddNote: () => void;
  onRecolor: (color: NoteColor) => void;
  onDelete: () => void;
  onZoom: (factor: number) => void;
  onFitBoard: () => void;
  onFitLayer: (index: number) => void;
}

/** Board actions: add, colour and delete notes; zoom and jump to a layer. */
export function Toolbar(props: Props) {
  const { readOnly, selectionSize } = props;
  return (
    <div className="toolbar" role="toolbar" aria-label="Board tools">
      {!readOnly && (
        <>
          <button
            type="button"
            className="primary"
            onClick={props.onAddNote}
            title="Add a note (or double-click the board)"
          >
            + Note
          </button>
          <span className="separator" />
          <span className="swatches" role="group" aria-label="Note colour">
            {NOTE_COLORS.map((c) => (
              <button
                key={c.id}
                type="button"
                className="swatch"
                style={{ background: c.fill }}
                aria-label={`Colour ${c.id}`}
                title={selectionSize ? `Colour the selected notes ${c.id}` : 'Select notes to colour them'}
                disabled={selectionSize === 0}
                onClick={() => props.onRecolor(c.id)}
              />
            ))}
          </span>
          <button
            type="button"
            onClick={props.onDelete}
            disabled={selectionSize === 0}
            title="Delete the selected notes (Delete key)"
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
            title={`Go to ${layer.name}`}
            onClick={() => props.onFitLayer(i)}
          >
            {i + 1} {layer.name.split(' ')[0]}
          </button>
        ))}
      </span>
      <span className="separator" />
      <button type="button" aria-label="Zoom out" onClick={() => props.onZoom(1 / 1.25)}>
        −
      </button>
      <span className="zoom-level" aria-label="Zoom level">
        {Math.round(props.scale * 100)}%
      </span>
      <button type="button" aria-label="Zoom in" onClick={() => props.onZoom(1.25)}>
        +
      </button>
      <button type="button" onClick={props.onFitBoard} title="Show the whole board">
        Fit
      </button>
    </div>
  );
}
