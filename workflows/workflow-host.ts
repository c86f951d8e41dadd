/**
 * The interpreter's host inside a Temporal workflow: Task = activity, Wait and retry delays = durable timers,
 * UUIDs and randomness from the workflow's seeded sources, cancellation = CancellationScope.
 */
import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  sleep,
  TimeoutFailure,
  uuid4,
} from '@temporalio/workflow';
import { StatesError, StatesErrors } from '../asl/errors';
import type { Json } from '../asl/json';
import type { HandlerInvocation, InterpreterHost } from '../asl/interpreter/host';
import type { EngineActivities } from '../activities';
import type { HostOwner } from './host-owner';
import { createMapRunStarter } from './map-run/start-map-run';

/** Step Functions' default Task timeout (99999999 s) when the state sets none. */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;
/** How long a silent worker is given before its attempt is taken as lost and run again elsewhere. */
const LOST_WORKER_HEARTBEAT_TIMEOUT = '10s';

export function createWorkflowHost(owner: HostOwner): InterpreterHost {
  return {
    startMapRun: createMapRunStarter(owner),
    now: () => Date.now(),
    uuid: () => uuid4(),
    random: () => Math.random(),
    sleep: (ms) => sleep(ms),
    invokeHandler,
    cancellable<T>(work: () => Promise<T>) {
      const scope = new CancellationScope();
      return { promise: scope.run(work), cancel: () => scope.cancel() };
    },
    isCancellation: (error) => isCancellation(error),
  };
}

async function invokeHandler(invocation: HandlerInvocation): Promise<Json> {
  const timeoutSeconds = invocation.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS;
  const userHeartbeats = invocation.heartbeatSeconds !== undefined;
  const { invokeHandler: activity } = proxyActivities<EngineActivities>({
    activityId: undefined,
    summary: `${invocation.stateName} → ${invocation.functionName}`,
    startToCloseTimeout: `${timeoutSeconds}s`,
    // The state's TimeoutSeconds covers every attempt, including one re-run after a lost worker.
    scheduleToCloseTimeout: `${timeoutSeconds}s`,
    heartbeatTimeout:
      invocation.heartbeatSeconds !== undefined ? `${invocation.heartbeatSeconds}s` : LOST_WORKER_HEARTBEAT_TIMEOUT,
    cancellationType: ActivityCancellationType.TRY_CANCEL,
    // Handler errors are non-retryable; only an attempt lost with its worker is retried (see the activity).
    retry: { maximumAttempts: userHeartbeats ? 1 : 10, initialInterval: '1s', backoffCoefficient: 2 },
  });
  try {
    return await activity({ functionName: invocation.functionName, payload: invocation.payload, userHeartbeats });
  } catch (error) {
    throw toStatesError(error, userHeartbeats);
  }
}

function toStatesError(error: unknown, userHeartbeats: boolean): unknown {
  if (isCancellation(error) || !(error instanceof ActivityFailure)) return error;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) return new StatesError(cause.type ?? 'Error', cause.message);
  if (cause instanceof TimeoutFailure) {
    if (cause.timeoutType === 'HEARTBEAT' && userHeartbeats) return new StatesError(StatesErrors.HeartbeatTimeout);
    return new StatesError(StatesErrors.Timeout);
  }
  return new StatesError(StatesErrors.TaskFailed, cause?.message ?? error.message);
}
