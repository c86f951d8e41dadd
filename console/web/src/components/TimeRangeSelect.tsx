/**
 * The time range of the Express executions list, as Step Functions' console offers it: a span ending now (the last
 * 3 hours by default), or a custom one between two dates.
 */
import { useState } from 'react';

export type TimeRange = { kind: 'last'; ms: number } | { kind: 'between'; startTime: number; endTime: number };

const HOUR = 60 * 60 * 1000;
export const DEFAULT_TIME_RANGE: TimeRange = { kind: 'last', ms: 3 * HOUR };

const SPANS: readonly (readonly [number, string])[] = [
  [15 * 60 * 1000, 'Last 15 minutes'],
  [HOUR, 'Last hour'],
  [3 * HOUR, 'Last 3 hours'],
  [12 * HOUR, 'Last 12 hours'],
  [24 * HOUR, 'Last day'],
  [3 * 24 * HOUR, 'Last 3 days'],
  [7 * 24 * HOUR, 'Last week'],
];

/** Epoch milliseconds of the range, now. */
export function rangeTimes(range: TimeRange): { startTime: number; endTime: number } {
  if (range.kind === 'between') return { startTime: range.startTime, endTime: range.endTime };
  const endTime = Date.now();
  return { startTime: endTime - range.ms, endTime };
}

/** `yyyy-mm-ddThh:mm` in local time, as a datetime-local input holds it. */
function localInput(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

export function TimeRangeSelect({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const [from, setFrom] = useState(() => localInput(Date.now() - 3 * HOUR));
  const [to, setTo] = useState(() => localInput(Date.now()));
  const applyBetween = (start: string, end: string) => {
    const startTime = new Date(start).getTime();
    const endTime = new Date(end).getTime();
    if (Number.isFinite(startTime) && Number.isFinite(endTime) && startTime <= endTime) {
      onChange({ kind: 'between', startTime, endTime });
    }
  };
  return (
    <span className="filters">
      <select
        aria-label="Time range"
        value={value.kind === 'last' ? String(value.ms) : 'between'}
        onChange={(e) =>
          e.target.value === 'between' ? applyBetween(from, to) : onChange({ kind: 'last', ms: Number(e.target.value) })
        }
      >
        {SPANS.map(([ms, label]) => (
          <option key={ms} value={String(ms)}>
            {label}
          </option>
        ))}
        <option value="between">Custom range</option>
      </select>
      {value.kind === 'between' && (
        <>
          <input
            type="datetime-local"
            aria-label="From"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              applyBetween(e.target.value, to);
            }}
          />
          <input
            type="datetime-local"
            aria-label="To"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              applyBetween(from, e.target.value);
            }}
          />
        </>
      )}
    </span>
  );
}
