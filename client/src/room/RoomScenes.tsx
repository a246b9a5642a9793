import { useRef, type CSSProperties, type ReactNode } from 'react';
import {
  AREAS,
  cellPrompt,
  formatCoverage,
  getArea,
  getLayer,
  LAYERS,
  type AreaId,
  type CellCoverage,
  type LayerId,
} from '@shared';
import { COVERAGE_STYLE, countsSummary } from '../core/theme/coverageStyle';
import { useBoxSize } from './useBoxSize';
import { RoomCards } from './RoomCard';
import type { RoomScene } from './roomScene';
import { areaTracks, roomUnit } from './roomSizes';
import type { RoomBoard } from './useRoomBoard';
import './room.css';

/** Where a click on the whole board takes a person: a layer, or one of its areas. */
export interface RoomTarget {
  layer: LayerId;
  area: AreaId | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function cellOf(board: RoomBoard, layer: LayerId, area: AreaId): CellCoverage {
  return board.coverage.layers.find((l) => l.layer === layer)!.cells.find((c) => c.area === area)!;
}

/** A cell's state as a word and a glyph beside its colour, never colour alone. */
function StateBadge({ cell }: { cell: CellCoverage }) {
  const style = COVERAGE_STYLE[cell.state];
  return (
    <span
      className={`room-state room-state-${cell.state}`}
      style={{ '--state': style.color } as CSSProperties}
    >
      <span aria-hidden>{style.glyph}</span> {style.label}
    </span>
  );
}

/**
 * The whole board as the 5 x 6 matrix: layers down, decision areas across, each cell with its state,
 * how many notes it holds and their first words. With `onPick`, a click on a cell or a layer goes there.
 */
function Overview({
  board,
  unit,
  onPick,
  extra,
}: {
  board: RoomBoard;
  unit: number;
  onPick?: (t: RoomTarget) => void;
  extra?: ReactNode;
}) {
  const { coverage } = board;
  return (
    <>
      <header className="room-head">
        <h2 className="room-heading">Whole board</h2>
        <p className="room-summary">
          {formatCoverage(coverage.score)} covered · {countsSummary(coverage.counts)}
        </p>
        {extra}
      </header>
      <div className="room-matrix">
        <span className="room-corner" />
        {AREAS.map((area) => (
          <span key={area.id} className="room-col-head">
            {area.name}
          </span>
        ))}
        {coverage.layers.map((layerCoverage, row) => {
          const layer = getLayer(layerCoverage.layer);
          const head = (
            <>
              <span className="room-row-number" aria-hidden>
                {row + 1}
              </span>
              <span className="room-row-name">{layer.name}</span>
              <span className="room-row-score">{formatCoverage(layerCoverage.score)} covered</span>
            </>
          );
          return (
            <div key={layer.id} className="room-row" style={{ '--layer': layer.color } as CSSProperties}>
              {onPick ? (
                <button
                  type="button"
                  className="room-row-head"
                  onClick={() => onPick({ layer: layer.id, area: null })}
                  title={`Go to ${layer.name}`}
                >
                  {head}
                </button>
              ) : (
                <span className="room-row-head">{head}</span>
              )}
              {layerCoverage.cells.map((cell) => {
                const notes = board.notesOf(cell.layer, cell.area);
                const name = `${layer.name} · ${getArea(cell.area).name}`;
                return (
                  <div
                    key={cell.area}
                    className={`room-cell state-${cell.state}`}
                    data-cell={`${cell.layer}:${cell.area}`}
                  >
                    <p className="room-cell-state">
                      <StateBadge cell={cell} />
                      {notes.length > 0 && <span className="room-count">{notes.length}</span>}
                    </p>
                    {notes.length === 0 ? (
                      <p className="room-cell-prompt">{cellPrompt(cell.layer, cell.area)}</p>
                    ) : (
                      <RoomCards notes={notes} level="overview" unit={unit} />
                    )}
                    {onPick && (
                      <button
                        type="button"
                        className="room-cell-go"
                        onClick={() => onPick({ layer: cell.layer, area: cell.area })}
                        aria-label={`Go to ${name}: ${COVERAGE_STYLE[cell.state].label.toLowerCase()}, ${plural(notes.length, 'note', 'notes')}`}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </>
  );
}

/** One area of a layer: its name, state and notes, or the question to answer there while it is a gap. */
function AreaPanel({
  board,
  layer,
  area,
  unit,
  level,
  title,
}: {
  board: RoomBoard;
  layer: LayerId;
  area: AreaId;
  unit: number;
  level: 'layer' | 'area';
  title: ReactNode;
}) {
  const cell = cellOf(board, layer, area);
  const notes = board.notesOf(layer, area);
  return (
    <section
      className={`room-area room-area-${level} state-${cell.state}`}
      aria-label={getArea(area).name}
      data-cell={`${layer}:${area}`}
    >
      <header className="room-area-head">
        <h3 className="room-area-name">{title}</h3>
        <span className="room-area-status">
          <StateBadge cell={cell} />
          <span className="room-count">{plural(notes.length, 'note', 'notes')}</span>
        </span>
      </header>
      {notes.length === 0 ? (
        <p className="room-prompt">{cellPrompt(layer, area)}</p>
      ) : (
        <RoomCards notes={notes} level={level} unit={unit} />
      )}
    </section>
  );
}

/** A layer's heading: its number, name, score and the states of its six areas. */
function LayerHead({ board, layer, children }: { board: RoomBoard; layer: LayerId; children?: ReactNode }) {
  const coverage = board.coverage.layers.find((l) => l.layer === layer)!;
  const unsorted = board.unsortedIn(layer);
  const index = LAYERS.findIndex((l) => l.id === layer);
  return (
    <header className="room-head">
      <span className="room-layer-number" aria-hidden>
        {index + 1}
      </span>
      <h2 className="room-heading">
        {getLayer(layer).name}
        {children}
      </h2>
      <p className="room-summary">
        {formatCoverage(coverage.score)} covered · {countsSummary(coverage.counts)}
        {unsorted > 0 && ` · ${plural(unsorted, 'note', 'notes')} outside the areas`}
      </p>
    </header>
  );
}

/**
 * What the room reads, filling the box it is given: the whole board, a layer or an area, laid out for
 * the box (text sizes follow its height, see `roomSizes`). The canvas scene is not drawn here.
 */
export function RoomView({
  board,
  scene,
  onPick,
  label,
  extra,
}: {
  board: RoomBoard;
  scene: Exclude<RoomScene, { kind: 'canvas' }>;
  onPick?: (t: RoomTarget) => void;
  label?: string;
  /** More in the whole board's heading (the board page's way back to the canvas). */
  extra?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const unit = roomUnit(size.width, size.height);
  const layerColor = scene.kind === 'overview' ? undefined : getLayer(scene.layer).color;
  let body: ReactNode = null;
  if (unit > 0) {
    if (scene.kind === 'overview')
      body = <Overview board={board} unit={unit} onPick={onPick} extra={extra} />;
    else if (scene.kind === 'layer') {
      const { layer } = scene;
      const tracks = areaTracks(AREAS.map((area) => board.notesOf(layer, area.id).length));
      const fractions = (weights: number[]) => weights.map((w) => `minmax(0, ${w}fr)`).join(' ');
      body = (
        <>
          <LayerHead board={board} layer={scene.layer} />
          <div
            className="room-areas"
            style={{
              gridTemplateColumns: fractions(tracks.columns),
              gridTemplateRows: fractions(tracks.rows),
            }}
          >
            {AREAS.map((area) => (
              <AreaPanel
                key={area.id}
                board={board}
                layer={scene.layer}
                area={area.id}
                unit={unit}
                level="layer"
                title={area.name}
              />
            ))}
          </div>
        </>
      );
    } else {
      body = (
        <>
          <LayerHead board={board} layer={scene.layer}>
            <span className="room-heading-area"> · {getArea(scene.area).name}</span>
          </LayerHead>
          <div className="room-areas room-areas-one">
            <AreaPanel
              board={board}
              layer={scene.layer}
              area={scene.area}
              unit={unit}
              level="area"
              title={getArea(scene.area).name}
            />
          </div>
        </>
      );
    }
  }
  return (
    <div
      ref={box}
      className={`room room-scene-${scene.kind}`}
      aria-label={label}
      style={{ '--u': `${unit}px`, '--layer': layerColor } as CSSProperties}
    >
      {body}
    </div>
  );
}
