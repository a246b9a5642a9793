import { MAX_VALUE_DEPTH } from './wire';

/**
 * How deeply the plain values of a Yjs update nest, read without recursion, and a copy of an update with
 * its too-deep values replaced.
 *
 * Yjs decodes a plain value (a map entry such as `meta.title`, or a session concern) with lib0's
 * `readAny`, which calls itself once per level: a value nested a few thousand levels deep overflows the
 * stack while the update is applied (from about 4,700 levels in Node and 6,200 in Chromium with warm code,
 * fewer in cold code, the first time a page decodes one), and the whole update is lost. A board whose
 * stored state holds one could then not be opened by any browser. This walks the update format (v1, the
 * one y-protocols' sync messages carry) with an explicit stack, so any depth costs only heap.
 */

/** lib0's tags for the types `writeAny` encodes (127 minus the index of its reader table). */
const TAG = {
  undefined: 127,
  null: 126,
  varInt: 125,
  float32: 124,
  float64: 123,
  bigInt64: 122,
  false: 121,
  true: 120,
  string: 119,
  object: 118,
  array: 117,
  bytes: 116,
} as const;

/** Yjs's content kinds (`info & 31` of an item). */
const CONTENT = {
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
} as const;
const GC = 0;
const SKIP = 10;
/** Y.XmlElement and Y.XmlHook carry a name after their type ref. */
const NAMED_TYPE_REFS = new Set([3, 5]);

class MalformedUpdate extends Error {}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new MalformedUpdate('the update ends early');
    return this.bytes[this.pos++]!;
  }

  /** lib0's varUint; multiplies instead of shifting, so lengths past 2^31 stay exact. */
  varUint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 53) throw new MalformedUpdate('a number runs on');
    }
  }

  /** Skips a varInt (or varUint): bytes up to one without the continuation bit. */
  skipVarInt(): void {
    while (this.byte() >= 0x80);
  }

  skip(count: number): void {
    if (count > this.bytes.length - this.pos) throw new MalformedUpdate('the update ends early');
    this.pos += count;
  }

  /** Skips an item id: client and clock. */
  skipId(): void {
    this.varUint();
    this.varUint();
  }

  /** Skips a varString or a varUint8Array: a length, then that many bytes. */
  skipSized(): void {
    this.skip(this.varUint());
  }
}

/** Skips a scalar value of tag `tag`; false when the tag opens an object or an array. */
function skipScalar(reader: Reader, tag: number): boolean {
  switch (tag) {
    case TAG.undefined:
    case TAG.null:
    case TAG.false:
    case TAG.true:
      return true;
    case TAG.varInt:
      reader.skipVarInt();
      return true;
    case TAG.float32:
      reader.skip(4);
      return true;
    case TAG.float64:
    case TAG.bigInt64:
      reader.skip(8);
      return true;
    case TAG.string:
    case TAG.bytes:
      reader.skipSized();
      return true;
    case TAG.object:
    case TAG.array:
      return false;
    default:
      throw new MalformedUpdate(`unknown value tag ${tag}`);
  }
}

/**
 * Skips one `readAny` value and returns how deeply it nests (a scalar 0, `{ a: 1 }` 1, `[[1]]` 2),
 * iteratively: an explicit stack of how many values are left at each open level. A scalar, what a
 * board holds almost everywhere, costs no stack at all.
 */
function skipAny(reader: Reader): number {
  const first = reader.byte();
  if (skipScalar(reader, first)) return 0;
  const left: number[] = [reader.varUint()];
  const isObject: boolean[] = [first === TAG.object];
  let deepest = 1;
  while (left.length > 0) {
    const top = left.length - 1;
    if (left[top] === 0) {
      left.pop();
      isObject.pop();
      continue;
    }
    left[top]!--;
    if (isObject[top]) reader.skipSized(); // the key
    const tag = reader.byte();
    if (skipScalar(reader, tag)) continue;
    left.push(reader.varUint());
    isObject.push(tag === TAG.object);
    deepest = Math.max(deepest, left.length);
  }
  return deepest;
}

/** A plain value found in an update: where its bytes are, how deep it nests, and what holds it. */
interface FoundValue {
  start: number;
  end: number;
  depth: number;
  /** A sub-document's options must stay an object; any other value may become null. */
  inDocOptions: boolean;
}

