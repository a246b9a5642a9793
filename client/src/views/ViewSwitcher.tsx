import './views.css';

export type BoardViewKind = 'board' | 'grid' | 'roadmap';

const VIEWS: { id: BoardViewKind; label: string; title: string }[] = [
  { id: 'board', label: 'Board', title: 'The freeform canvas' },
  { id: 'grid', label: 'Grid', title: 'Notes by layer and decision area' },
  { id: 'roadmap', label: 'Roadmap', title: 'Decisions by layer and horizon' },
];

/** Switches between the canvas and the structured views of the same board. */
export function ViewSwitcher({
  value,
  onChange,
}: {
  value: BoardViewKind;
  onChange: (v: BoardViewKind) => void;
}) {
  return (
    <div className="view-switcher" role="group" aria-label="View">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          aria-pressed={value === v.id}
          title={v.title}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
