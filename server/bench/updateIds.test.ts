import { moveNotes } from '@shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forEachStructRange } from './updateIds';

/** What `Y.decodeUpdate` says: every struct but the gaps, as [client, clock, length]. */
function decoded(update: Uint8Array): number[][] {
  return Y.decodeUpdate(update)
    .structs.filter((struct) => !(struct instanceof Y.Skip))
    .map((struct) => [struct.id.client, struct.id.clock, struct.length]);
}

function light(update: Uint8Array): number[][] {
  const ranges: number[][] = [];
  forEachStructRange(update, (client, clock, length) => ranges.push([client, clock, length]));
  return ranges;
}

/** Collects the updates a document emits while `change` runs, one per transaction. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  change();
  doc.off('update', capture);
  return updates;
}

describe('forEachStructRange', () => {
  it('reads every kind of content as Y.decodeUpdate does', () => {
    const doc = new Y.Doc();
    const updates = updatesOf(doc, () => {
      const map = doc.getMap('m');
      map.set('number', 1.5);
      map.set('nested', new Y.Map());
      map.set('bytes', new Uint8Array([1, 2, 3]));
      map.set('object', { a: [1, 'two', null, true], b: { c: -3 } });
      map.set('subdoc', new Y.Doc());
      const text = doc.getText('t');
      text.insert(0, 'héllo 👋 world');
      text.format(1, 3, { bold: true });
      text.insertEmbed(2, { image: 'x.png' });
      text.delete(4, 2);
      const array = doc.getArray<unknown>('a');
      array.insert(0, [1, 2, 'three', { four: 4 }]);
      array.delete(1, 1);
      const xml = doc.getXmlFragment('x');
      const element = new Y.XmlElement('p');
      element.setAttribute('class', 'lead');
      element.insert(0, [new Y.XmlText('inside')]);
      // A hook is a fragment's child like an element; yjs's typings leave it out.
      xml.insert(0, [element, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
    });
    updates.push(Y.encodeStateAsUpdate(doc));
    for (const update of updates) expect(light(update)).toEqual(decoded(update));
    // Deleted content and garbage collection, as a state after deletions encodes them.
    const gc = new Y.Doc();
    gc.getText('t').insert(0, 'abcdef');
    gc.getText('t').delete(1, 3);
    const state = Y.encodeStateAsUpdate(gc);
    expect(light(state)).toEqual(decoded(state));
  });

  it('reads merged updates of several clients with gaps, as a relay sends them', () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const updates: Uint8Array[] = [];
    for (const doc of docs) {
      const id = `note-${doc.clientID}`;
      const note = new Y.Map<unknown>();
      doc.getMap('notes').set(id, note);
      note.set('x', 1);
      note.set('y', 2);
      for (let i = 0; i < 4; i++) {
        updates.push(...updatesOf(doc, () => moveNotes(doc, [{ id, x: i, y: -i }], null)));
      }
    }
    // Every other move of each client: the merge has Skip structs where the others were.
    const merged = Y.mergeUpdates(updates.filter((_, i) => i % 2 === 0));
    const ranges = light(merged);
    expect(ranges).toEqual(decoded(merged));
    expect(Y.decodeUpdate(merged).structs.some((struct) => struct instanceof Y.Skip)).toBe(true);
    expect(new Set(ranges.map(([client]) => client)).size).toBe(3);
  });

  it('throws on a truncated update', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'some text long enough to cut');
    const update = Y.encodeStateAsUpdate(doc);
    expect(() => light(update.subarray(0, update.length - 10))).toThrow();
  });
});
