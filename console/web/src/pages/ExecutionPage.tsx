/**
 * Execution Details: summary, redrive fields, the graph coloured by this execution's events, its Map Runs and its
 * events, with Recover > Redrive from failure (also Actions > Redrive), whose confirm step shows the server's plan of
 * what runs again (RedriveConfirm), and Stop. The data and its polling come from useExecution.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import { ActionMenu } from '../components/ActionMenu';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { LoadingPage } from '../components/LoadingPage';
import { EventTable } from '../components/EventTable';
import { ExecutionFailure } from '../components/ExecutionFailure';
import { Field } from '../components/Field';
import { JsonBlock } from '../components/JsonBlock';
import { MapRunsTable } from '../components/MapRunsTable';
import { RedriveConfirm } from '../components/RedriveConfirm';
import { OutcomeLegend, StateGraph } from '../components/StateGraph';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatDuration } from '../lib/format';
import { eventOwners, stateOutcomes } from '../lib/state-outcomes';
import { useExecution } from '../lib/use-execution';
import { href } from '../router';
import type { Execution } from '../types';

export function redriveBlockedReason(execution: Execution): string | undefined {
  if (execution.redriveStatus === 'REDRIVABLE') return undefined;
  if (execution.redriveStatus === 'REDRIVABLE_BY_MAP_RUN') {
    return 'A Map Run child is redriven by its Map Run: use Recover > Redrive from failure on the Map Run';
  }
  return execution.redriveStatusReason ?? `Execution is ${execution.status} and cannot be redriven`;
}

/** The execution's fields (ARNs, dates, redrive) and its error and cause. */
function ExecutionSummary({ execution }: { execution: Execution }) {
  const duration = new Date(execution.stopDate ?? Date.now()).getTime() - new Date(execution.startDate).getTime();
  return (
    <>
      <dl className="fields">
        <Field label="Execution ARN">
          <span className="arn">{execution.executionArn}</span>
        </Field>
        <Field label="State machine">
          {execution.mapRunArn ? (
            <span className="arn">{execution.stateMachineArn}</span>
          ) : (
            <a href={href('stateMachine', execution.stateMachineArn)}>{execution.stateMachineArn.split(':').pop()}</a>
          )}
        </Field>
        {execution.mapRunArn && (
          <Field label="Map Run">
            <a href={href('mapRun', execution.mapRunArn)}>{execution.mapRunArn.split(':').slice(-2).join(':')}</a>
          </Field>
        )}
        <Field label="Started">{formatDate(execution.startDate)}</Field>
        <Field label="Stopped">{formatDate(execution.stopDate)}</Field>
        <Field label="Duration">{formatDuration(duration)}</Field>
        <Field label="Redrive count" testId="redrive-count">
          {execution.redriveCount}
        </Field>
        <Field label="Last redrive">{formatDate(execution.redriveDate)}</Field>
        <Field label="Redrive status" testId="redrive-status">
          {execution.redriveStatus}
        </Field>
        {execution.redriveStatusReason && <Field label="Redrive status reason">{execution.redriveStatusReason}</Field>}
      </dl>
      <ExecutionFailure error={execution.error} cause={execution.cause} />
    </>
  );
}

export function ExecutionPage({ arn }: { arn: string }) {
  const { execution, events, eventsRead, mapRuns, graph, error, refresh } = useExecution(arn);
  const [actionError, setActionError] = useState<ShownError>();
  const [notice, setNotice] = useState<string>();
  const [dialog, setDialog] = useState<'redrive' | 'stop'>();
  const [busy, setBusy] = useState(false);
  const [stopError, setStopError] = useState('');
  const [stopCause, setStopCause] = useState('');

  useEffect(() => {
    setActionError(undefined);
    setNotice(undefined);
  }, [arn]);

  const outcomes = useMemo(
    () => (execution && eventsRead ? stateOutcomes(events, execution.status) : undefined),
    [events, eventsRead, execution],
  );
  const owners = useMemo(() => eventOwners(events), [events]);

  async function act(kind: 'redrive' | 'stop') {
    setBusy(true);
    setActionError(undefined);
    try {
      if (kind === 'redrive') {
        const { redriveDate } = await api.redrive(arn);
        setNotice(`Redrive started at ${formatDate(redriveDate)}`);
      } else {
        const { stopDate } = await api.stop(arn, {
          ...(stopError ? { error: stopError } : {}),
          ...(stopCause ? { cause: stopCause } : {}),
        });
        setNotice(`Stopped at ${formatDate(stopDate)}`);
      }
    } catch (e) {
      setActionError(describeError(e));
    } finally {
      setBusy(false);
      setDialog(undefined);
      refresh();
    }
  }

  if (!execution) return <LoadingPage arn={arn} error={error} />;
  const blocked = redriveBlockedReason(execution);
  return (
    <main>
      <div className="toolbar">
        <h1>{execution.name}</h1>
        <StatusBadge status={execution.status} testId="execution-status" />
        <span className="spacer" />
        <ActionMenu
          label="Recover"
          actions={[{ label: 'Redrive from failure', disabledReason: blocked, onSelect: () => setDialog('redrive') }]}
        />
        <ActionMenu
          label="Actions"
          actions={[{ label: 'Redrive', disabledReason: blocked, onSelect: () => setDialog('redrive') }]}
        />
        <button
          type="button"
          className="danger"
          disabled={execution.status !== 'RUNNING'}
          title={execution.status !== 'RUNNING' ? `Execution is ${execution.status}` : undefined}
          onClick={() => setDialog('stop')}
        >
          Stop
        </button>
      </div>
      <ErrorBanner error={error} />
      <ErrorBanner error={actionError} onDismiss={() => setActionError(undefined)} />
      <Notice text={notice} onDismiss={() => setNotice(undefined)} />
      <ExecutionSummary execution={execution} />
      <section>
        <h2>Graph</h2>
        <OutcomeLegend />
        {graph ? <StateGraph model={graph} outcomes={outcomes} /> : <p className="muted">Loading the definition…</p>}
      </section>
      {mapRuns.length > 0 && (
        <section>
          <h2>Map Runs</h2>
          <MapRunsTable rows={mapRuns} />
        </section>
      )}
      <div className="columns">
        <JsonBlock title="Input" text={execution.input} testId="execution-input" />
        <JsonBlock title="Output" text={execution.output} testId="execution-output" />
      </div>
      <EventTable events={events} owners={owners} />
      <RedriveConfirm
        open={dialog === 'redrive'}
        executionArn={arn}
        name={execution.name}
        busy={busy}
        onConfirm={() => void act('redrive')}
        onCancel={() => setDialog(undefined)}
      />
      <ConfirmDialog
        open={dialog === 'stop'}
        title="Stop execution"
        confirmLabel="Stop"
        busy={busy}
        onConfirm={() => void act('stop')}
        onCancel={() => setDialog(undefined)}
      >
        <p>
          Stop <strong>{execution.name}</strong>? It ends ABORTED (and can be redriven later).
        </p>
        <label>
          Error <input value={stopError} onChange={(e) => setStopError(e.target.value)} placeholder="optional" />
        </label>
        <label>
          Cause <input value={stopCause} onChange={(e) => setStopCause(e.target.value)} placeholder="optional" />
        </label>
      </ConfirmDialog>
    </main>
  );
}