/**
 * Walks the structs of a v1 update and reports every plain value that nests (a scalar is skipped
 * unreported); the delete set after them is left alone.
 */
function scanValues(update: Uint8Array, found: (value: FoundValue) => void): void {
  const reader = new Reader(update);
  const value = (inDocOptions: boolean) => {
    const start = reader.pos;
    const depth = skipAny(reader);
    if (depth > 0) found({ start, end: reader.pos, depth, inDocOptions });
  };
  const clients = reader.varUint();
  for (let c = 0; c < clients; c++) {
    const structs = reader.varUint();
    reader.varUint(); // client
    reader.varUint(); // first clock
    for (let s = 0; s < structs; s++) {
      const info = reader.byte();
      const kind = info & 0b11111;
      if (kind === GC || kind === SKIP) {
        reader.varUint(); // length
        continue;
      }
      if (info & 0x80) reader.skipId(); // origin
      if (info & 0x40) reader.skipId(); // right origin
      if ((info & 0xc0) === 0) {
        // The parent: a top-level type's name, or an item's id; then the map key, if any.
        if (reader.varUint() === 1) reader.skipSized();
        else reader.skipId();
        if (info & 0x20) reader.skipSized();
      }
      switch (kind) {
        case CONTENT.deleted:
          reader.varUint();
          break;
        case CONTENT.json: {
          // JSON text: JSON.parse does not recurse on the stack, so its depth is no danger here.
          const count = reader.varUint();
          for (let i = 0; i < count; i++) reader.skipSized();
          break;
        }
        case CONTENT.binary:
        case CONTENT.string:
        case CONTENT.embed:
          reader.skipSized();
          break;
        case CONTENT.format:
          reader.skipSized();
          reader.skipSized();
          break;
        case CONTENT.type:
          if (NAMED_TYPE_REFS.has(reader.varUint())) reader.skipSized();
          break;
        case CONTENT.any: {
          const count = reader.varUint();
          for (let i = 0; i < count; i++) value(false);
          break;
        }
        case CONTENT.doc:
          reader.skipSized(); // guid
          value(true);
          break;
        default:
          throw new MalformedUpdate(`unknown content kind ${kind}`);
      }
    }
  }
}

/**
 * How deeply the most nested plain value of a Yjs update (v1) nests: 0 for an update of scalars and
 * text, 1 for `{ a: 1 }`. Never recurses, whatever the depth. Throws an Error when the bytes are not an
 * update.
 */
export function updateValueDepth(update: Uint8Array): number {
  let deepest = 0;
  scanValues(update, (v) => {
    deepest = Math.max(deepest, v.depth);
  });
  return deepest;
}

/**
 * The update with every plain value nested deeper than `maxDepth` replaced by null (a sub-document's
 * options by `{}`), so that Yjs can decode it and the rest of the board still loads; the very same array
 * when nothing was too deep. The item keeps its id and length, so the document's history is unchanged:
 * only that value reads differently on this replica, and readers ignore a null where they expect data.
 * An update it cannot read is returned as it is (Yjs then refuses it as before).
 */
export function limitValueDepth(update: Uint8Array, maxDepth = MAX_VALUE_DEPTH): Uint8Array {
  const tooDeep: FoundValue[] = [];
  try {
    scanValues(update, (v) => {
      if (v.depth > maxDepth) tooDeep.push(v);
    });
  } catch (e) {
    if (e instanceof MalformedUpdate) return update;
    throw e;
  }
  if (tooDeep.length === 0) return update;
  const NULL = [TAG.null];
  const EMPTY_OBJECT = [TAG.object, 0];
  let size = update.length;
  for (const v of tooDeep) size -= v.end - v.start - (v.inDocOptions ? EMPTY_OBJECT : NULL).length;
  const out = new Uint8Array(size);
  let from = 0;
  let to = 0;
  for (const v of tooDeep) {
    out.set(update.subarray(from, v.start), to);
    to += v.start - from;
    const replacement = v.inDocOptions ? EMPTY_OBJECT : NULL;
    out.set(replacement, to);
    to += replacement.length;
    from = v.end;
  }
  out.set(update.subarray(from), to);
  return out;
}
