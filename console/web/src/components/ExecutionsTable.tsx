/** A page of executions (of a state machine, or the children of a Map Run), each linking to its details. */
import { formatDate } from '../lib/format';
import { href } from '../router';
import type { ExecutionListItem } from '../types';
import { StatusBadge } from './StatusBadge';

export function ExecutionsTable({
  executions,
  loading,
}: {
  executions: readonly ExecutionListItem[];
  loading: boolean;
}) {
  return (
    <table className="table" data-testid="executions-table" aria-busy={loading}>
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Started</th>
          <th>Stopped</th>
          <th>Redrives</th>
        </tr>
      </thead>
      <tbody>
        {executions.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {loading ? 'Loading…' : 'No executions'}
            </td>
          </tr>
        )}
        {executions.map((e) => (
          <tr key={e.executionArn} data-execution={e.name}>
            <td>
              <a href={href('execution', e.executionArn)}>{e.name}</a>
            </td>
            <td>
              <StatusBadge status={e.status} />
            </td>
            <td className="nowrap">{formatDate(e.startDate)}</td>
            <td className="nowrap">{formatDate(e.stopDate)}</td>
            <td className="number">{e.redriveCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
