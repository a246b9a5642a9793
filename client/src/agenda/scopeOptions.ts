import { AREAS, LAYERS, parseAgendaScope, type AgendaScope } from '@shared';

/** A scope as a select's value: "board", "layer:devices", "cell:devices:hardware". */
export function scopeValue(scope: AgendaScope): string {
  if (scope.kind === 'board') return 'board';
  return scope.kind === 'layer' ? `layer:${scope.layer}` : `cell:${scope.layer}:${scope.area}`;
}

/** The scope a select's value names; null for anything else. */
export function scopeFromValue(value: string): AgendaScope | null {
  const [kind, layer, area] = value.split(':');
  return parseAgendaScope({ kind, layer, area });
}

/** The scope select's choices: the whole stack, then each layer and its six areas. */
export const SCOPE_GROUPS: readonly {
  label: string;
  options: readonly { value: string; label: string }[];
}[] = [
  { label: 'Board', options: [{ value: 'board', label: 'Whole stack' }] },
  ...LAYERS.map((layer) => ({
    label: layer.name,
    options: [
      { value: `layer:${layer.id}`, label: `${layer.name} (the layer)` },
      ...AREAS.map((area) => ({
        value: `cell:${layer.id}:${area.id}`,
        label: `${layer.name} / ${area.name}`,
      })),
    ],
  })),
];
