/**
 * The activities that run Express children of a Map Run from their first state to their end, in process, each
 * within Express's 5-minute limit (then TIMED_OUT with States.Timeout): `runExpressChild` one child,
 * `runExpressChildren` the children a partition started together, side by side in one activity (see
 * workflows/map-run/express-batches.ts for why).
 */
import { Context } from '@temporalio/activity';
import { childExecutionArn, mapRunIdOf } from '../../asl/arn';
import { EventLog, type HistoryEvent } from '../../asl/events';
import { recordExecutionStarted, runExecution } from '../../asl/interpreter/execution';
import type { RunContext } from '../../asl/interpreter/run-context';
import type { Json } from '../../asl/json';
import type { Branch } from '../../asl/types';
import type { ExecutionLogging } from '../../messages/execution-logging';
import type { ExpressChildCall } from '../../workflows/map-run/express-context';
import type { HandlerRegistry } from '../handler-registry';
import { executionLogWriter } from '../logs/execution-logs';
import type { LogDelivery } from '../logs/log-delivery';
import type { ExpressChildRecordWriter } from './child-records';
import { ChildRecorder, type RecordedOutcome } from './child-recorder';
import { ExpressContextCache, schedulingMapRun } from './context-cache';
import { createInProcessHost } from './in-process-host';

/** Everything one child needs, spelled out: what partitions scheduled before children were sent by reference. */
export interface ExpressChildRequest {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  definition: Branch;
  input: Json;
  roleArn: string;
  region: string;
  /** The parent execution's logging: the child's events go to its log group under the child's `express:` ARN. */
  logging?: ExecutionLogging;
}

export type ExpressChildOutcome =
  | { status: 'SUCCEEDED'; output: Json; startDate: number; stopDate: number }
  | { status: 'FAILED' | 'TIMED_OUT'; error?: string; cause?: string; startDate: number; stopDate: number };

export const EXPRESS_TIME_LIMIT_MS = 5 * 60 * 1000;
/**
 * Liveness every 5 s, four beats within the activity's 20 s heartbeat timeout. A child shorter than that sends none:
 * each beat is a write on the server, and a thousand 2-second children beating at 2 s cost the dev server a fifth
 * of the CPU a Map Run of them takes, and their start-up speed with it.
 */
const HEARTBEAT_MS = 5_000;

/** Runs one child to its outcome; cancelling the activity of `context` stops it where it is (then it throws). */
type RunChild = (call: ExpressChildRequest | ExpressChildCall, context: Context) => Promise<ExpressChildOutcome>;

/** Where the worker keeps Express children's records and its execution logs; either may be absent (tests). */
export interface ExpressChildSinks {
  logs?: LogDelivery;
  records?: ExpressChildRecordWriter;
}

