import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps } from './schema';
import { summonEveryone, takeFacilitator } from './session';
import { mulberry32, newBoard, LOCAL } from './testing';
import { limitValueDepth, updateValueDepth } from './valueDepth';
import { MAX_VALUE_DEPTH } from './wire';

const PLACEHOLDER = 'deep-value-goes-here';

/** lib0's encoding of `{ a: { a: ... 1 } }`, `depth` levels deep, built without recursion. */
function deepValueBytes(depth: number): Uint8Array {
  const level = [118, 1, 1, 'a'.charCodeAt(0)]; // object, one entry, key "a"
  const bytes = new Uint8Array(depth * level.length + 2);
  for (let i = 0; i < depth; i++) bytes.set(level, i * level.length);
  bytes.set([125, 1], depth * level.length); // varInt 1
  return bytes;
}

/** An update of `doc` in which the string PLACEHOLDER (one plain value) is swapped for a deep value. */
function withDeepValue(doc: Y.Doc, depth: number): Uint8Array {
  const update = Y.encodeStateAsUpdate(doc);
  const marker = new TextEncoder().encode(PLACEHOLDER);
  const at = indexOf(update, marker) - 2; // the string tag (119) and its length come first
  expect(update[at]).toBe(119);
  const deep = deepValueBytes(depth);
  const out = new Uint8Array(update.length - (marker.length + 2) + deep.length);
  out.set(update.subarray(0, at));
  out.set(deep, at);
  out.set(update.subarray(at + marker.length + 2), at + deep.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('marker not found');
}

/** A random plain value and how deeply it nests. */
function randomValue(random: () => number, depth: number): [unknown, number] {
  const pick = Math.floor(random() * (depth > 0 ? 11 : 9));
  switch (pick) {
    case 0:
      return [null, 0];
    case 1:
      return [Math.floor(random() * 2 ** 40) - 2 ** 39, 0];
    case 2:
      return [random() * 1e6, 0];
    case 3:
      return [random() < 0.5, 0];
    case 4:
      return [`text ${random().toString(36)} é 😀`, 0];
    case 5:
      return [new Uint8Array([1, 2, 3, Math.floor(random() * 255)]), 0];
    case 6:
      // Yjs takes a bigint inside a value only.
      return [{ big: BigInt(Math.floor(random() * 1e9)) * 1_000_000_000n, f: Math.fround(0.1) }, 1];
    case 7:
      return [0.5, 0];
    case 8:
      return ['', 0];
    case 9: {
      const items: unknown[] = [];
      let deepest = 0;
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        const [v, d] = randomValue(random, depth - 1);
        items.push(v);
        deepest = Math.max(deepest, d);
      }
      return [items, deepest + 1];
    }
    default: {
      const entries: Record<string, unknown> = {};
      let deepest = 0;
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        const [v, d] = randomValue(random, depth - 1);
        entries[`k${i}`] = v;
        deepest = Math.max(deepest, d);
      }
      return [entries, deepest + 1];
    }
  }
}

