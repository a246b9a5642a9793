/**
 * A CSV reader (RFC 4180, plus what spreadsheets write in practice): fields separated by a comma, a
 * semicolon or a tab, quoted with `"` when they hold one of those, a quote (doubled) or a line break;
 * records ended by CRLF, LF or a lone CR. Every record keeps the line of the file it starts on, so that
 * problems can name it even when a quoted field spans several lines.
 */

export interface CsvRecord {
  /** The 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; problem: string };

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Reads `text` (without a byte-order mark) into records. A line holding nothing is skipped; a quote
 * opens a quoted field only at the start of a field (elsewhere it is text). Fails, naming the line,
 * on a quoted field that is never closed or that goes on after its closing quote.
 */
export function readCsv(text: string, delimiter: CsvDelimiter = ','): CsvRead {
  const sep = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  /** Skips the line break at i (CRLF, LF or CR); true when there was one. */
  const lineBreak = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) {
      i++;
    } else return false;
    line++;
    return true;
  };
  if (n === 0) return { ok: true, records };
  for (;;) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      const fieldLine = line;
      let value = '';
      let from = ++i;
      for (;;) {
        if (i >= n) {
          return { ok: false, line: fieldLine, problem: 'a quoted field is never closed (a " is missing)' };
        }
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          value += text.slice(from, i);
          i++;
          break;
        }
        if (c === CR) {
          // A line break inside quotes belongs to the field; count it, keep it as it was written.
          if (text.charCodeAt(i + 1) === LF) i++;
          line++;
        } else if (c === LF) line++;
        i++;
      }
      fields.push(value);
      if (i >= n) {
        endRecord();
        break;
      }
      const after = text.charCodeAt(i);
      if (after === sep) {
        i++;
        continue;
      }
      if (lineBreak()) {
        endRecord();
        recordLine = line;
        if (i >= n) break;
        continue;
      }
      return {
        ok: false,
        line,
        problem: `a quoted field goes on after its closing quote (put the whole field in quotes, and double every " inside it)`,
      };
    }
    // An unquoted field: up to the next separator or line break.
    const from = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === sep || c === CR || c === LF) break;
      i++;
    }
    fields.push(text.slice(from, i));
    if (i >= n) {
      endRecord();
      break;
    }
    if (text.charCodeAt(i) === sep) {
      i++;
      if (i >= n) {
        fields.push('');
        endRecord();
        break;
      }
      continue;
    }
    lineBreak();
    endRecord();
    recordLine = line;
    if (i >= n) break;
  }
  return { ok: true, records };
}

/** The fields of the first line of `text`, split by `delimiter` (quotes honoured), for guessing it. */
function firstLineFields(text: string, delimiter: CsvDelimiter): string[] {
  const read = readCsv(firstRecordText(text), delimiter);
  return read.ok ? (read.records[0]?.fields ?? []) : [];
}

/** The text of the first record: up to the first line break outside quotes. */
function firstRecordText(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === CR || c === LF)) return text.slice(0, i);
  }
  return text;
}

/**
 * The delimiter of a CSV file with a header row: the one that splits the header into the most of
 * `columns` (case and spaces ignored), else the one that splits it into the most fields; a comma when
 * nothing tells. Spreadsheets set to many European languages save with semicolons.
 */
export function guessCsvDelimiter(text: string, columns: readonly string[]): CsvDelimiter {
  const wanted = new Set(columns.map((c) => c.toLowerCase()));
  let best: CsvDelimiter = ',';
  let bestScore = [-1, -1];
  for (const delimiter of CSV_DELIMITERS) {
    const fields = firstLineFields(text, delimiter);
    const known = fields.filter((f) => wanted.has(f.trim().toLowerCase())).length;
    const score = [known, fields.length];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
