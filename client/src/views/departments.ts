import { DEPARTMENTS } from '@shared';

const names = new Map<string, string>(DEPARTMENTS.map((d) => [d.id, d.name]));

/** A department's display name; people may name their own, shown as they typed it. */
export function departmentName(id: string): string {
  return names.get(id) ?? (id || 'No department');
}
