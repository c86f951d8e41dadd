/**
 * A STANDARD state machine's executions, newest first, filtered by status, redrive and name, paged. The list
 * refreshes every 10 s and on demand (listing is heavier than describing, so not every second). Failed, timed out
 * and aborted executions can be selected and redriven together.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { usePolledRead } from '../lib/use-polled-read';
import { useRedriveSelection } from '../lib/use-redrive-selection';
import { ErrorBanner, Notice } from './ErrorBanner';
import { EXECUTION_STATUSES, ExecutionsTable } from './ExecutionsTable';
import { FilterSelect } from './FilterSelect';
import { Pager, usePager } from './Pager';
import { RedriveSelected } from './RedriveSelected';

const REDRIVE_FILTERS = [
  ['REDRIVEN', 'Redriven'],
  ['NOT_REDRIVEN', 'Not redriven'],
] as const;

export function StandardExecutionsSection({ arn }: { arn: string }) {
  const [status, setStatus] = useState('');
  const [redriveFilter, setRedriveFilter] = useState('');
  const [nameInput, setNameInput] = useState('');
  const [name, setName] = useState('');
  const pager = usePager();
  const {
    data: list,
    loading,
    error,
    dismissError,
    refresh,
  } = usePolledRead(
    () =>
      api.executions({
        stateMachineArn: arn,
        status,
        redriveFilter,
        name,
        maxResults: 25,
        nextToken: pager.token,
      }),
    [arn, status, redriveFilter, name, pager.token],
    10_000,
  );
  const redrive = useRedriveSelection(list, refresh);

  const search = (event: FormEvent) => {
    event.preventDefault();
    pager.reset();
    setName(nameInput.trim());
  };

  return (
    <section>
      <div className="toolbar">
        <h2>Executions</h2>
        <form className="filters" onSubmit={search}>
          <FilterSelect
            label="Status"
            value={status}
            allLabel="All statuses"
            options={EXECUTION_STATUSES}
            pager={pager}
            onChange={setStatus}
          />
          <FilterSelect
            label="Redrive filter"
            value={redriveFilter}
            allLabel="Redriven or not"
            options={REDRIVE_FILTERS}
            pager={pager}
            onChange={setRedriveFilter}
          />
          <input
            type="search"
            placeholder="Search by name"
            aria-label="Search by name"
            value={nameInput}
            onChange={(e) => setNameInput(e.target.value)}
          />
          <button type="submit">Search</button>
          <button type="button" onClick={refresh}>
            Refresh
          </button>
        </form>
        <RedriveSelected executions={redrive.selectedItems} onDone={redrive.onRedriven} />
      </div>
      <ErrorBanner error={error} onDismiss={dismissError} />
      <Notice text={redrive.notice} onDismiss={redrive.dismissNotice} />
      {redrive.refusals.map((refusal) => (
        <ErrorBanner key={refusal.message} error={refusal} onDismiss={() => redrive.dismissRefusal(refusal)} />
      ))}
      <ExecutionsTable executions={list?.executions ?? []} loading={loading} selection={redrive.selection} />
      <Pager pager={pager} nextToken={list?.nextToken} />
    </section>
  );
}
