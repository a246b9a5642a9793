import { isValidElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSampleNotes, boardMarkdown, createBoard, readBoard } from '@shared';
import { fileBaseName } from './download';
import { renderMarkdown } from './markdown';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A small static serialiser of the element trees the renderer builds (tags, scope, style, data-state). */
function toHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (!isValidElement(node) || typeof node.type !== 'string') throw new Error('unexpected node');
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  let attrs = '';
  if (typeof props.className === 'string') attrs += ` class="${props.className}"`;
  if (typeof props.scope === 'string') attrs += ` scope="${props.scope}"`;
  const style = props.style as { textAlign?: string } | undefined;
  if (style?.textAlign) attrs += ` style="text-align:${style.textAlign}"`;
  if (typeof props['data-state'] === 'string') attrs += ` data-state="${escapeHtml(props['data-state'])}"`;
  if (node.type === 'br') return '<br/>';
  return `<${node.type}${attrs}>${toHtml(props.children)}</${node.type}>`;
}

const html = (md: string) => toHtml(renderMarkdown(md));

describe('renderMarkdown', () => {
  it('renders headings, paragraphs and lists, undoing escapes', () => {
    expect(html('# A \\*board\\*\n\nSome\ntext.\n\n- one\n- two \\| three\n\n### Sub')).toBe(
      '<h1>A *board*</h1><p>Some text.</p><ul><li>one</li><li>two | three</li></ul><h3>Sub</h3>',
    );
  });

  it('renders pipe tables with header cells, row headers, alignment and <br> in cells', () => {
    const out = html(
      '| layer | score | a |\n|---|--:|---|\n| Devices | 50% | x<br>y |\n| Cloud \\| edge | 0% | – |',
    );
    expect(out).toContain('<th scope="col" style="text-align:right">score</th>');
    expect(out).toContain('<th scope="row">Devices</th>');
    expect(out).toContain('<td data-state="x&lt;br&gt;y">x<br/>y</td>');
    expect(out).toContain('<th scope="row">Cloud | edge</th>');
    expect(out.match(/<tr>/g)).toHaveLength(3);
    // A right-aligned first column (a rank) is right-aligned in its row headers too.
    expect(html('| rank | note |\n|--:|---|\n| 1 | a |')).toContain(
      '<th scope="row" style="text-align:right">1</th>',
    );
  });

  it('never turns note text into markup', () => {
    const out = html('- <img src=x onerror=alert(1)> \\<script\\>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;img');
  });

  it('renders the whole report of a board: one h2 per layer plus gaps, dependencies, votes and roadmap', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: 'Report <b>', createdAt: 1 }, 'test');
    addSampleNotes(doc, 60, 'test', 1);
    const out = html(boardMarkdown(readBoard(doc)));
    expect(out.match(/<h2>/g)).toHaveLength(9);
    expect(out.match(/<table>/g)).toHaveLength(2);
    expect(out).toContain('<h1>Report &lt;b&gt;</h1>');
  });
});

describe('fileBaseName', () => {
  it('keeps safe characters only and never answers an empty name', () => {
    expect(fileBaseName('Vineyard: pilot / 2026?')).toBe('Vineyard-pilot-2026');
    expect(fileBaseName('Café Ørsted')).toBe('Cafe-rsted');
    expect(fileBaseName('../../etc')).toBe('etc');
    expect(fileBaseName('   ')).toBe('board');
    expect(fileBaseName('x'.repeat(300))).toHaveLength(80);
  });
});
