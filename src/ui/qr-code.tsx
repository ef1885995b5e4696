/**
 * A QR code drawn as SVG elements from uqr's module matrix. uqr can also return an SVG string, but
 * Grantscope renders no markup from strings; building the elements keeps that rule without exception.
 */
import { encode } from 'uqr';

export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const { data } = encode(text, { border: 2 });
  const n = data.length;
  return (
    <svg class="qr" viewBox={`0 0 ${n} ${n}`} width={size} height={size} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      {data.flatMap((row, y) => row.map((dark, x) => (dark ? <rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} fill="#000" /> : null)))}
    </svg>
  );
}
