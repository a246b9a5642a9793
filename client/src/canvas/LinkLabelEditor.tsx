import { useState } from 'react';
import type { Link } from '@shared';
import type { Point } from '../core/viewport/viewport';

/** A small field over a link's middle to name the dependency ("drives battery life"). */
export function LinkLabelEditor({
  link,
  at,
  onSave,
  onClose,
}: {
  link: Link;
  at: Point;
  onSave: (label: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(link.label);
  return (
    <form
      className="link-label-editor"
      style={{ left: at.x, top: at.y }}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value);
        onClose();
      }}
    >
      <input
        autoFocus
        aria-label="Link label"
        placeholder="How does it affect it?"
        maxLength={200}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        onBlur={() => {
          onSave(value);
          onClose();
        }}
      />
    </form>
  );
}
