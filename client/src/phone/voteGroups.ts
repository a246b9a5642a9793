import {
  AREA_IDS,
  createProjector,
  getArea,
  getLayer,
  type LayerId,
  type Note,
  type VoteScope,
  type Zone,
} from '@shared';
import { layersFocusFirst, readingOrder } from './boardListing';

export interface NoteGroup {
  /** `layer:area`, `layer:` for a layer's notes in no area, `outside` for notes off every layer. */
  key: string;
  title: string;
  notes: Note[];
}

/**
 * The notes a vote is about, cell by cell: the vote's layer, or every layer with the focused one first;
 * areas in the framework's order, then a layer's notes in no area; notes outside every layer last (a
 * whole-board vote counts them too). Within a cell, reading order. Cells without notes are left out.
 */
export function voteGroups(
  notes: readonly Note[],
  zones: readonly Zone[],
  scope: VoteScope,
  focus: LayerId | null,
): NoteGroup[] {
  const projector = createProjector(zones);
  const byKey = new Map<string, Note[]>();
  for (const note of notes) {
    const placement = projector.placeNote(note);
    if (scope !== 'board' && placement?.layer !== scope) continue;
    const key = placement ? `${placement.layer}:${placement.area ?? ''}` : 'outside';
    const list = byKey.get(key);
    if (list) list.push(note);
    else byKey.set(key, [note]);
  }
  const groups: NoteGroup[] = [];
  const add = (key: string, title: string) => {
    const list = byKey.get(key);
    if (list) groups.push({ key, title, notes: readingOrder(list) });
  };
  for (const layer of scope === 'board' ? layersFocusFirst(focus) : [scope]) {
    const name = getLayer(layer).name;
    for (const area of AREA_IDS) add(`${layer}:${area}`, `${name} · ${getArea(area).name}`);
    add(`${layer}:`, `${name} · in no area`);
  }
  add('outside', 'Outside the layers');
  return groups;
}
