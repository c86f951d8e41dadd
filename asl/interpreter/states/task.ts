import { StatesError, StatesErrors } from '../../errors';
import { payload } from '../../events';
import { evaluateTemplate, evaluateTyped } from '../../jsonata/template';
import { applyInputPath, resolvePayloadTemplate } from '../../paths/payload-template';
import { selectReference, type PathSources } from '../../paths/references';
import type { Json } from '../../json';
import type { TaskState } from '../../types';
import { checkPayloadSize } from '../limits';
import { StateAborted, StateFailure } from '../failed-or-aborted';
import { jsonataScope } from '../query';
import { outputOfResult } from '../result-to-output';
import { withRetryAndCatch, type AttemptResult } from '../retry-catch';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';
import type { StateRunner } from '../state-runner';
import { invokeResponse, resolveTaskTarget, type TaskTarget } from '../task-target';

export const runTask: StateRunner<TaskState> = (name, state, input, rc, enteredEventId) => {
  const ql = queryLanguageOf(state, rc);
  return withRetryAndCatch({
    name,
    type: 'Task',
    state,
    input,
    enteredEventId,
    rc,
    ql,
    attempt: (retryCount, previous) =>
      ql === 'JSONata'
        ? jsonataAttempt(name, state, input, rc, retryCount, previous)
        : jsonPathAttempt(name, state, input, rc, retryCount, previous),
  });
};

async function jsonPathAttempt(
  name: string,
  state: TaskState,
  input: Json,
  rc: RunContext,
  retryCount: number,
  previous: number,
): Promise<AttemptResult> {
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const effective = applyInputPath(input, state.InputPath, context, rc.variables);
  const parameters =
    state.Parameters !== undefined
      ? resolvePayloadTemplate(state.Parameters, effective, context, rc.host, rc.variables)
      : effective;
  const target = resolveTaskTarget(state.Resource, parameters);
  const sources: PathSources = { data: effective, context, variables: rc.variables };
  const timeoutSeconds = secondsField(state.TimeoutSeconds, state.TimeoutSecondsPath, sources, 'TimeoutSeconds');
  const heartbeatSeconds = secondsField(
    state.HeartbeatSeconds,
    state.HeartbeatSecondsPath,
    sources,
    'HeartbeatSeconds',
  );
  const { result, lastEventId } = await invoke(name, target, rc, previous, timeoutSeconds, heartbeatSeconds);
  return { ...(await outputOfResult('JSONPath', state, input, result, context, rc)), lastEventId };
}

/** JSONata: Arguments (default: the state input) go to the resource; Output (default: the result) leaves. */
async function jsonataAttempt(
  name: string,
  state: TaskState,
  input: Json,
  rc: RunContext,
  retryCount: number,
  previous: number,
): Promise<AttemptResult> {
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const scope = jsonataScope(rc, { input, context });
  const args = state.Arguments !== undefined ? await evaluateTemplate(state.Arguments, 'Arguments', scope) : input;
  const target = resolveTaskTarget(state.Resource, args);
  const timeout =
    state.TimeoutSeconds !== undefined
      ? await evaluateTyped(state.TimeoutSeconds, 'TimeoutSeconds', 'integer', scope)
      : undefined;
  const heartbeat =
    state.HeartbeatSeconds !== undefined
      ? await evaluateTyped(state.HeartbeatSeconds, 'HeartbeatSeconds', 'integer', scope)
      : undefined;
  const sources: PathSources = { data: input, context };
  const timeoutSeconds = secondsField(timeout, undefined, sources, 'TimeoutSeconds');
  const heartbeatSeconds = secondsField(heartbeat, undefined, sources, 'HeartbeatSeconds');
  const { result, lastEventId } = await invoke(name, target, rc, previous, timeoutSeconds, heartbeatSeconds);
  return { ...(await outputOfResult('JSONata', state, input, result, context, rc)), lastEventId };
}

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
    ? rc.log.add('LambdaFunctionScheduled', previous, () => ({
        resource: target.resource,
        input: payload(target.payload),
        inputDetails: { truncated: false },
        timeoutInSeconds: timeoutSeconds,
      }))
    : rc.log.add('TaskScheduled', previous, () => ({
        ...ids,
        region: rc.region,
        parameters: payload({ FunctionName: target.functionName, Payload: target.payload }),
        timeoutInSeconds: timeoutSeconds,
        heartbeatInSeconds: heartbeatSeconds,
      }));
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
    ? rc.log.add('LambdaFunctionSucceeded', last, () => ({
        output: payload(result),
        outputDetails: { truncated: false },
      }))
    : rc.log.add('TaskSucceeded', last, () => ({
        ...ids,
        output: payload(wrapped),
        outputDetails: { truncated: false },
      }));
  return { result: wrapped, lastEventId: last };
}

function secondsField(literal: Json | undefined, path: string | undefined, sources: PathSources, field: string) {
  const value = path !== undefined ? selectReference(path, sources) : literal;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field}${path ? 'Path' : ''} value must be a positive integer but was: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
