import * as decoding from 'lib0/decoding';

/**
 * Reads the item ids of a Yjs update (format V1, what y-websocket sends) without building it: the
 * client, first clock and length of every struct, skipping origins, parents and content as bytes. That is
 * all the fan-out measurement needs, and it allocates no Item or content object per struct as
 * `Y.decodeUpdate` does, which in a 200-person room is most of the load generator's work (every
 * receiver reads every update).
 *
 * The layout follows yjs's UpdateDecoderV1 and readItemContent (src/utils/UpdateDecoder.js,
 * src/structs/Item.js): for each client, a struct count, the client, the first clock, then each struct
 * as an info byte whose low five bits give its kind (0 GC, 10 Skip, else an Item with that content
 * type) and whose high bits say whether an origin, a right origin or a parent follows. The delete set
 * after the structs is not read: deletions carry no new ids.
 *
 * Throws on a malformed update (lib0 reads past the end), as `Y.decodeUpdate` does.
 */
export function forEachStructRange(
  update: Uint8Array,
  visit: (client: number, clock: number, length: number) => void,
): void {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    const structs = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    let clock = decoding.readVarUint(decoder);
    for (let s = 0; s < structs; s++) {
      const info = decoding.readUint8(decoder);
      const kind = info & 0b11111;
      let length: number;
      if (kind === GC || kind === SKIP) {
        length = decoding.readVarUint(decoder);
      } else {
        length = skipItem(decoder, info, kind);
      }
      // A Skip is a gap in a merged update: no item of this client lies in it.
      if (kind !== SKIP) visit(client, clock, length);
      clock += length;
    }
  }
}

const GC = 0;
const SKIP = 10;
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;

const CONTENT_DELETED = 1;
const CONTENT_JSON = 2;
const CONTENT_BINARY = 3;
const CONTENT_STRING = 4;
const CONTENT_EMBED = 5;
const CONTENT_FORMAT = 6;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const CONTENT_DOC = 9;
/** Type refs of YXmlElement and YXmlHook, the two types whose content carries a name. */
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;

/** Skips one Item after its info byte; returns its length in clocks. */
function skipItem(decoder: decoding.Decoder, info: number, kind: number): number {
  if (info & HAS_ORIGIN) skipId(decoder);
  if (info & HAS_RIGHT_ORIGIN) skipId(decoder);
  // Without either origin the parent is written out: a root type's name, or the id of the item of a nested type.
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    if (decoding.readVarUint(decoder) === 1) skipString(decoder);
    else skipId(decoder);
    if (info & HAS_PARENT_SUB) skipString(decoder);
  }
  switch (kind) {
    case CONTENT_DELETED:
      return decoding.readVarUint(decoder);
    case CONTENT_JSON: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipString(decoder);
      return count;
    }
    case CONTENT_BINARY:
      skipString(decoder);
      return 1;
    case CONTENT_STRING:
      // The item's length counts UTF-16 code units, which only the decoded string tells.
      return decoding.readVarString(decoder).length;
    case CONTENT_EMBED:
      skipString(decoder);
      return 1;
    case CONTENT_FORMAT:
      skipString(decoder);
      skipString(decoder);
      return 1;
    case CONTENT_TYPE: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) skipString(decoder);
      return 1;
    }
    case CONTENT_ANY: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) decoding.readAny(decoder);
      return count;
    }
    case CONTENT_DOC:
      skipString(decoder);
      decoding.readAny(decoder);
      return 1;
    default:
      throw new Error(`unknown struct kind ${kind} in an update`);
  }
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** A var string or var byte array (same layout: a length, then bytes), skipped without decoding it. */
function skipString(decoder: decoding.Decoder): void {
  const length = decoding.readVarUint(decoder);
  // lib0 has no bulk skip: move the position directly.
  decoder.pos += length;
  if (decoder.pos > decoder.arr.length) throw new Error('unexpected end of an update');
}
