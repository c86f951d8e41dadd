/**
 * One state machine: its graph and its executions, newest first, filtered by status, redrive and name, paged.
 * The list refreshes every 10 s and on demand (listing is heavier than describing, so not every second). Failed,
 * timed out and aborted executions can be selected and redriven together.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, describeError, type ShownError } from '../api';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { EXECUTION_STATUSES, ExecutionsTable } from '../components/ExecutionsTable';
import { Field } from '../components/Field';
import { FilterSelect } from '../components/FilterSelect';
import { Pager, usePager } from '../components/Pager';
import { RedriveSelected } from '../components/RedriveSelected';
import { StateGraph } from '../components/StateGraph';
import { formatDate } from '../lib/format';
import { buildGraph } from '../lib/graph-model';
import { usePolling } from '../lib/use-polling';
import { useRedriveSelection } from '../lib/use-redrive-selection';
import type { ExecutionList, StateMachine } from '../types';

const REDRIVE_FILTERS = [
  ['REDRIVEN', 'Redriven'],
  ['NOT_REDRIVEN', 'Not redriven'],
] as const;

function StateMachineFields({ machine }: { machine: StateMachine }) {
  return (
    <dl className="fields">
      <Field label="ARN">
        <span className="arn">{machine.stateMachineArn}</span>
      </Field>
      <Field label="Type">{machine.type}</Field>
      <Field label="Created">{formatDate(machine.creationDate)}</Field>
      <Field label="Role">
        <span className="arn">{machine.roleArn}</span>
      </Field>
    </dl>
  );
}

export function StateMachinePage({ arn }: { arn: string }) {
  const [machine, setMachine] = useState<StateMachine>();
  const [status, setStatus] = useState('');
  const [redriveFilter, setRedriveFilter] = useState('');
  const [nameInput, setNameInput] = useState('');
  const [name, setName] = useState('');
  const pager = usePager();
  const [list, setList] = useState<ExecutionList>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ShownError>();
  usePolling(
    async (isStale) => {
      try {
        const described = await api.stateMachine(arn);
        if (!isStale()) setMachine(described);
      } catch (e) {
        if (!isStale()) setError(describeError(e));
      }
      return 60_000;
    },
    [arn],
  );
  const refresh = usePolling(
    async (isStale) => {
      setLoading(true);
      try {
        const page = await api.executions({
          stateMachineArn: arn,
          status,
          redriveFilter,
          name,
          maxResults: 25,
          nextToken: pager.token,
        });
        if (isStale()) return 0;
        setList(page);
        setError(undefined);
      } catch (e) {
        if (!isStale()) setError(describeError(e));
      } finally {
        if (!isStale()) setLoading(false);
      }
      return 10_000;
    },
    [arn, status, redriveFilter, name, pager.token],
  );
  const graph = useMemo(() => {
    if (!machine) return undefined;
    try {
      return buildGraph(JSON.parse(machine.definition) as object);
    } catch {
      return undefined;
    }
  }, [machine]);

  const redrive = useRedriveSelection(list, refresh);

  const search = (event: FormEvent) => {
    event.preventDefault();
    pager.reset();
    setName(nameInput.trim());
  };

  return (
    <main>
      <div className="toolbar">
        <h1>{machine?.name ?? arn.split(':').pop()}</h1>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {machine && <StateMachineFields machine={machine} />}
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
        <Notice text={redrive.notice} onDismiss={redrive.dismissNotice} />
        {redrive.refusals.map((refusal) => (
          <ErrorBanner key={refusal.message} error={refusal} onDismiss={() => redrive.dismissRefusal(refusal)} />
        ))}
        <ExecutionsTable executions={list?.executions ?? []} loading={loading} selection={redrive.selection} />
        <Pager pager={pager} nextToken={list?.nextToken} />
      </section>
      {graph && (
        <section>
          <h2>Definition</h2>
          <StateGraph model={graph} />
        </section>
      )}
    </main>
  );
}
