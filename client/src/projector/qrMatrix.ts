import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** One SVG path of every dark module, one unit square each, in module coordinates. */
  path: string;
}

/**
 * The QR code of a text as one SVG path: crisp at any size on a projector, with no image to load.
 * Medium error correction, so a code read across a room from a slightly blurred screen still scans.
 */
export function qrMatrix(text: string): QrMatrix {
  if (!text) throw new Error('a QR code needs a text to encode');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      // One horizontal run of dark modules per rectangle keeps the path short.
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}
