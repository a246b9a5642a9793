import type { CloseName } from '@shared';
import * as Y from 'yjs';

/**
 * Thrown while handling a connection's message for input it must not send: the room closes that
 * connection with `close` (and nothing else happens).
 */
export class RefusedInput extends Error {
  constructor(
    readonly close: CloseName,
    message: string,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when JSON text nests objects and arrays more than `max` deep. Reads the text once, without
 * parsing or recursing, so it is safe on any input: run it before the text is parsed, because what a
 * parser accepts (V8's JSON.parse has no depth limit) a recursive walk later (JSON.stringify, a deep
 * comparison) may not survive. Invalid JSON is the parser's to reject.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  // Each level takes at least two characters.
  if (text.length <= 2 * max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** A container a decoded value may hold more values in (binary data is a leaf). */
function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}

/**
 * True when a decoded value (as lib0's readAny or JSON.parse makes it) nests objects and arrays more
 * than `max` deep; the value itself counts as the first level. Iterative, and stops at the first value
 * past the limit.
 */
export function valueNestingExceeds(value: unknown, max: number): boolean {
  if (!isContainer(value)) return false;
  const stack: [object, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [container, depth] = next;
    if (depth > max) return true;
    for (const inner of Array.isArray(container) ? container : Object.values(container)) {
      if (isContainer(inner)) stack.push([inner, depth + 1]);
    }
  }
  return false;
}

/** The values an item of a decoded update carries that a client may walk recursively. */
function valuesOf(content: Y.Item['content']): readonly unknown[] {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return [content.embed];
  if (content instanceof Y.ContentFormat) return [content.value];
  if (content instanceof Y.ContentDoc) return [content.opts];
  return [];
}

/**
 * Checks a document update (V1, as the y-websocket protocol sends it) before it is applied: an update
 * that cannot be decoded is malformed, and so is one holding a value (a map or array entry, an embed, a
 * text format, a subdocument's options) nested deeper than `maxDepth`. Decoding costs about what
 * applying does (a few microseconds for a note edit), and nothing is applied when it throws.
 */
export function checkDocumentUpdate(update: Uint8Array, maxDepth: number): void {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    ({ structs } = Y.decodeUpdate(update));
  } catch (err) {
    // A RangeError here is a value too deep for the decoder's own recursion: still the sender's fault.
    throw new RefusedInput('malformed', `undecodable update: ${String(err)}`);
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const value of valuesOf(struct.content)) {
      if (valueNestingExceeds(value, maxDepth)) {
        throw new RefusedInput('malformed', `a value nested deeper than ${maxDepth} levels`);
      }
    }
  }
}
