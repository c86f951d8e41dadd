/**
 * An EXPRESS state machine's executions, read from its execution logs as Step Functions' console reads them: those
 * with records in a time range (the last 3 hours by default), newest first, refreshed every 10 s. Without logging,
 * how to turn it on.
 */
import { useState } from 'react';
import { api } from '../api';
import { usePolledRead } from '../lib/use-polled-read';
import type { StateMachine } from '../types';
import { ErrorBanner } from './ErrorBanner';
import { ExpressExecutionsTable } from './ExpressExecutionsTable';
import { LoggingOffHelp } from './LoggingOffHelp';
import { DEFAULT_TIME_RANGE, rangeTimes, TimeRangeSelect, type TimeRange } from './TimeRangeSelect';

export function ExpressExecutionsSection({ machine }: { machine: StateMachine }) {
  const arn = machine.stateMachineArn;
  const [range, setRange] = useState<TimeRange>(DEFAULT_TIME_RANGE);
  const {
    data: list,
    loading,
    error,
    dismissError,
    refresh,
  } = usePolledRead(() => api.expressExecutions(arn, rangeTimes(range)), [arn, range], 10_000);
  const loggingOff = list !== undefined && list.logGroupName === undefined;
  return (
    <section data-testid="express-executions">
      <div className="toolbar">
        <h2>Executions (from logs)</h2>
        <TimeRangeSelect value={range} onChange={setRange} />
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        {list?.logGroupName && (
          <span className="muted">
            log group <code>{list.logGroupName}</code>
          </span>
        )}
      </div>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {loggingOff ? (
        <LoggingOffHelp stateMachineArn={arn} logging={list.loggingConfiguration} />
      ) : (
        <>
          {list?.truncated && (
            <p className="muted">
              Too many log records to read at once: the oldest executions of the range are missing.
            </p>
          )}
          <ExpressExecutionsTable executions={list?.executions ?? []} loading={loading} />
        </>
      )}
    </section>
  );
}
