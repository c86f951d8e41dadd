/** The state machines, paged, each linking to its executions. */
import { useState } from 'react';
import { api, describeError } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager, usePager } from '../components/Pager';
import { formatDate } from '../lib/format';
import { usePolling } from '../lib/use-polling';
import { href } from '../router';
import type { StateMachineListItem } from '../types';

export function StateMachinesPage() {
  const pager = usePager();
  const [data, setData] = useState<{ stateMachines: StateMachineListItem[]; nextToken?: string }>();
  const [error, setError] = useState<{ name: string; message: string }>();
  const refresh = usePolling(
    async (isStale) => {
      try {
        const page = await api.stateMachines(pager.token);
        if (isStale()) return 0;
        setData(page);
        setError(undefined);
      } catch (e) {
        if (!isStale()) setError(describeError(e));
      }
      return 15_000;
    },
    [pager.token],
  );
  return (
    <main>
      <div className="toolbar">
        <h1>State machines</h1>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={error} />
      <table className="table" data-testid="state-machines-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Created</th>
            <th>ARN</th>
          </tr>
        </thead>
        <tbody>
          {data?.stateMachines.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No state machines yet: <code>tsf create-state-machine --name … --definition file://…</code>
              </td>
            </tr>
          )}
          {data?.stateMachines.map((m) => (
            <tr key={m.stateMachineArn}>
              <td>
                <a href={href('stateMachine', m.stateMachineArn)}>{m.name}</a>
              </td>
              <td>{m.type}</td>
              <td className="nowrap">{formatDate(m.creationDate)}</td>
              <td className="arn">{m.stateMachineArn}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pager={pager} nextToken={data?.nextToken} />
    </main>
  );
}
