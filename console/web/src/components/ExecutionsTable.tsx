/**
 * A page of executions (of a state machine, or the children of a Map Run), each linking to its details (an Express
 * child's are read from its logs). With a selection, executions that closed unsuccessfully get a check box (the
 * state machine's list: redrive them).
 */
import { formatDate } from '../lib/format';
import { executionHref } from '../router';
import type { ExecutionListItem } from '../types';
import { StatusBadge } from './StatusBadge';

export interface ExecutionSelection {
  selected: ReadonlySet<string>;
  toggle(executionArn: string): void;
}

/** Executions a redrive may take up: FAILED, TIMED_OUT or ABORTED (the redrive itself says if one cannot be). */
export const closedUnsuccessfully = (e: ExecutionListItem) => ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(e.status);

export function ExecutionsTable({
  executions,
  loading,
  selection,
}: {
  executions: readonly ExecutionListItem[];
  loading: boolean;
  selection?: ExecutionSelection;
}) {
  const columns = selection ? 6 : 5;
  return (
    <table className="table" data-testid="executions-table" aria-busy={loading}>
      <thead>
        <tr>
          {selection && <th aria-label="Select" />}
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
            <td colSpan={columns} className="muted">
              {loading ? 'Loading…' : 'No executions'}
            </td>
          </tr>
        )}
        {executions.map((e) => (
          <tr key={e.executionArn} data-execution={e.name}>
            {selection && (
              <td>
                {closedUnsuccessfully(e) && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${e.name}`}
                    checked={selection.selected.has(e.executionArn)}
                    onChange={() => selection.toggle(e.executionArn)}
                  />
                )}
              </td>
            )}
            <td>
              <a href={executionHref(e.executionArn)}>{e.name}</a>
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
