/** The execution's events (type, step, time, details), filterable and paged; redrive events stand out. */
import { useMemo, useState } from 'react';
import { formatDate } from '../lib/format';
import type { HistoryEvent } from '../types';

const PAGE = 200;
const REDRIVE_EVENTS = new Set(['ExecutionRedriven', 'MapRunRedriven']);

function details(event: HistoryEvent): unknown {
  const key = Object.keys(event).find((k): k is `${string}EventDetails` => k.endsWith('EventDetails'));
  return key === undefined ? undefined : event[key];
}

function DetailsCell({ value }: { value: unknown }) {
  const [open, setOpen] = useState(false);
  if (value === undefined) return <span className="muted">–</span>;
  const oneLine = JSON.stringify(value);
  if (oneLine.length <= 140) return <code>{oneLine}</code>;
  return open ? (
    <pre onClick={() => setOpen(false)}>{JSON.stringify(value, null, 2)}</pre>
  ) : (
    <button type="button" className="link-button code" onClick={() => setOpen(true)}>
      {oneLine.slice(0, 140)}…
    </button>
  );
}

export function EventTable({
  events,
  owners,
}: {
  events: readonly HistoryEvent[];
  owners: ReadonlyMap<number, string>;
}) {
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return events;
    return events.filter(
      (e) => e.type.toLowerCase().includes(needle) || (owners.get(e.id) ?? '').toLowerCase().includes(needle),
    );
  }, [events, owners, filter]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <section>
      <div className="toolbar">
        <h2>Events ({events.length.toLocaleString()})</h2>
        <input
          type="search"
          placeholder="Filter by type or step"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setPage(0);
          }}
        />
        {pages > 1 && (
          <span className="pager">
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              ‹
            </button>
            {current + 1} / {pages}
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              ›
            </button>
          </span>
        )}
      </div>
      <table className="table events" data-testid="event-table">
        <thead>
          <tr>
            <th>ID</th>
            <th>Type</th>
            <th>Step</th>
            <th>Timestamp</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((event) => (
            <tr
              key={event.id}
              data-event-type={event.type}
              className={
                REDRIVE_EVENTS.has(event.type)
                  ? 'redrive-event'
                  : /Failed|TimedOut|Aborted/.test(event.type)
                    ? 'failure-event'
                    : ''
              }
            >
              <td className="number">{event.id}</td>
              <td>{event.type}</td>
              <td>{owners.get(event.id) ?? ''}</td>
              <td className="nowrap">{formatDate(event.timestamp)}</td>
              <td>
                <DetailsCell value={details(event)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
