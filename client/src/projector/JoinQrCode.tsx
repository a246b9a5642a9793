import { useMemo } from 'react';
import { qrMatrix } from './qrMatrix';

/** The quiet zone scanners need around a code, in modules. */
const QUIET = 4;

/** A QR code of the join link, drawn as SVG; `data-qr-text` holds what it encodes. */
export function JoinQrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrMatrix(text), [text]);
  const side = size + 2 * QUIET;
  return (
    <svg
      className="join-qr"
      viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
      role="img"
      aria-label={label}
      data-qr-text={text}
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
