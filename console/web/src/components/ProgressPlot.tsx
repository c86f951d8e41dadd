/** Items finished over time, as seen by this page (one sample per poll): a small SVG line chart. */
import { formatDuration } from '../lib/format';

export interface ProgressSample {
  at: number;
  finished: number;
  total: number;
}

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { left: 56, right: 12, top: 10, bottom: 26 };

export function ProgressPlot({ samples }: { samples: readonly ProgressSample[] }) {
  if (samples.length < 2) {
    return <p className="muted">The plot fills in while this page watches the Map Run.</p>;
  }
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const span = Math.max(last.at - first.at, 1);
  const top = Math.max(last.total, ...samples.map((s) => s.finished), 1);
  const x = (at: number) => PAD.left + ((at - first.at) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (n: number) => HEIGHT - PAD.bottom - (n / top) * (HEIGHT - PAD.top - PAD.bottom);
  const line = samples
    .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.at).toFixed(1)},${y(s.finished).toFixed(1)}`)
    .join(' ');
  const area = `${line} L${x(last.at).toFixed(1)},${y(0)} L${x(first.at).toFixed(1)},${y(0)} Z`;
  return (
    <svg className="plot" width={WIDTH} height={HEIGHT} role="img" aria-label="Items finished over time">
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top)} y2={y(top)} className="plot-grid" />
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="plot-axis" />
      <path d={area} className="plot-area" />
      <path d={line} className="plot-line" />
      <text x={PAD.left - 6} y={y(top) + 4} textAnchor="end" className="plot-label">
        {top.toLocaleString()}
      </text>
      <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" className="plot-label">
        0
      </text>
      <text x={PAD.left} y={HEIGHT - 6} className="plot-label">
        {new Date(first.at).toLocaleTimeString(undefined, { hour12: false })}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="plot-label">
        +{formatDuration(span)}
      </text>
    </svg>
  );
}
