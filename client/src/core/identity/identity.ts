import { DEPARTMENTS, randomId, type NoteColor } from '@shared';
import { defaultPersonColor, personColorByHex, personColorFromStored, VIEWER_COLOR } from './personColors';

/** Who is at this device: kept in localStorage and written on every note they create. */
export interface Identity {
  /** Random and stable for this device: votes and presence know the person by it, whatever their name. */
  id: string;
  name: string;
  /** A listed department's id (`hardware`), or the name a person gave their own. */
  department: string;
  /** One of PERSON_COLORS' hex values (a viewer's is VIEWER_COLOR). */
  color: string;
}

export const NAME_MAX = 40;
export const DEPARTMENT_MIN = 2;
export const DEPARTMENT_MAX = 30;

const KEY = 'iot-board:identity';
const VIEWER_KEY = 'iot-board:viewer-id';
const ID_PATTERN = /^[a-z0-9]{8,32}$/;
// Letters of any script, digits, spaces and the punctuation department names use ("R&D", "Ops / QA").
const DEPARTMENT_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} &'’().,/+-]*$/u;

const listedIds = new Set<string>(DEPARTMENTS.map((d) => d.id));

export function isListedDepartment(department: string): boolean {
  return listedIds.has(department);
}

export type DepartmentCheck = { ok: true; department: string } | { ok: false; error: string };

/**
 * Checks a department a person names themselves. A name that is one of the listed departments (by id or
 * name, in any case) becomes that department, so "Cloud" typed by hand still groups with Cloud.
 */
export function checkCustomDepartment(text: string): DepartmentCheck {
  const value = text.trim().replace(/\s+/g, ' ');
  if (value.length < DEPARTMENT_MIN) {
    return { ok: false, error: `Name your department (at least ${DEPARTMENT_MIN} characters).` };
  }
  if (value.length > DEPARTMENT_MAX) {
    return { ok: false, error: `Keep the department to ${DEPARTMENT_MAX} characters or fewer.` };
  }
  if (!DEPARTMENT_PATTERN.test(value)) {
    return {
      ok: false,
      error: "Use letters, numbers, spaces and & ' ( ) . , / + - only, starting with a letter or number.",
    };
  }
  const lower = value.toLowerCase();
  const listed = DEPARTMENTS.find((d) => d.id === lower || d.name.toLowerCase() === lower);
  return { ok: true, department: listed ? listed.id : value };
}

/** Checks a name as the identity dialog does: trimmed, not empty, not too long. */
export function checkName(text: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = text.trim().replace(/\s+/g, ' ');
  if (!name) return { ok: false, error: 'Enter the name others will see on your notes.' };
  if (name.length > NAME_MAX)
    return { ok: false, error: `Keep your name to ${NAME_MAX} characters or fewer.` };
  return { ok: true, name };
}

function isStoredDepartment(value: unknown): value is string {
  return typeof value === 'string' && (listedIds.has(value) || checkCustomDepartment(value).ok);
}

/**
 * Reads a stored identity. Older ones (no id, or a note fill as their colour) are brought up to date: the
 * returned `migrated` flag says the caller should store the result so the new id stays stable.
 */
export function parseIdentity(
  raw: unknown,
  makeId: () => string = () => randomId(),
): { identity: Identity; migrated: boolean } | null {
  if (!raw || typeof raw !== 'object') return null;
  const value = raw as Record<string, unknown>;
  const name = typeof value.name === 'string' ? checkName(value.name) : null;
  if (!name?.ok) return null;
  const department = isStoredDepartment(value.department)
    ? listedIds.has(value.department)
      ? value.department
      : (checkCustomDepartment(value.department) as { department: string }).department
    : '';
  const hasId = typeof value.id === 'string' && ID_PATTERN.test(value.id);
  const id = hasId ? (value.id as string) : makeId();
  const color = personColorFromStored(value.color, department).hex;
  const migrated =
    !hasId || value.color !== color || value.name !== name.name || value.department !== department;
  return { identity: { id, name: name.name, department, color }, migrated };
}

export function loadIdentity(): Identity | null {
  try {
    const parsed = parseIdentity(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    if (!parsed) return null;
    if (parsed.migrated) localStorage.setItem(KEY, JSON.stringify(parsed.identity));
    return parsed.identity;
  } catch {
    // A corrupt entry is treated as no identity: the person is asked again.
    return null;
  }
}

let cached: { raw: string | null; identity: Identity | null } | null = null;

/**
 * The stored identity as a stable snapshot (the same object until the stored value changes), for
 * `useSyncExternalStore`.
 */
export function currentIdentity(): Identity | null {
  const raw = safeRead();
  if (cached === null || cached.raw !== raw) {
    const identity = loadIdentity();
    // loadIdentity may have stored a migrated copy: cache what is stored now, so the next read hits.
    cached = { raw: safeRead(), identity };
  }
  return cached.identity;
}

/** The stored identity's raw text; null when there is none or storage is blocked. */
function safeRead(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();

export function saveIdentity(identity: Identity): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Storage full or blocked: the identity holds for this visit only.
  }
  cached = { raw: safeRead(), identity };
  listeners.forEach((l) => l());
}

/** Calls `listener` when the identity changes here or in another tab of this browser. */
export function subscribeIdentity(listener: Listener): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * Someone on a view link, who was never asked who they are: a stable id per device so that one screen
 * shows once in the participant list however often it reloads.
 */
export function viewerIdentity(): Identity {
  let id: string | null = null;
  try {
    id = localStorage.getItem(VIEWER_KEY);
    if (!id || !ID_PATTERN.test(id)) {
      id = randomId();
      localStorage.setItem(VIEWER_KEY, id);
    }
  } catch {
    id = randomId();
  }
  return { id, name: 'Viewer', department: '', color: VIEWER_COLOR };
}

/** The sticky-note colour of this person's new notes: their chosen colour's pair. */
export function noteColorOf(identity: Identity): NoteColor {
  return (personColorByHex(identity.color) ?? defaultPersonColor(identity.department)).note;
}
