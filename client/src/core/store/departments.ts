import { departmentName as listedOrOwnName } from '@shared';

/** A department's display name; people may name their own, shown as they typed it. */
export function departmentName(id: string): string {
  return id ? listedOrOwnName(id) : 'No department';
}
