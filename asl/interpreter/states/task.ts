import { StatesError, StatesErrors } from '../../errors';
import { payload } from '../../events';
import { selectPath } from '../../paths/jsonpath';
import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { Json } from '../../json';
import type { TaskState } from '../../types';
import { checkPayloadSize } from '../limits';
import { StateAborted, StateFailure } from '../outcome';
import { withRetryAndCatch } from '../retry-catch';
import { contextObject, type RunContext } from '../run-context';
import type { StateRunner } from '../run-states';
import { invokeResponse, resolveTaskTarget, type TaskTarget } from '../task-target';

export const runTask: StateRunner<TaskState> = (name, state, input, rc, enteredEventId) =>
  withRetryAndCatch({
    name,
    type: 'Task',
    state,
    input,
    enteredEventId,
    rc,
    attempt: async (retryCount, previous) => {
      const context = contextObject(rc, name, rc.host.now(), retryCount);
      const effective = applyInputPath(input, state.InputPath, context);
      const parameters =
        state.Parameters !== undefined
          ? resolvePayloadTemplate(state.Parameters, effective, context, rc.host)
          : effective;
      const target = resolveTaskTarget(state.Resource, parameters);
      const timeoutSeconds = secondsField(state.TimeoutSeconds, state.TimeoutSecondsPath, effective, 'TimeoutSeconds');
      const heartbeatSeconds = secondsField(
        state.HeartbeatSeconds,
        state.HeartbeatSecondsPath,
        effective,
        'HeartbeatSeconds',
      );
      const { result, lastEventId } = await invoke(name, target, rc, previous, timeoutSeconds, heartbeatSeconds);
      const selected =
        state.ResultSelector !== undefined
          ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host)
          : result;
      const output = applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, context);
      return { output, lastEventId };
    },
  });

async function invoke(
  stateName: string,
  target: TaskTarget,
  rc: RunContext,
  previous: number,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<{ result: Json; lastEventId: number }> {
  const lambda = target.family === 'lambdaFunction';
  const ids = lambda ? {} : { resourceType: target.resourceType, resource: target.resource };
  let last = lambda
    ? rc.log.add('LambdaFunctionScheduled', previous, {
        resource: target.resource,
        input: payload(target.payload),
        inputDetails: { truncated: false },
        timeoutInSeconds: timeoutSeconds,
      })
    : rc.log.add('TaskScheduled', previous, {
        ...ids,
        region: rc.region,
        parameters: payload({ FunctionName: target.functionName, Payload: target.payload }),
        timeoutInSeconds: timeoutSeconds,
        heartbeatInSeconds: heartbeatSeconds,
      });
  last = lambda ? rc.log.add('LambdaFunctionStarted', last) : rc.log.add('TaskStarted', last, ids);
  let result: Json;
  try {
    result = await rc.host.invokeHandler({
      stateName,
      functionName: target.functionName,
      payload: target.payload,
      timeoutSeconds,
      heartbeatSeconds,
    });
    checkPayloadSize(result, `The state/task '${stateName}' result`);
  } catch (error) {
    if (rc.host.isCancellation(error)) throw new StateAborted(rc.log.add('TaskStateAborted', last));
    if (!(error instanceof StatesError)) throw error;
    const timedOut = error.error === StatesErrors.Timeout || error.error === StatesErrors.HeartbeatTimeout;
    const type = (lambda ? 'LambdaFunction' : 'Task') + (timedOut ? 'TimedOut' : 'Failed');
    throw new StateFailure(error, rc.log.add(type, last, { ...ids, error: error.error, cause: error.cause }));
  }
  const wrapped = lambda ? result : invokeResponse(result, rc.host.uuid());
  last = lambda
    ? rc.log.add('LambdaFunctionSucceeded', last, { output: payload(result), outputDetails: { truncated: false } })
    : rc.log.add('TaskSucceeded', last, { ...ids, output: payload(wrapped), outputDetails: { truncated: false } });
  return { result: wrapped, lastEventId: last };
}

function secondsField(literal: number | string | undefined, path: string | undefined, input: Json, field: string) {
  const value = path !== undefined ? selectPath(input, path) : literal;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field}${path ? 'Path' : ''} value must be a positive integer but was: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
