/**
 * The activity that runs one Express child of a Map Run from its first state to its end, in process, within
 * Express's 5-minute limit (then TIMED_OUT with States.Timeout).
 */
import { Context } from '@temporalio/activity';
import { childExecutionArn } from '../../asl/arn';
import { EventLog } from '../../asl/events';
import { recordExecutionStarted, runExecution } from '../../asl/interpreter/execution';
import type { RunContext } from '../../asl/interpreter/run-context';
import type { Json } from '../../asl/json';
import type { Branch } from '../../asl/types';
import type { ExpressChildCall } from '../../workflows/map-run/express-context';
import type { HandlerRegistry } from '../handler-registry';
import { ExpressContextCache } from './context-cache';
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

export function createRunExpressChild(handlers: HandlerRegistry, timeLimitMs = EXPRESS_TIME_LIMIT_MS) {
  const contexts = new ExpressContextCache();

  /** A child sent without its Map Run's shared part gets it from the worker's cache (or from its partition). */
  async function fullRequest(call: ExpressChildRequest | ExpressChildCall): Promise<ExpressChildRequest> {
    if ('definition' in call) return call;
    const context = await contexts.get();
    return {
      executionArn: childExecutionArn(context.scope, context.stateMachineName, context.label, call.name, 'EXPRESS'),
      name: call.name,
      stateMachineArn: context.stateMachineArn,
      stateMachineName: `${context.stateMachineName}/${context.label}`,
      definition: context.definition,
      input: call.input,
      roleArn: context.roleArn,
      region: context.scope.region,
    };
  }

  return async function runExpressChild(call: ExpressChildRequest | ExpressChildCall): Promise<ExpressChildOutcome> {
    const context = Context.current();
    const startDate = Date.now();
    const root = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      root.abort();
    }, timeLimitMs);
    const beat = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    // Temporal cancels the attempt when its worker stops past its grace (or its heartbeat was lost): the child
    // stops where it is and the attempt fails, to run again from its first state (at least once, like Express).
    const cancel = () => root.abort();
    context.cancellationSignal.addEventListener('abort', cancel, { once: true });
    try {
      const request = await Promise.race([fullRequest(call), context.cancelled]);
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
      if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
      const stopDate = Date.now();
      if (outcome.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: outcome.output, startDate, stopDate };
      if (outcome.status === 'FAILED')
        return { status: 'FAILED', error: outcome.error, cause: outcome.cause, startDate, stopDate };
      return { status: timedOut ? 'TIMED_OUT' : 'FAILED', error: 'States.Timeout', startDate, stopDate };
    } finally {
      clearTimeout(deadline);
      clearInterval(beat);
      context.cancellationSignal.removeEventListener('abort', cancel);
    }
  };
}
