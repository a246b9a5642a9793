/**
 * Where JSON text goes wrong, for a message that names the line and column: JSON.parse's own messages
 * give a position only for some errors, and differ between engines. Iterative (a stack of open
 * containers), so any depth is safe; only run once JSON.parse has failed.
 */

// JSON strings may not hold control characters (U+0000 to U+001F) unescaped.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const SPACE = /[ \t\n\r]*/y;

export interface JsonError {
  /** Index of the first character that cannot be there (the text's length when it ends too soon). */
  position: number;
  /** What was wrong there, in plain words. */
  problem: string;
}

function match(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** The first error in `text` as JSON, or null when it is valid. */
export function jsonErrorAt(text: string): JsonError | null {
  /** The open containers, innermost last: true for an object. */
  const open: boolean[] = [];
  let i = 0;
  let expecting: 'value' | 'key' | 'colon' | 'next' = 'value';
  let justOpened = false;
  const skipSpace = () => {
    i = match(SPACE, text, i);
  };
  const found = (problem: string): JsonError =>
    i >= text.length
      ? { position: text.length, problem: 'the file ends in the middle of a value' }
      : { position: i, problem };
  for (;;) {
    skipSpace();
    const c = text[i];
    if (expecting === 'value') {
      if (justOpened && c === ']' && open[open.length - 1] === false) {
        open.pop();
        i++;
        expecting = 'next';
        justOpened = false;
        continue;
      }
      justOpened = false;
      if (c === '{' || c === '[') {
        open.push(c === '{');
        i++;
        justOpened = true;
        expecting = c === '{' ? 'key' : 'value';
        continue;
      }
      const end =
        c === '"'
          ? match(STRING, text, i)
          : c === 't' || c === 'f' || c === 'n'
            ? match(LITERAL, text, i)
            : match(NUMBER, text, i);
      if (end < 0)
        return found(
          c === '"'
            ? 'a text is not closed or holds a character it must escape'
            : `a value cannot start with ${JSON.stringify(c)}`,
        );
      i = end;
      expecting = 'next';
      continue;
    }
    if (expecting === 'key') {
      if (justOpened && c === '}') {
        open.pop();
        i++;
        expecting = 'next';
        justOpened = false;
        continue;
      }
      justOpened = false;
      const end = c === '"' ? match(STRING, text, i) : -1;
      if (end < 0) return found('a name in double quotes must come here');
      i = end;
      expecting = 'colon';
      continue;
    }
    if (expecting === 'colon') {
      if (c !== ':') return found('a ":" must follow the name');
      i++;
      expecting = 'value';
      continue;
    }
    // After a value.
    if (open.length === 0)
      return i >= text.length ? null : found('more text follows the end of the JSON value');
    const inObject = open[open.length - 1]!;
    if (c === ',') {
      i++;
      skipSpace();
      const after = text[i];
      if (after === '}' || after === ']') return found(`a "," cannot come before "${after}"`);
      expecting = inObject ? 'key' : 'value';
      continue;
    }
    if (c === (inObject ? '}' : ']')) {
      open.pop();
      i++;
      continue;
    }
    return found(`a "," or "${inObject ? '}' : ']'}" must come here`);
  }
}
