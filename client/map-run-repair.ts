/**
 * Repairing a Map Run that succeeded with tolerated failures (issue #16, this engine's addition, named so as not to
 * be taken for an AWS action): its parent execution SUCCEEDED, so RedriveExecution refuses it, yet its failed,
 * timed-out and aborted children may be worth running again once their cause is fixed. redriveMapRun starts the
 * Map Run actor again under the same ARN, as a Map Run redrive (redriveCount + 1, redriveDate), re-running those
 * children (all, or those a selection picks); its counts and ResultWriter files follow. The parent's closed history
 * and output stay exactly as they were: nothing waits for the repaired Map Run's result.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { MapRunInput } from '../workflows/map-run/config';
import type { MapRunDescription, MapRunRedriveState } from '../messages/map-run';
import type { MapRunChildSelection, MapRunRepairPlan } from '../messages/redrive-plan';
import { mapRunSearchAttributes } from '../messages/search-attributes';
import type { RedriveExecutionOutput } from '../messages/responses';
import type { EngineContext } from './engine-context';
import { MapRunNotRepairable } from './errors';
import { describeRaw as describeExecutionRaw, startArgs } from './execution-description';
import { describeWithRedriveState } from './map-runs';
import { childrenPlan } from './redrive-plan';
import { parseRequest, type Requests } from './requests';

/** A repeated clientToken within this long gets the earlier repair's date and repairs nothing (as RedriveExecution). */
const TOKEN_TTL_MS = 15 * 60 * 1000;

interface RepairReading {
  description: MapRunDescription;
  args: MapRunInput;
  plan: MapRunRepairPlan;
  previous: MapRunRedriveState;
}

/** Why the Map Run may not be repaired now, or undefined. */
async function refusal(ctx: EngineContext, d: MapRunDescription): Promise<string | undefined> {
  if (d.status === 'RUNNING') return 'the Map Run is RUNNING';
  if (d.status !== 'SUCCEEDED') {
    return `the Map Run is ${d.status}: redrive its execution instead (RedriveExecution)`;
  }
  const parent = await describeExecutionRaw(ctx, d.executionArn);
  if (parent.status !== 'SUCCEEDED') {
    return `its execution is ${parent.status}: only a Map Run whose execution SUCCEEDED is repaired (redrive a failed one)`;
  }
  return undefined;
}

async function read(
  ctx: EngineContext,
  mapRunArn: string,
  selection: MapRunChildSelection | undefined,
): Promise<RepairReading> {
  const { description, redriveState: previous } = await describeWithRedriveState(ctx, mapRunArn);
  const [args, refused] = await Promise.all([startArgs<MapRunInput>(ctx.client, mapRunArn), refusal(ctx, description)]);
  const { config } = args;
  const { reruns, ...children } = childrenPlan(previous, description, {
    executionType: config.executionType,
    processor: config.processor,
    redriveDate: Date.now(),
    ...(config.childRedriveLimits ? { childRedrivablePeriodMs: config.childRedriveLimits.redrivablePeriodMs } : {}),
    ...(selection ? { selection } : {}),
  });
  const reason =
    refused ??
    (reruns === 0
      ? selection
        ? 'the selection picks none of its failed, timed-out or aborted children: nothing would run'
        : 'it has no failed, timed-out or aborted children that may be redriven: nothing would run'
      : undefined);
  const plan: MapRunRepairPlan = {
    mapRunArn,
    // Map Runs begun before the config kept the state's name are named by their label.
    stateName: config.stateName ?? config.label,
    statePath: config.statePath ?? [],
    action: 'REDRIVE',
    actionReason: 'a repair re-runs the unsuccessful children of a Map Run whose execution succeeded',
    ...children,
    itemSource: 'FIRST_ATTEMPT',
    repairable: reason === undefined,
    ...(reason !== undefined ? { reason } : {}),
  };
  return { description, args, plan, previous };
}

export async function planRedriveMapRun(
  ctx: EngineContext,
  request: Requests['planRedriveMapRun'],
): Promise<MapRunRepairPlan> {
  const { mapRunArn, mapRunChildren } = parseRequest('planRedriveMapRun', request);
  return (await read(ctx, mapRunArn, mapRunChildren)).plan;
}

export async function redriveMapRun(
  ctx: EngineContext,
  request: Requests['redriveMapRun'],
): Promise<RedriveExecutionOutput> {
  const { mapRunArn, mapRunChildren, clientToken } = parseRequest('redriveMapRun', request);
  const { description, args, plan, previous } = await read(ctx, mapRunArn, mapRunChildren);
  const repeated = description.lastRepair;
  if (clientToken && repeated?.clientToken === clientToken && Date.now() - repeated.redriveDate <= TOKEN_TTL_MS) {
    return { redriveDate: new Date(repeated.redriveDate) };
  }
  if (!plan.repairable) throw new MapRunNotRepairable(`Map Run ${mapRunArn} cannot be repaired: ${plan.reason}`);
  const redriveDate = Date.now();
  const { config } = args;
  const input: MapRunInput = {
    config,
    // As UpdateMapRun last set them: the description holds the settings the Map Run ended with.
    settings: {
      maxConcurrency: description.maxConcurrency,
      toleratedFailureCount: description.toleratedFailureCount,
      toleratedFailurePercentage: description.toleratedFailurePercentage,
    },
    redrive: {
      redriveCount: previous.redriveCount + 1,
      redriveDate,
      previous,
      ...(mapRunChildren ? { selection: mapRunChildren } : {}),
      repair: clientToken ? { clientToken } : {},
    },
  };
  // The same workflow id as the closed Map Run: a new run of it, which DescribeMapRun and ListMapRuns read.
  try {
    await ctx.client.workflow.start('mapRunWorkflow', {
      workflowId: mapRunArn,
      taskQueue: ctx.taskQueue,
      args: [input],
      typedSearchAttributes: mapRunSearchAttributes(mapRunArn, config.executionArn, config.labelledStateMachineArn),
    });
  } catch (error) {
    // Another repair started between the reading and the start.
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new MapRunNotRepairable(`Map Run ${mapRunArn} cannot be repaired: the Map Run is RUNNING`);
    }
    throw error;
  }
  return { redriveDate: new Date(redriveDate) };
}
