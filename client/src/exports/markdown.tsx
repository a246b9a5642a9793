import type { ReactNode } from 'react';

/**
 * A renderer for the Markdown that shared's boardMarkdown writes: ATX headings, paragraphs, bullet lists
 * and pipe tables, with backslash escapes and `<br>` inside table cells. Builds React elements, never
 * HTML strings, so note text can never become markup.
 */

function unescape(text: string): string {
  return text.replace(/\\([\\`*_[\]<>#|])/g, '$1');
}

/** Inline text: escapes undone; `<br>` (only written between roadmap items) becomes a line break. */
function inline(text: string): ReactNode[] {
  const parts = text.split('<br>');
  const out: ReactNode[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(<br key={`br${i}`} />);
    out.push(unescape(part));
  });
  return out;
}

/** Splits a table row on pipes that are not escaped. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && i + 1 < inner.length) {
      current += ch + inner[i + 1]!;
      i++;
    } else if (ch === '|') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

const isTableRow = (line: string) => line.trimStart().startsWith('|');
const isDelimiterRow = (line: string) => /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line.trim());

export function renderMarkdown(markdown: string): ReactNode[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const key = `b${i}`;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1]!.length, 4);
      const content = inline(heading[2]!);
      blocks.push(
        level === 1 ? (
          <h1 key={key}>{content}</h1>
        ) : level === 2 ? (
          <h2 key={key}>{content}</h2>
        ) : level === 3 ? (
          <h3 key={key}>{content}</h3>
        ) : (
          <h4 key={key}>{content}</h4>
        ),
      );
      i++;
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: ReactNode[] = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i]!)) {
        items.push(<li key={i}>{inline(lines[i]!.replace(/^\s*[-*]\s+/, ''))}</li>);
        i++;
      }
      blocks.push(<ul key={key}>{items}</ul>);
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && isDelimiterRow(lines[i + 1]!)) {
      const head = cells(line);
      const align = cells(lines[i + 1]!).map((c) => (c.endsWith(':') ? 'right' : undefined));
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && isTableRow(lines[i]!)) rows.push(cells(lines[i++]!));
      blocks.push(
        <div className="report-table" key={key}>
          <table>
            <thead>
              <tr>
                {head.map((c, j) => (
                  <th key={j} scope="col" style={{ textAlign: align[j] }}>
                    {inline(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" style={{ textAlign: align[j] }}>
                        {inline(c)}
                      </th>
                    ) : (
                      <td key={j} style={{ textAlign: align[j] }} data-state={c}>
                        {inline(c)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    // A paragraph: consecutive lines that start no other block.
    const text: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^#{1,6}\s/.test(lines[i]!) &&
      !/^\s*[-*]\s+/.test(lines[i]!) &&
      !isTableRow(lines[i]!)
    ) {
      text.push(lines[i]!);
      i++;
    }
    if (text.length === 0) {
      // A stray table row without a delimiter: shown as text rather than lost.
      text.push(lines[i]!);
      i++;
    }
    blocks.push(<p key={key}>{inline(text.join(' '))}</p>);
  }
  return blocks;
}
