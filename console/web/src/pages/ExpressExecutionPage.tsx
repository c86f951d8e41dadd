/**
 * An Express execution's details, read from its execution log records as Step Functions' console reads them:
 * status, dates, error and cause, input and output when they were logged, the graph coloured by the states'
 * outcomes and the events. Express executions cannot be redriven or stopped here (Step Functions keeps no handle
 * on them); without logging, how to turn it on.
 */
import { useMemo } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { EventTable } from '../components/EventTable';
import { ExecutionFailure } from '../components/ExecutionFailure';
import { Field } from '../components/Field';
import { JsonBlock } from '../components/JsonBlock';
import { LoadingPage } from '../components/LoadingPage';
import { LoggingOffHelp } from '../components/LoggingOffHelp';
import { OutcomeLegend, StateGraph } from '../components/StateGraph';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatDuration } from '../lib/format';
import { eventOwners, stateOutcomes } from '../lib/state-outcomes';
import { useExpressExecution } from '../lib/use-express-execution';
import { href } from '../router';
import type { ExpressExecutionDetails } from '../types';

type Logged = NonNullable<ExpressExecutionDetails['execution']>;

/** The machine whose logging it used: for a Map Run child (`<machine>/<label>`), the parent machine. */
const loggingMachineOf = (stateMachineArn: string) => stateMachineArn.split('/')[0]!;

function ExpressSummary({ execution, logGroupName }: { execution: Logged; logGroupName?: string }) {
  const duration = new Date(execution.stopDate ?? Date.now()).getTime() - new Date(execution.startDate).getTime();
  const machineArn = loggingMachineOf(execution.stateMachineArn);
  return (
    <>
      <dl className="fields">
        <Field label="Execution ARN">
          <span className="arn">{execution.executionArn}</span>
        </Field>
        <Field label="Type">EXPRESS</Field>
        <Field label="State machine">
          <a href={href('stateMachine', machineArn)}>{execution.stateMachineArn.split(':').pop()}</a>
        </Field>
        {execution.mapRunArn && (
          <Field label="Map Run">
            <a href={href('mapRun', execution.mapRunArn)}>{execution.mapRunArn.split(':').pop()}</a>
          </Field>
        )}
        <Field label="Started">{formatDate(execution.startDate)}</Field>
        <Field label="Stopped">{formatDate(execution.stopDate)}</Field>
        <Field label="Duration">{formatDuration(duration)}</Field>
        <Field label="Log group">
          <code>{logGroupName}</code>
        </Field>
      </dl>
      <ExecutionFailure error={execution.error} cause={execution.cause} />
    </>
  );
}

/** Input and output, or why they are not there. */
function ExpressData({ details, execution }: { details: ExpressExecutionDetails; execution: Logged }) {
  const { level, includeExecutionData } = details.loggingConfiguration;
  if (!includeExecutionData) {
    return (
      <p className="muted" data-testid="data-not-logged">
        Input and output are not logged: the state machine&apos;s logging has <code>includeExecutionData</code> false.
        Turn it on with <code>tsf update-state-machine --logging-configuration</code> to see them for later executions.
      </p>
    );
  }
  return (
    <>
      {level !== 'ALL' && (
        <p className="muted">
          Logging level {level}: only failure events are logged, so input and output may be missing.
        </p>
      )}
      <div className="columns">
        <JsonBlock title="Input" text={execution.input} testId="execution-input" />
        <JsonBlock title="Output" text={execution.output} testId="execution-output" />
      </div>
    </>
  );
}

export function ExpressExecutionPage({ arn }: { arn: string }) {
  const { details, graph, error } = useExpressExecution(arn);
  const execution = details?.execution;
  const events = useMemo(() => details?.events ?? [], [details]);
  const outcomes = useMemo(
    () => (execution ? stateOutcomes(events, execution.status) : undefined),
    [events, execution],
  );
  const owners = useMemo(() => eventOwners(events), [events]);

  if (!details) return <LoadingPage arn={arn} error={error} />;
  const name = execution?.name ?? arn.split(':').at(-2) ?? arn;
  if (details.logGroupName === undefined) {
    return (
      <main>
        <h1>{name}</h1>
        <ErrorBanner error={error} />
        <LoggingOffHelp
          stateMachineArn={loggingMachineOf(arn.replace(':express:', ':stateMachine:').replace(/(:[^:]+){2}$/, ''))}
          logging={details.loggingConfiguration}
        />
      </main>
    );
  }
  return (
    <main>
      <div className="toolbar">
        <h1>{name}</h1>
        {execution && <StatusBadge status={execution.status} testId="execution-status" />}
        <span className="muted">Express execution, read from its execution logs</span>
      </div>
      <ErrorBanner error={error} />
      {execution ? (
        <>
          <ExpressSummary execution={execution} logGroupName={details.logGroupName} />
          <section>
            <h2>Graph</h2>
            <OutcomeLegend />
            {graph ? (
              <StateGraph model={graph} outcomes={outcomes} />
            ) : (
              <p className="muted">Loading the definition…</p>
            )}
          </section>
          <ExpressData details={details} execution={execution} />
          <EventTable events={events} owners={owners} />
        </>
      ) : (
        <p className="muted" data-testid="no-records">
          No log records of this execution in the log group <code>{details.logGroupName}</code> yet. Records arrive
          within a second of the events; an execution started before logging was turned on has none.
        </p>
      )}
    </main>
  );
}