function createChildRunner(handlers: HandlerRegistry, timeLimitMs: number, sinks: ExpressChildSinks): RunChild {
  const { logs, records } = sinks;
  const contexts = new ExpressContextCache();

  /** A child sent without its Map Run's shared part gets it from the worker's cache (or from its partition). */
  async function fullRequest(
    call: ExpressChildRequest | ExpressChildCall,
    mapRunArn: string | undefined,
  ): Promise<ExpressChildRequest> {
    if ('definition' in call) return call;
    const context = await contexts.get();
    return {
      executionArn: childExecutionArn(
        context.scope,
        context.stateMachineName,
        context.label,
        call.name,
        'EXPRESS',
        // contexts.get() has checked that a Map Run scheduled the child.
        mapRunIdOf(mapRunArn!),
      ),
      name: call.name,
      stateMachineArn: context.stateMachineArn,
      stateMachineName: `${context.stateMachineName}/${context.label}`,
      definition: context.definition,
      input: call.input,
      roleArn: context.roleArn,
      region: context.scope.region,
      ...(context.logging ? { logging: context.logging } : {}),
    };
  }

  return async function runChild(call, context) {
    const startDate = Date.now();
    const root = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      root.abort();
    }, timeLimitMs);
    // Temporal cancels the attempt when its worker stops past its grace (or its heartbeat was lost): the child
    // stops where it is and the attempt fails, to run again from its first state (at least once, like Express).
    const cancel = () => root.abort();
    context.cancellationSignal.addEventListener('abort', cancel, { once: true });
    let recorder: ChildRecorder | undefined;
    try {
      const mapRunArn = schedulingMapRun(context);
      const request = await Promise.race([fullRequest(call, mapRunArn), context.cancelled]);
      const rc: RunContext = {
        host: createInProcessHost(handlers, root.signal, () => context.heartbeat()),
        // An Express child's history exists only in its execution log (sfn-spec §14.1): written as it happens.
        log: expressEventLog(executionLogWriter(logs, request.logging, request.executionArn)),
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
      recorder =
        records && mapRunArn
          ? new ChildRecorder(records, { ...recordedChild(request), mapRunArn, startDate })
          : undefined;
      recordExecutionStarted(rc, request.input, request.roleArn);
      const outcome = await runExecution({ ...request.definition }, request.input, rc);
      if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
      const stopDate = Date.now();
      let ended: RecordedOutcome;
      if (outcome.status === 'SUCCEEDED') ended = { status: 'SUCCEEDED', output: outcome.output, stopDate };
      else if (outcome.status === 'FAILED')
        ended = { status: 'FAILED', error: outcome.error, cause: outcome.cause, stopDate };
      else {
        // The run was cut by the time limit: its log ends as a Standard execution's does (execution-close.ts).
        if (timedOut) rc.log.add('ExecutionTimedOut', outcome.lastEventId, { error: 'States.Timeout' });
        ended = { status: timedOut ? 'TIMED_OUT' : 'FAILED', error: 'States.Timeout', stopDate };
      }
      recorder?.ended(ended);
      return { ...ended, startDate };
    } finally {
      clearTimeout(deadline);
      recorder?.abandon();
      context.cancellationSignal.removeEventListener('abort', cancel);
    }
  };
}

/** Without a log to write, nothing reads the events' details: they are not made (EventLog's keepDetails). */
function expressEventLog(writer: ((event: HistoryEvent) => void) | undefined): EventLog {
  return new EventLog(() => Date.now(), [], undefined, writer, writer !== undefined);
}

function recordedChild(request: ExpressChildRequest) {
  const { executionArn, name, stateMachineArn, input } = request;
  return { executionArn, name, stateMachineArn, input };
}

/** Runs `work` with the activity's heartbeat beating every HEARTBEAT_MS. */
async function withHeartbeat<T>(work: (context: Context) => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
  try {
    return await work(context);
  } finally {
    clearInterval(beat);
  }
}

export function createRunExpressChild(
  handlers: HandlerRegistry,
  timeLimitMs = EXPRESS_TIME_LIMIT_MS,
  sinks: ExpressChildSinks = {},
) {
  const runChild = createChildRunner(handlers, timeLimitMs, sinks);
  return function runExpressChild(call: ExpressChildRequest | ExpressChildCall): Promise<ExpressChildOutcome> {
    return withHeartbeat((context) => runChild(call, context));
  };
}

/**
 * Runs the children side by side and returns their outcomes in order. A child that throws (its attempt was
 * cancelled, or its Map Run's context could not be fetched) fails the whole attempt once every child has settled:
 * the retry runs them all again from their first state, at least once, as Express does.
 */
export function createRunExpressChildren(
  handlers: HandlerRegistry,
  timeLimitMs = EXPRESS_TIME_LIMIT_MS,
  sinks: ExpressChildSinks = {},
) {
  const runChild = createChildRunner(handlers, timeLimitMs, sinks);
  return function runExpressChildren(calls: ExpressChildCall[]): Promise<ExpressChildOutcome[]> {
    return withHeartbeat(async (context) => {
      const settled = await Promise.allSettled(calls.map((call) => runChild(call, context)));
      const thrown = settled.find((result) => result.status === 'rejected');
      if (thrown) throw thrown.reason;
      return settled.map((result) => (result as PromiseFulfilledResult<ExpressChildOutcome>).value);
    });
  };
}
