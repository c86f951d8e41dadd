/**
 * The activity that runs one Express child of a Map Run from its first state to its end, in process, within
 * Express's 5-minute limit (then TIMED_OUT with States.Timeout).
 */
import { Context } from '@temporalio/activity';
import { EventLog } from '../../asl/events';
import { recordExecutionStarted, runExecution } from '../../asl/interpreter/execution';
import type { RunContext } from '../../asl/interpreter/run-context';
import type { Json } from '../../asl/json';
import type { Branch } from '../../asl/types';
import type { HandlerRegistry } from '../handler-registry';
import { createInProcessHost } from './in-process-host';

export interface ExpressChildRequest {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  definition: Branch;
  input: Json;
  roleArn: string;
  region: string;
}

export type ExpressChildOutcome =
  | { status: 'SUCCEEDED'; output: Json; startDate: number; stopDate: number }
  | { status: 'FAILED' | 'TIMED_OUT'; error?: string; cause?: string; startDate: number; stopDate: number };

export const EXPRESS_TIME_LIMIT_MS = 5 * 60 * 1000;
const HEARTBEAT_MS = 2_000;

export function createRunExpressChild(handlers: HandlerRegistry, timeLimitMs = EXPRESS_TIME_LIMIT_MS) {
  return async function runExpressChild(request: ExpressChildRequest): Promise<ExpressChildOutcome> {
    const context = Context.current();
    const startDate = Date.now();
    const root = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      root.abort();
    }, timeLimitMs);
    const beat = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    try {
      const rc: RunContext = {
        host: createInProcessHost(handlers, root.signal, () => context.heartbeat()),
        log: new EventLog(() => Date.now()),
        region: request.region,
        execution: {
          Id: request.executionArn,
          Input: request.input,
          Name: request.name,
          RoleArn: request.roleArn,
          StartTime: new Date(startDate).toISOString(),
          RedriveCount: 0,
        },
        stateMachine: { Id: request.stateMachineArn, Name: request.stateMachineName },
      };
      recordExecutionStarted(rc, request.input, request.roleArn);
      const outcome = await runExecution({ ...request.definition }, request.input, rc);
      const stopDate = Date.now();
      if (outcome.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: outcome.output, startDate, stopDate };
      if (outcome.status === 'FAILED')
        return { status: 'FAILED', error: outcome.error, cause: outcome.cause, startDate, stopDate };
      return { status: timedOut ? 'TIMED_OUT' : 'FAILED', error: 'States.Timeout', startDate, stopDate };
    } finally {
      clearTimeout(deadline);
      clearInterval(beat);
    }
  };
}
