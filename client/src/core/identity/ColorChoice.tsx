import { useId } from 'react';
import { personColorByHex, PERSON_COLORS } from './personColors';
import { Avatar } from '../ui/Avatar';
import './identity.css';

/**
 * The person's colour as a radio group of swatches: native radios, so arrow keys move between them and
 * screen readers announce each colour's name.
 */
export function ColorChoice({
  value,
  onChange,
  preview,
}: {
  value: string;
  onChange: (hex: string) => void;
  /** The name typed so far: the avatar others will see is drawn from it in the chosen colour. */
  preview?: string;
}) {
  const name = useId();
  const chosen = personColorByHex(value);
  return (
    <fieldset className="color-choice" role="radiogroup" aria-labelledby={`${name}-legend`}>
      <legend id={`${name}-legend`}>Your colour</legend>
      {preview !== undefined && (
        <p className="color-preview">
          <Avatar name={preview || '?'} color={value} size={30} />
          <span>
            Others see you in <strong>{chosen?.name ?? 'this colour'}</strong>
          </span>
        </p>
      )}
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
