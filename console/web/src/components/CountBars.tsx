/** Item or child-execution counts of a Map Run: one stacked bar for the whole, one bar per status. */
import type { MapRunCounts } from '../types';

const ROWS: Array<{ key: keyof MapRunCounts; label: string }> = [
  { key: 'pending', label: 'Pending' },
  { key: 'pendingRedrive', label: 'Pending redrive' },
  { key: 'running', label: 'Running' },
  { key: 'succeeded', label: 'Succeeded' },
  { key: 'failed', label: 'Failed' },
  { key: 'timedOut', label: 'Timed out' },
  { key: 'aborted', label: 'Aborted' },
];

export function CountBars({ title, counts, testId }: { title: string; counts: MapRunCounts; testId: string }) {
  const total = Math.max(counts.total, 1);
  // pendingRedrive is a part of pending: the stacked bar shows the two apart.
  const segments = [
    { key: 'succeeded', value: counts.succeeded },
    { key: 'failed', value: counts.failed },
    { key: 'timedOut', value: counts.timedOut },
    { key: 'aborted', value: counts.aborted },
    { key: 'running', value: counts.running },
    { key: 'pendingRedrive', value: counts.pendingRedrive },
    { key: 'pending', value: Math.max(0, counts.pending - counts.pendingRedrive) },
  ];
  return (
    <section className="counts" data-testid={testId}>
      <h3>
        {title} <span className="muted">({counts.total.toLocaleString()} total)</span>
      </h3>
      <div className="stacked-bar" aria-hidden="true">
        {segments.map((s) =>
          s.value > 0 ? (
            <div key={s.key} className={`segment count-${s.key}`} style={{ width: `${(100 * s.value) / total}%` }} />
          ) : null,
        )}
      </div>
      <table className="count-table">
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.key} data-count={row.key}>
              <th>{row.label}</th>
              <td className="bar-cell">
                <div className={`bar count-${row.key}`} style={{ width: `${(100 * counts[row.key]) / total}%` }} />
              </td>
              <td className="number" data-testid={`${testId}-${row.key}`}>
                {counts[row.key].toLocaleString()}
              </td>
            </tr>
          ))}
          <tr data-count="resultsWritten">
            <th>Results written</th>
            <td />
            <td className="number">{counts.resultsWritten.toLocaleString()}</td>
          </tr>
          <tr data-count="failuresNotRedrivable">
            <th>Failures not redrivable</th>
            <td />
            <td className="number">{counts.failuresNotRedrivable.toLocaleString()}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
