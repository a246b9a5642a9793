import type * as Y from 'yjs';
import { addNote, linkNotes, topZ } from './commands';
import { keyBetween } from './fractionalIndex';
import {
  departmentColor,
  HORIZONS,
  isAreaId,
  isLayerId,
  NOTE_KINDS,
  type AreaId,
  type Horizon,
  type LayerId,
  type NoteKind,
} from './framework';
import { NOTE_HEIGHT, NOTE_WIDTH, zoneKey } from './layout';
import { boardMaps, readZones } from './schema';

/**
 * A workshop described cell by cell (the format of the sample fixture): notes carry their layer and area,
 * not coordinates. Loading one places each note inside its zone.
 */
export interface WorkshopNote {
  id: string;
  layer: LayerId;
  area: AreaId;
  kind: NoteKind;
  text: string;
  department: string;
  author: string;
  horizon?: Horizon;
}

export interface Workshop {
  title: string;
  notes: WorkshopNote[];
  links: { id: string; from: string; to: string; label?: string }[];
}

/** Checks a parsed JSON value against the workshop format; throws with every problem found. */
export function parseWorkshop(value: unknown): Workshop {
  const problems: string[] = [];
  const v = value as Partial<Workshop> | null;
  if (typeof v !== 'object' || v === null) throw new Error('workshop: expected a JSON object');
  if (typeof v.title !== 'string') problems.push('title: expected a string');
  const notes = Array.isArray(v.notes) ? v.notes : (problems.push('notes: expected an array'), []);
  // Without this, a workshop lacking `links` would pass and then fail half-way through loadWorkshop.
  const links = Array.isArray(v.links) ? v.links : (problems.push('links: expected an array'), []);
  const ids = new Set<string>();
  notes.forEach((n: WorkshopNote, i) => {
    const where = `notes[${i}]`;
    if (typeof n?.id !== 'string' || ids.has(n.id)) problems.push(`${where}.id: expected a unique string`);
    else ids.add(n.id);
    if (!isLayerId(n?.layer)) problems.push(`${where}.layer: unknown layer ${String(n?.layer)}`);
    if (!isAreaId(n?.area)) problems.push(`${where}.area: unknown area ${String(n?.area)}`);
    if (!NOTE_KINDS.includes(n?.kind)) problems.push(`${where}.kind: unknown kind ${String(n?.kind)}`);
    if (n?.horizon !== undefined && !HORIZONS.includes(n.horizon)) problems.push(`${where}.horizon: unknown`);
    for (const key of ['text', 'department', 'author'] as const) {
      if (typeof n?.[key] !== 'string') problems.push(`${where}.${key}: expected a string`);
    }
  });
  links.forEach((l: Workshop['links'][number], i) => {
    if (!ids.has(l?.from) || !ids.has(l?.to)) problems.push(`links[${i}]: both ends must be note ids`);
  });
  if (problems.length > 0) throw new Error(`workshop: ${problems.join('; ')}`);
  return value as Workshop;
}

const GAP = 16;
const INSET = 24;

/**
 * Adds a workshop's notes and links to a board, each note in the next free slot of its zone (left to
 * right, top to bottom). The board must already hold its template.
 */
export function loadWorkshop(doc: Y.Doc, workshop: Workshop, origin: unknown, now = Date.now()): void {
  const zones = new Map(readZones(doc).map((z) => [z.id, z]));
  const filled = new Map<string, number>();
  doc.transact(() => {
    for (const note of workshop.notes) {
      const key = zoneKey(note.layer, note.area);
      const zone = zones.get(key);
      if (!zone) throw new Error(`the board has no zone ${key}`);
      const slot = filled.get(key) ?? 0;
      filled.set(key, slot + 1);
      const columns = Math.max(1, Math.floor((zone.w - 2 * INSET + GAP) / (NOTE_WIDTH + GAP)));
      addNote(
        doc,
        {
          id: note.id,
          x: zone.x + INSET + (slot % columns) * (NOTE_WIDTH + GAP),
          y: zone.y + INSET + 40 + Math.floor(slot / columns) * (NOTE_HEIGHT + GAP),
          text: note.text,
          kind: note.kind,
          color: departmentColor(note.department),
          author: note.author,
          department: note.department,
          createdAt: now,
          ...(note.horizon ? { horizon: note.horizon } : {}),
        },
        origin,
      );
    }
    for (const link of workshop.links) {
      linkNotes(doc, { id: link.id, from: link.from, to: link.to, label: link.label ?? '' }, origin);
    }
  }, origin);
}

const SAMPLE_TEXTS = [
  'Battery must last five years on one cell',
  'Which radio: LoRaWAN, NB-IoT or LTE-M?',
  'Sign every firmware image',
  'Risk: gateway coverage in hilly fields',
  'Store raw readings for 13 months',
  'Alert the grower when moisture drops',
  'CE and FCC radio certification',
  'Who owns the data: grower or co-op?',
];

/**
 * Adds `count` notes spread evenly over the 30 cells, in tidy grids: a large, realistic board for
 * benchmarks and demos. Deterministic, one transaction.
 */
export function addSampleNotes(doc: Y.Doc, count: number, origin: unknown, now = Date.now()): void {
  const areas = readZones(doc).filter((z) => z.area !== null);
  if (areas.length === 0) throw new Error('the board has no zones');
  const perZone = Math.ceil(count / areas.length);
  // One scan for the top, then each note above the last: adding n notes stays linear.
  let z = topZ(boardMaps(doc).notes);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      z = keyBetween(z, null);
      const zone = areas[i % areas.length]!;
      const slot = Math.floor(i / areas.length);
      const columns = Math.max(1, Math.ceil(Math.sqrt((perZone * zone.w) / zone.h)));
      const rows = Math.ceil(perZone / columns);
      const cellW = (zone.w - 2 * INSET) / columns;
      const cellH = (zone.h - 2 * INSET - 40) / rows;
      addNote(
        doc,
        {
          x: Math.round(zone.x + INSET + (slot % columns) * cellW),
          y: Math.round(zone.y + INSET + 40 + Math.floor(slot / columns) * cellH),
          w: Math.max(60, Math.round(Math.min(NOTE_WIDTH, cellW - 4))),
          h: Math.max(60, Math.round(Math.min(NOTE_HEIGHT, cellH - 4))),
          text: SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]!,
          kind: NOTE_KINDS[i % NOTE_KINDS.length]!,
          color: departmentColor(['hardware', 'firmware', 'cloud', 'apps', 'security'][i % 5]!),
          z,
          author: `Person ${(i % 12) + 1}`,
          department: ['hardware', 'firmware', 'cloud', 'apps', 'security'][i % 5]!,
          createdAt: now,
        },
        origin,
      );
    }
  }, origin);
}
