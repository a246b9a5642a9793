import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from './qrMatrix';

/** Reads the path back into a grid, to compare with the library's own modules. */
function darkCells(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe('qrMatrix', () => {
  const text = 'https://board.example/b/0123456789abcdef0123456789abcdef#edit=abc.def-ghi_jkl';

  it('draws exactly the dark modules of the QR code of the text', () => {
    const { size, path } = qrMatrix(text);
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    const grid = darkCells(path, size);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++)
        expect(grid[row]![col], `${row},${col}`).toBe(!!modules.get(row, col));
    }
  });

  it('starts with the finder pattern in the top-left corner (a 7-module dark run)', () => {
    expect(qrMatrix(text).path.startsWith('M0 0h7v1h-7z')).toBe(true);
  });

  it('refuses an empty text', () => {
    expect(() => qrMatrix('')).toThrow(/needs a text/);
  });
});
