/**
 * The workflow host's side of a Distributed Map: starts the Map Run actor as a child workflow (id = Map Run ARN)
 * and turns its outcome back into the Map state's result or a StatesError.
 */
import {
  ApplicationFailure,
  ChildWorkflowFailure,
  ParentClosePolicy,
  ChildWorkflowCancellationType,
  isCancellation,
  patched,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import { labelledStateMachineArn, mapRunArn, parseArn } from '../../asl/arn';
import { StatesError, StatesErrors } from '../../asl/errors';
import type { MapRunRequest, StartedMapRun } from '../../asl/interpreter/host';
import type { Json } from '../../asl/json';
import { mapRunSearchAttributes } from '../../messages/search-attributes';
import type { HostOwner, LastMapRun } from '../host-owner';
import { pathKey } from '../../asl/interpreter/branch-memory';
import type { MapRunConfig, MapRunInput } from './config';
import type { MapRunWorkflow } from '../workflow-signatures';
import type { MapRunRedriveState } from '../../messages/map-run';
import { mapRunActivities } from './activities';
import { REFUSED_REDRIVE } from './redrive-state';
import { HARD_REDRIVE_LIMIT_PATCH } from './refused-redrive';

/** The redrive a re-entered Distributed Map takes (redrive-target.ts). */
type TakenRedrive = NonNullable<ReturnType<NonNullable<HostOwner['takeRedrive']>>>;

/** How the host marks a Map Run its stopped parent left winding down. */
const ABORTED = 'ABORTED';

/** Executions begun before this patch read a failed Map Run's redrive state with an activity, whatever its failure held. */
export const REDRIVE_STATE_WITH_FAILURE_PATCH = 'map-run-redrive-state-with-failure';

/** Failures after which a redrive starts a new Map Run instead of redriving this one (sfn-spec §3.6). */
export const NEW_MAP_RUN_ERRORS: ReadonlySet<string> = new Set([StatesErrors.DataLimitExceeded, StatesErrors.Runtime]);

export function createMapRunStarter(owner: HostOwner) {
  // The execution's own map when it has one: its redrive plan query reads it (execution-messages.ts).
  const lastRuns = owner.lastRuns ?? new Map<string, LastMapRun>();

  function watch(arn: string, last: LastMapRun, handle: { result(): Promise<unknown> }) {
    return handle.result().then(
      (output) => output as Json,
      (error: unknown) => {
        last.redriveState = redriveStateIn(error);
        const failure = toStatesError(error);
        // A stopped parent leaves its Map Run winding down (ABORTED): a later redrive re-enters it.
        last.error = failure instanceof StatesError ? failure.error : ABORTED;
        last.keepsMapRun = notFromTheData(error);
        throw failure;
      },
    );
  }

  async function redrive(last: LastMapRun, taken: TakenRedrive, loaded?: MapRunRedriveState): Promise<StartedMapRun> {
    const { redriveDate, selection } = taken;
    const previous = loaded ?? (await lastRedriveState(last));
    const redriveCount = previous.redriveCount + 1;
    last.error = undefined;
    // The pages the last run left carry their items: the state input's items need not ride along again (half the
    // bytes of a redrive's start, written twice, in this history and in the Map Run's).
    const { items: _items, ...args } = last.args;
    const handle = await startChild<MapRunWorkflow>('mapRunWorkflow', {
      ...childOptions(owner, last.arn, last.args.config.labelledStateMachineArn),
      args: [{ ...args, redrive: { redriveCount, redriveDate, previous, ...(selection ? { selection } : {}) } }],
    });
    return { mapRunArn: last.arn, redriveCount, result: watch(last.arn, last, handle) };
  }

  return async function startMapRun(request: MapRunRequest): Promise<StartedMapRun> {
    const statePath = request.statePath ?? [request.stateName];
    const redriving = owner.takeRedrive?.(statePath);
    // By path: a Distributed Map inside a Map state starts one Map Run per iteration (redrive-target.ts).
    const earlier = lastRuns.get(pathKey(statePath));
    const reenters =
      earlier?.error !== undefined &&
      (!NEW_MAP_RUN_ERRORS.has(earlier.error) || (earlier.keepsMapRun === true && patched(HARD_REDRIVE_LIMIT_PATCH)));
    if (redriving && reenters) {
      if (!patched('map-run-never-started')) return redrive(earlier, redriving);
      // A Map Run that never started a child (its reader or role failed first, or its parent stopped before) is
      // started anew, reading its items as they are now: "redrive starts it for the first time" (sfn-spec §3.6).
      const previous = await lastRedriveState(earlier);
      if (previous.childrenStarted !== false) return redrive(earlier, redriving, previous);
    }
    const parsed = parseArn(owner.executionArn);
    const scope = parsed
      ? { region: parsed.region, account: parsed.account }
      : { region: 'us-east-1', account: '000000000000' };
    const mapRunId = uuid4();
    const arn = mapRunArn(scope, owner.stateMachineName, request.label, mapRunId);
    const { ProcessorConfig, ...processor } = request.state.ItemProcessor;
    const config: MapRunConfig = {
      mapRunArn: arn,
      mapRunId,
      label: request.label,
      stateName: request.stateName,
      statePath: [...statePath],
      executionArn: owner.executionArn,
      stateMachineArn: owner.stateMachineArn,
      stateMachineName: owner.stateMachineName,
      labelledStateMachineArn: labelledStateMachineArn(scope, owner.stateMachineName, request.label),
      scope,
      roleArn: owner.roleArn,
      processor,
      executionType: ProcessorConfig?.ExecutionType ?? 'STANDARD',
      ...(request.state.ItemSelector !== undefined ? { itemSelector: request.state.ItemSelector } : {}),
      // Only an ItemSelector reads the Map's input and context; without one they would ride along in every
      // partition's start event for nothing (the input often holds all the items).
      selectorInput: request.state.ItemSelector !== undefined ? request.input : null,
      context: request.state.ItemSelector !== undefined ? request.context : null,
      ...(request.queryLanguage ? { queryLanguage: request.queryLanguage } : {}),
      ...(request.variables ? { variables: request.variables } : {}),
      itemSource: itemSource(request),
      ...(request.state.ItemBatcher
        ? {
            batcher: {
              maxItemsPerBatch: request.settings.maxItemsPerBatch,
              maxInputBytesPerBatch: request.settings.maxInputBytesPerBatch,
              ...(request.state.ItemBatcher.BatchInput !== undefined
                ? { batchInput: request.state.ItemBatcher.BatchInput }
                : {}),
            },
          }
        : {}),
      ...(request.reader ? { reader: { ...request.reader, maxItems: request.settings.maxItems } } : {}),
      ...(request.resultWriter ? { resultWriter: request.resultWriter } : {}),
      ...(owner.mapRunRedriveLimit !== undefined ? { mapRunRedriveLimit: owner.mapRunRedriveLimit } : {}),
      ...(owner.childRedriveLimits ? { childRedriveLimits: owner.childRedriveLimits } : {}),
      ...(owner.logging ? { logging: owner.logging } : {}),
    };
    const args: MapRunInput = {
      config,
      ...(request.items ? { items: request.items } : {}),
      settings: {
        maxConcurrency: request.settings.maxConcurrency,
        toleratedFailureCount: request.settings.toleratedFailureCount,
        toleratedFailurePercentage: request.settings.toleratedFailurePercentage,
      },
    };
    const handle = await startChild<MapRunWorkflow>('mapRunWorkflow', {
      ...childOptions(owner, arn, config.labelledStateMachineArn),
      args: [args],
    });
    const last: LastMapRun = { arn, args };
    lastRuns.set(pathKey(statePath), last);
    return { mapRunArn: arn, result: watch(arn, last, handle) };
  };
}

/**
 * What the last Map Run left for a redrive: carried by its failure when it could be (no query of the closed Map Run,
 * which its worker answers by replaying the Map Run's whole history), else read by the activity.
 */
function lastRedriveState(last: LastMapRun): Promise<MapRunRedriveState> {
  if (last.redriveState && patched(REDRIVE_STATE_WITH_FAILURE_PATCH)) return Promise.resolve(last.redriveState);
  return mapRunActivities().loadMapRunRedriveState(last.arn);
}

/** The redrive state in a failed Map Run's details (wind-down.ts), or undefined (stopped, too large, older). */
function redriveStateIn(error: unknown): MapRunRedriveState | undefined {
  const cause = error instanceof ChildWorkflowFailure ? error.cause : undefined;
  const state = cause instanceof ApplicationFailure ? cause.details?.[0] : undefined;
  const looksRight = typeof state === 'object' && state !== null && Array.isArray((state as MapRunRedriveState).pages);
  return looksRight ? (state as MapRunRedriveState) : undefined;
}

function childOptions(owner: HostOwner, arn: string, labelledArn: string) {
  return {
    workflowId: arn,
    // A stopped parent asks its Map Run to wind down (cancel Standard children, write results) and does not wait.
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
    typedSearchAttributes: mapRunSearchAttributes(arn, owner.executionArn, labelledArn),
  };
}

function itemSource(request: MapRunRequest): string {
  if (!request.reader) return 'STATE_DATA';
  if (request.reader.resource.endsWith(':listObjectsV2')) return `S3://${request.reader.bucket}`;
  return `S3://${request.reader.bucket}/${request.reader.key ?? ''}`;
}

/** Engine faults (no ApplicationFailure: "ended unexpectedly") and a refused redrive: States.Runtime not from data. */
function notFromTheData(error: unknown): boolean {
  const cause = error instanceof ChildWorkflowFailure ? error.cause : undefined;
  if (!cause || isCancellation(cause)) return false;
  if (!(cause instanceof ApplicationFailure)) return true;
  return cause.type === StatesErrors.Runtime && cause.message.includes(REFUSED_REDRIVE);
}

function toStatesError(error: unknown): unknown {
  if (isCancellation(error)) return error;
  const cause = error instanceof ChildWorkflowFailure ? error.cause : undefined;
  if (cause && isCancellation(cause)) return cause;
  if (cause instanceof ApplicationFailure)
    return new StatesError(cause.type ?? StatesErrors.Runtime, cause.message || undefined);
  return new StatesError(
    StatesErrors.Runtime,
    `The Map Run ended unexpectedly: ${(cause ?? (error as Error))?.message}`,
  );
}
