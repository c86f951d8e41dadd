/** Express executions read from their logs (name, status, dates, duration), each linking to its details. */
import { formatDate, formatDuration } from '../lib/format';
import { href } from '../router';
import type { ExpressExecutionItem } from '../types';
import { StatusBadge } from './StatusBadge';

function duration(e: ExpressExecutionItem): string {
  return e.stopDate ? formatDuration(new Date(e.stopDate).getTime() - new Date(e.startDate).getTime()) : '–';
}

export function ExpressExecutionsTable({
  executions,
  loading,
}: {
  executions: readonly ExpressExecutionItem[];
  loading: boolean;
}) {
  return (
    <table className="table" data-testid="express-executions-table" aria-busy={loading}>
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Started</th>
          <th>Stopped</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {executions.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {loading ? 'Loading…' : 'No executions logged in this time range'}
            </td>
          </tr>
        )}
        {executions.map((e) => (
          <tr key={e.executionArn} data-execution={e.name}>
            <td>
              <a href={href('expressExecution', e.executionArn)}>{e.name}</a>
            </td>
            <td>
              <StatusBadge status={e.status} />
            </td>
            <td className="nowrap">{formatDate(e.startDate)}</td>
            <td className="nowrap">{formatDate(e.stopDate)}</td>
            <td className="nowrap">{duration(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
