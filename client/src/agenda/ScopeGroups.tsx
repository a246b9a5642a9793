import { SCOPE_GROUPS } from './scopeOptions';

/** The scopes a step can have, grouped (the whole stack, each layer, each layer's cells), as options. */
export function ScopeGroups() {
  return (
    <>
      {SCOPE_GROUPS.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
