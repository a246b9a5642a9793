import { DEPARTMENTS, departmentColor, noteFill } from '@shared';

/** Who is at this device: kept in localStorage and written on every note they create. */
export interface Identity {
  name: string;
  department: string;
  color: string;
}

const KEY = 'iot-board:identity';

export function loadIdentity(): Identity | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
    if (
      value &&
      typeof value.name === 'string' &&
      value.name.trim() &&
      typeof value.department === 'string'
    ) {
      return {
        name: value.name.trim().slice(0, 40),
        department: value.department,
        color: typeof value.color === 'string' ? value.color : noteFill(departmentColor(value.department)),
      };
    }
  } catch {
    // A corrupt entry is treated as no identity: the person is asked again.
  }
  return null;
}

export function saveIdentity(identity: Identity): void {
  localStorage.setItem(KEY, JSON.stringify(identity));
}

export function departmentName(id: string): string {
  return DEPARTMENTS.find((d) => d.id === id)?.name ?? id;
}
