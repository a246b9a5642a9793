import { inflateSync } from 'node:zlib';

/**
 * Reads the pages and text of a PDF that Chromium printed (Skia's PDF writer), so the browser tests can
 * check a printed report without a PDF tool on the machine. It understands what Skia writes, not every
 * PDF: plain (not compressed) object headers, Flate-compressed streams, Type0 fonts with a ToUnicode map,
 * text shown with Tj and TJ. Each text object (BT ... ET) becomes one line; ligatures become their letters.
 */

export interface PdfText {
  /** The text of each page, in page order. */
  pages: string[];
  /** Each page's size in points (1/72 inch), from its MediaBox. */
  sizes: { width: number; height: number }[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<string, PdfObject> {
  const objects = new Map<string, PdfObject>();
  const text = pdf.toString('latin1');
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const at = body.search(/>>\s*stream\r?\n/);
    if (at < 0) {
      objects.set(match[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at + 2);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
    const dataStart = start + at + /^>>\s*stream\r?\n/.exec(body.slice(at))![0].length;
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/Filter \/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(match[1]!, { dict, stream: data });
    header.lastIndex = end;
  }
  return objects;
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** A ToUnicode CMap as code (4 hex digits) -> text. */
function readCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(code!.toUpperCase(), utf16(unicode!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const ranges = block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g);
    for (const [, from, to, target] of ranges) {
      const first = parseInt(from!, 16);
      const last = parseInt(to!, 16);
      const list = target!.startsWith('[')
        ? [...target!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => m[1]!)
        : null;
      for (let code = first; code <= last; code++) {
        const key = code.toString(16).toUpperCase().padStart(from!.length, '0');
        if (list) map.set(key, utf16(list[code - first] ?? ''));
        else {
          const base = Buffer.from(target!.slice(1, -1), 'hex');
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + code - first, base.length - 2);
          map.set(key, base.swap16().toString('utf16le'));
        }
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];

/** The pages of a PDF printed by Chromium, each as its text. */
export function pdfText(pdf: Buffer): PdfText {
  const objects = readObjects(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pagesId = catalog && ref(catalog.dict, 'Pages');
  const kids = pagesId ? /\/Kids \[([^\]]*)\]/.exec(objects.get(pagesId)?.dict ?? '')?.[1] : undefined;
  if (!kids) throw new Error('no page tree in this PDF');
  const cmaps = new Map<string, Map<string, string>>();
  const fontMap = (fontId: string) => {
    let map = cmaps.get(fontId);
    if (!map) {
      const toUnicode = ref(objects.get(fontId)?.dict ?? '', 'ToUnicode');
      map = readCMap(toUnicode ? (objects.get(toUnicode)?.stream?.toString('latin1') ?? '') : '');
      cmaps.set(fontId, map);
    }
    return map;
  };
  const pageDicts = [...kids.matchAll(/(\d+) 0 R/g)].map(([, pageId]) => objects.get(pageId!)!.dict);
  const sizes = pageDicts.map((page) => {
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
    return { width: (box[2] ?? NaN) - (box[0] ?? NaN), height: (box[3] ?? NaN) - (box[1] ?? NaN) };
  });
  const pages = pageDicts.map((page) => {
    const fonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(page)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    const content = objects.get(ref(page, 'Contents') ?? '')?.stream?.toString('latin1') ?? '';
    const lines: string[] = [];
    let line = '';
    let map = new Map<string, string>();
    const show = (hex: string) => {
      for (let i = 0; i + 4 <= hex.length; i += 4) line += map.get(hex.slice(i, i + 4).toUpperCase()) ?? '';
    };
    const ops = /\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[((?:[^\]])*)\] TJ|\bET\b/g;
    for (const [op, font, hex, array] of content.matchAll(ops)) {
      if (font !== undefined) map = fontMap(fonts.get(font) ?? '');
      else if (hex !== undefined) show(hex);
      else if (array !== undefined) for (const [, part] of array.matchAll(/<([0-9A-Fa-f]*)>/g)) show(part!);
      else if (op === 'ET') {
        if (line) lines.push(line);
        line = '';
      }
    }
    // Ligatures (ﬁ, ﬀ) as the letters they join, as a reader (and a search) takes them.
    return lines.join('\n').normalize('NFKC');
  });
  return { pages, sizes };
}

/** Text without any white space, for finding a phrase however the page wrapped it. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