/** How deeply a small value nests, as updateValueDepth counts (recursive: test values are shallow). */
function depthOf(value: unknown): number {
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('updateValueDepth and limitValueDepth', () => {
  it('leave a board with every session concern as it is: the schema nests 2 deep', () => {
    const doc = newBoard();
    takeFacilitator(doc, { id: 'ana', name: 'Ana', color: '#123456' }, LOCAL, 1);
    summonEveryone(doc, { id: 's', by: 'ana', viewport: { x: 0, y: 0, w: 10, h: 10 } }, LOCAL, 2);
    const update = Y.encodeStateAsUpdate(doc);
    expect(updateValueDepth(update)).toBe(2);
    expect(limitValueDepth(update)).toBe(update);
  });

  it('read every kind of content Yjs writes (seeded): the depth found is the depth written', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = mulberry32(seed);
      const doc = new Y.Doc();
      const map = doc.getMap('m');
      const array = doc.getArray<unknown>('a');
      const text = doc.getText('t');
      const xml = doc.getXmlFragment('x');
      let deepest = 0;
      for (let step = 0; step < 30; step++) {
        const [value, depth] = randomValue(random, 5);
        switch (Math.floor(random() * 8)) {
          case 0:
            map.set(`key${Math.floor(random() * 5)}`, value);
            deepest = Math.max(deepest, depth);
            break;
          case 1:
            array.insert(Math.floor(random() * (array.length + 1)), [value, 'x']);
            deepest = Math.max(deepest, depth);
            break;
          case 2:
            if (array.length > 0) array.delete(0, 1);
            break;
          case 3:
            text.insert(Math.floor(random() * (text.length + 1)), 'héllo', { bold: random() < 0.5 });
            break;
          case 4:
            text.insertEmbed(0, { image: 'x', nested: { deep: [1, [2]] } });
            if (text.length > 3) text.delete(1, 2);
            break;
          case 5: {
            const element = new Y.XmlElement('p');
            element.setAttribute('class', 'c');
            element.insert(0, [new Y.XmlText('inside')]);
            xml.insert(0, [element, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
            break;
          }
          case 6: {
            const nested = new Y.Map<unknown>();
            map.set('nested', nested);
            nested.set('v', value);
            deepest = Math.max(deepest, depth);
            break;
          }
          default:
            // Written with its options: { meta: { a: 1 } }.
            map.set('sub', new Y.Doc({ guid: `g${step}`, meta: { a: 1 } }));
            deepest = Math.max(deepest, 2);
        }
      }
      const update = Y.encodeStateAsUpdate(doc);
      // What the update holds: the values still in the document (overwritten and deleted ones are
      // garbage collected), and a sub-document's options ({ meta: { a: 1 } }, 2 deep).
      const held = [
        ...[...map.values()]
          .filter((v) => !(v instanceof Y.AbstractType))
          .map((v) => (v instanceof Y.Doc ? { meta: v.meta } : v)),
        ...array.toArray(),
        ...(map.get('nested') instanceof Y.Map ? (map.get('nested') as Y.Map<unknown>).values() : []),
      ];
      expect(updateValueDepth(update), `seed ${seed}`).toBe(Math.max(0, ...held.map(depthOf)));
      expect(limitValueDepth(update, deepest)).toBe(update);
      // A sub-document's options are an object, so 1 is the least an update of this mix can nest.
      const limited = limitValueDepth(update, 1);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, limited);
      expect(updateValueDepth(Y.encodeStateAsUpdate(copy)), `seed ${seed}`).toBeLessThanOrEqual(1);
      expect(copy.getText('t').toString()).toBe(text.toString());
      expect(copy.getArray('a').length).toBe(array.length);
    }
  });

  it('find exactly the depth of a value, whatever it is, without recursing', () => {
    for (const depth of [0, 1, 5, MAX_VALUE_DEPTH, 100_000]) {
      const doc = new Y.Doc();
      doc.getMap('meta').set('zzz', PLACEHOLDER);
      expect(updateValueDepth(withDeepValue(doc, depth))).toBe(depth);
    }
  });

  it('make a board holding a value 100,000 deep loadable: only that value reads null', () => {
    const doc = newBoard();
    const { meta, notes } = boardMaps(doc);
    meta.set('zzz', PLACEHOLDER);
    const raw = withDeepValue(doc, 100_000);
    // Yjs itself cannot decode it: the whole update is lost.
    expect(() => Y.applyUpdate(new Y.Doc(), raw)).toThrow(RangeError);

    const copy = new Y.Doc();
    Y.applyUpdate(copy, limitValueDepth(raw));
    expect(boardMaps(copy).meta.get('zzz')).toBeNull();
    expect(boardMaps(copy).meta.get('title')).toBe('Test board');
    expect(boardMaps(copy).zones.size).toBe(boardMaps(doc).zones.size);
    expect(boardMaps(copy).notes.size).toBe(notes.size);
    // Same history: the state vectors agree, so sync never resends it.
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
  });

  it('replace only the deep values of an entry holding several', () => {
    const doc = new Y.Doc();
    doc.getArray('a').push(['before', PLACEHOLDER, { keep: [1] }]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, limitValueDepth(withDeepValue(doc, 50), 2));
    expect(copy.getArray('a').toArray()).toEqual(['before', null, { keep: [1] }]);
  });

  it('keep a sub-document whose options were too deep, with none', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc({ guid: 'sub', meta: { a: { b: { c: 1 } } } }));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, limitValueDepth(Y.encodeStateAsUpdate(doc), 1));
    expect((copy.getMap('m').get('sub') as Y.Doc).guid).toBe('sub');
  });

  it('leave bytes that are not an update to Yjs to refuse', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', { a: 1 });
    const update = Y.encodeStateAsUpdate(doc);
    const cut = update.subarray(0, update.length - 6);
    expect(limitValueDepth(cut)).toBe(cut);
    expect(() => updateValueDepth(cut)).toThrow(/ends early/);
  });
});
