/** The Map Runs an execution started, with their status and item counts when known. */
import { formatDate } from '../lib/format';
import { href } from '../router';
import type { MapRun, MapRunListItem } from '../types';
import { StatusBadge } from './StatusBadge';

export type MapRunRow = MapRunListItem & { detail?: MapRun };

export function MapRunsTable({ rows }: { rows: readonly MapRunRow[] }) {
  return (
    <table className="table" data-testid="map-runs-table">
      <thead>
        <tr>
          <th>Map Run</th>
          <th>Status</th>
          <th>Started</th>
          <th>Items succeeded</th>
          <th>Failed</th>
          <th>Timed out</th>
          <th>Aborted</th>
          <th>Running</th>
          <th>Pending (redrive)</th>
          <th>Total</th>
          <th>Redrives</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const c = row.detail?.itemCounts;
          return (
            <tr key={row.mapRunArn} data-map-run={row.mapRunArn}>
              <td>
                <a href={href('mapRun', row.mapRunArn)}>{row.mapRunArn.split(':').slice(-2).join(':')}</a>
              </td>
              <td>{row.detail ? <StatusBadge status={row.detail.status} /> : '–'}</td>
              <td className="nowrap">{formatDate(row.startDate)}</td>
              <td className="number" data-col="succeeded">
                {c?.succeeded ?? '–'}
              </td>
              <td className="number" data-col="failed">
                {c?.failed ?? '–'}
              </td>
              <td className="number" data-col="timedOut">
                {c?.timedOut ?? '–'}
              </td>
              <td className="number" data-col="aborted">
                {c?.aborted ?? '–'}
              </td>
              <td className="number" data-col="running">
                {c?.running ?? '–'}
              </td>
              <td className="number" data-col="pending">
                {c ? `${c.pending} (${c.pendingRedrive})` : '–'}
              </td>
              <td className="number" data-col="total">
                {c?.total ?? '–'}
              </td>
              <td className="number">{row.detail?.redriveCount ?? '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
