import { useId } from 'react';
import { PERSON_COLORS } from './personColors';
import './identity.css';

/**
 * The person's colour as a radio group of swatches: native radios, so arrow keys move between them and
 * screen readers announce each colour's name.
 */
export function ColorChoice({ value, onChange }: { value: string; onChange: (hex: string) => void }) {
  const name = useId();
  return (
    <fieldset className="color-choice" role="radiogroup" aria-labelledby={`${name}-legend`}>
      <legend id={`${name}-legend`}>Your colour</legend>
      <div className="color-swatches">
        {PERSON_COLORS.map((c) => (
          <label key={c.hex} className="color-swatch" title={c.name}>
            <input
              type="radio"
              name={name}
              value={c.hex}
              checked={value === c.hex}
              onChange={() => onChange(c.hex)}
              aria-label={c.name}
            />
            <span className="color-dot" style={{ background: c.hex }} aria-hidden />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
