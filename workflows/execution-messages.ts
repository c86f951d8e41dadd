/**
 * What the execution actor answers: DescribeExecution, GetExecutionHistory and the redrive state a Map Run child's
 * next run continues from (queries); StopExecution and RedriveExecution (updates, checked by validators so that a
 * refused request leaves no trace in the history); RedriveExecution as a `redrive` signal too.
 */
import { condition, log, setHandler } from '@temporalio/workflow';
import {
  describeExecutionQuery,
  executionHistoryQuery,
  executionRedriveStateQuery,
  redrivePlanStateQuery,
  redriveExecutionSignal,
  redriveExecutionUpdate,
  stopExecutionUpdate,
  type ExecutionDescription,
  type RedriveRequest,
  type StopRequest,
} from '../messages/execution';
import type { ExecutionState } from './execution-state';
import { checkSelection } from './redrive';
import { redrivePlanState } from './redrive-plan-state';

/** What DescribeExecution shows now. */
export function describeNow(state: ExecutionState): ExecutionDescription {
  const { description } = state;
  return {
    ...description,
    historyLength: state.log.length,
    ...state.verdict(),
    ...(description.stopDate !== undefined
      ? { redrivableUntil: description.stopDate + state.limits.redrivablePeriodMs }
      : {}),
  };
}

/** Registers the handlers; call it before the workflow's first await, so no early message is missed. */
export function handleExecutionMessages(state: ExecutionState): void {
  const { description } = state;
  setHandler(describeExecutionQuery, () => describeNow(state));
  setHandler(executionRedriveStateQuery, () => ({
    events: state.log.all(),
    ...(state.lastEntered ? { lastEntered: state.lastEntered } : {}),
    branches: state.branches.snapshot(),
    redriveCount: description.redriveCount,
    startDate: description.startDate,
  }));
  setHandler(redrivePlanStateQuery, () => redrivePlanState(state));
  setHandler(executionHistoryQuery, ({ offset, limit }) => ({
    events: state.log.all().slice(offset, offset + limit),
    total: state.log.length,
  }));
  setHandler(
    stopExecutionUpdate,
    async (request) => {
      // The first stop of a running attempt cancels it; any later one waits for the same end.
      if (description.status === 'RUNNING' && !state.stopRequest) {
        state.stopRequest = request;
        state.attempt?.cancel();
      }
      await condition(() => description.stopDate !== undefined);
      return { stopDate: description.stopDate ?? Date.now() };
    },
    { validator: validateStopRequest },
  );
  // Executions that close when they end (see waitsForRedrive) have no redrive to answer.
  if (state.waitsForRedrive) {
    setHandler(
      redriveExecutionUpdate,
      ({ clientToken, mapRunChildren }) => state.redrives.accept(clientToken, Date.now(), mapRunChildren),
      {
        validator: ({ clientToken, mapRunChildren }) => {
          checkSelection(mapRunChildren);
          state.redrives.validate(clientToken, Date.now(), () => state.verdict());
        },
      },
    );
    setHandler(redriveExecutionSignal, (request) => takeRedriveSignal(state, request));
  }
}

/** The update's rules for a `redrive` signal; a refusal is kept where DescribeExecution shows it. */
function takeRedriveSignal(state: ExecutionState, request: RedriveRequest | undefined): void {
  const now = Date.now();
  const clientToken = request?.clientToken;
  try {
    checkSelection(request?.mapRunChildren);
    state.redrives.validate(clientToken, now, () => state.verdict());
  } catch (error) {
    const reason = (error as Error).message;
    state.description.refusedRedriveSignal = { date: now, ...(clientToken ? { clientToken } : {}), reason };
    log.warn('redrive signal refused', { executionArn: state.description.executionArn, clientToken, reason });
    return;
  }
  state.redrives.accept(clientToken, now, request?.mapRunChildren);
}

/** StopExecution's bounds on error and cause (Step Functions': 256 and 32,768 characters). */
function validateStopRequest(request: StopRequest): void {
  if (request.error !== undefined && request.error.length > 256)
    throw new Error('error must be at most 256 characters');
  if (request.cause !== undefined && request.cause.length > 32768) {
    throw new Error('cause must be at most 32768 characters');
  }
}
