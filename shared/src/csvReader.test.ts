import { describe, expect, it } from 'vitest';
import { guessCsvDelimiter, readCsv } from './csvReader';

const fields = (text: string, delimiter?: ',' | ';' | '\t') => {
  const read = readCsv(text, delimiter);
  if (!read.ok) throw new Error(read.problem);
  return read.records.map((r) => r.fields);
};

describe('readCsv', () => {
  it('reads plain fields with any line end, and no line end at the close', () => {
    expect(fields('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
    expect(fields('a,b\r\n')).toEqual([['a', 'b']]);
    expect(fields('')).toEqual([]);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks, kept as written', () => {
    expect(fields('"a, b","say ""hi""","one\r\ntwo",""\n')).toEqual([['a, b', 'say "hi"', 'one\r\ntwo', '']]);
    // A quote inside an unquoted field is text.
    expect(fields('5" screen,x')).toEqual([['5" screen', 'x']]);
  });

  it('keeps empty fields, also a trailing one, and skips empty lines', () => {
    expect(fields('a,,c,\n\n\r\nd,e,f,g')).toEqual([
      ['a', '', 'c', ''],
      ['d', 'e', 'f', 'g'],
    ]);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const read = readCsv('h1,h2\r\n"multi\r\nline\nfield",x\r\n\r\nlast,y\r\n');
    expect(read.ok && read.records.map((r) => r.line)).toEqual([1, 2, 6]);
  });

  it('names the line of a quoted field that never closes, or runs on after its quote', () => {
    expect(readCsv('a,b\nc,"open\nstill open')).toEqual({
      ok: false,
      line: 2,
      problem: 'a quoted field is never closed (a " is missing)',
    });
    const runOn = readCsv('a,b\n"x"y,z');
    expect(runOn.ok).toBe(false);
    expect(!runOn.ok && runOn.line).toBe(2);
  });

  it('reads other delimiters', () => {
    expect(fields('a;"b;c"\n1;2', ';')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
    expect(fields('a\tb', '\t')).toEqual([['a', 'b']]);
  });
});

describe('guessCsvDelimiter', () => {
  const columns = ['layer', 'area', 'kind', 'text'];
  it('picks the delimiter that splits the header into the known columns', () => {
    expect(guessCsvDelimiter('layer,area,kind,text\n', columns)).toBe(',');
    expect(guessCsvDelimiter('Layer;Area;Kind;Text\r\ncloud;data;idea;"a, b"', columns)).toBe(';');
    expect(guessCsvDelimiter('layer\tarea\tkind\ttext', columns)).toBe('\t');
    expect(guessCsvDelimiter('no header here', columns)).toBe(',');
  });
});
