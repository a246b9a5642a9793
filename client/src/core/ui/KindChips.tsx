import { useId } from 'react';
import { NOTE_KINDS, type NoteKind } from '@shared';
import { KIND_STYLE } from '../theme/theme';
import './sheet.css';

/**
 * A note's kind as four large chips: native radios under the chips, so arrow keys move between them and
 * screen readers say which kind is chosen.
 */
export function KindChips({
  value,
  onChange,
  legend = 'Kind',
}: {
  value: NoteKind;
  onChange: (kind: NoteKind) => void;
  legend?: string;
}) {
  const name = useId();
  return (
    <fieldset className="phone-kinds">
      <legend>{legend}</legend>
      <div className="phone-kind-row">
        {NOTE_KINDS.map((kind) => {
          const style = KIND_STYLE[kind];
          return (
            <label key={kind} className="phone-kind" data-kind={kind}>
              <input
                type="radio"
                name={name}
                value={kind}
                checked={value === kind}
                onChange={() => onChange(kind)}
              />
              <span className="phone-kind-glyph" style={{ color: style.color }} aria-hidden>
                {style.glyph}
              </span>
              <span>{kind}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
