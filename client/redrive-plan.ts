/**
 * planRedrive (issue #16, this engine's addition): what RedriveExecution would do now, read without changing anything.
 * The execution answers where a redrive re-enters it and what it remembers of its Map Runs (redrivePlanStateQuery);
 * each Map Run it would redrive answers what its last attempt left (its redrive state query). The decisions are the
 * redrive's own: the same rules as workflows/map-run/start-map-run.ts, the same counting pieces (redrive-children-
 * plan.ts).
 */
import { mostHandlerCalls } from '../asl/handler-calls';
import { exceedsToleratedFailures } from '../asl/map-run/threshold';
import { pathKey } from '../asl/interpreter/branch-memory';
import { redrivePlanStateQuery } from '../messages/execution';
import type { MapRunDescription, MapRunRedriveState } from '../messages/map-run';
import type { Branch } from '../asl/types';
import type {
  ExecutionRedrivePlanState,
  MapRunChildSelection,
  MapRunRedrivePlan,
  RedrivePlan,
  RedrivePlanState,
} from '../messages/redrive-plan';
import { planChildren, rerunTotal } from '../workflows/map-run/redrive-children-plan';
import { NEW_MAP_RUN_ERRORS } from '../workflows/map-run/start-map-run';
import type { EngineContext } from './engine-context';
import { describeRaw as describeExecutionRaw } from './execution-description';
import { describeWithRedriveState } from './map-runs';
import { redriveStatusNow } from './redrive-status';
import { parseRequest, type Requests } from './requests';

type LastMapRun = ExecutionRedrivePlanState['mapRuns'][number];

export async function planRedrive(ctx: EngineContext, request: Requests['planRedrive']): Promise<RedrivePlan> {
  const { executionArn, mapRunChildren } = parseRequest('planRedrive', request);
  const description = await describeExecutionRaw(ctx, executionArn);
  const verdict = redriveStatusNow(description);
  const base = { executionArn, ...verdict, ...(mapRunChildren ? { mapRunChildren } : {}) };
  if (verdict.redriveStatus !== 'REDRIVABLE') return { ...base, states: [], mapRuns: [] };
  const memory = await ctx.client.workflow.getHandle(executionArn).query(redrivePlanStateQuery);
  const states = reenteredStates(memory);
  const reentered = new Set(states.map((s) => pathKey(s.path)));
  const now = Date.now();
  const mapRuns = await Promise.all(
    memory.mapRuns
      .filter((last) => reentered.has(pathKey(last.statePath)))
      .map((last) => planMapRun(ctx, last, now, mapRunChildren)),
  );
  return { ...base, states, mapRuns };
}

/**
 * The top-level state the redrive re-enters, then each unfinished Parallel branch or Map iteration's state where it
 * stopped (it resumes there with that input; branches that succeeded are reused, those never started run whole).
 */
function reenteredStates(memory: ExecutionRedrivePlanState): RedrivePlanState[] {
  if (!memory.lastEntered) return [];
  const top = { name: memory.lastEntered.name, path: [memory.lastEntered.name], input: memory.lastEntered.input };
  const nested = memory.branches
    .filter((record) => record.lastEntered !== undefined)
    .map((record) => ({
      name: record.lastEntered!.name,
      path: [...record.path, record.lastEntered!.name],
      input: record.lastEntered!.input,
    }))
    .sort((a, b) => comparePaths(a.path, b.path));
  return [top, ...nested];
}

/** Outermost first, then in branch and iteration order. */
function comparePaths(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' && typeof b[i] === 'number'
      ? (a[i] as number) - (b[i] as number)
      : String(a[i]).localeCompare(String(b[i]));
  }
  return a.length - b.length;
}

/** Why a re-entered Distributed Map starts a new Map Run rather than redriving its last one; undefined: it redrives. */
function newMapRunReason(last: LastMapRun, childrenStarted: boolean | undefined): string | undefined {
  if (last.error === undefined) return 'its last Map Run did not fail: the state runs again from its start';
  if (NEW_MAP_RUN_ERRORS.has(last.error) && !last.keepsMapRun) {
    return `its Map Run failed with ${last.error}: a redrive runs the Distributed Map again in full (sfn-spec §3.6)`;
  }
  if (childrenStarted === false) return 'its Map Run never started a child: a redrive starts it for the first time';
  return undefined;
}

export async function planMapRun(
  ctx: EngineContext,
  last: LastMapRun,
  now: number,
  selection: MapRunChildSelection | undefined,
): Promise<MapRunRedrivePlan> {
  const { description, redriveState: previous } = await describeWithRedriveState(ctx, last.mapRunArn);
  const stateName = String(last.statePath.at(-1));
  const reason = newMapRunReason(last, previous.childrenStarted);
  if (reason !== undefined) {
    const items = description.itemCounts.total;
    const perChild = mostHandlerCalls(last.processor);
    return {
      mapRunArn: last.mapRunArn,
      stateName,
      statePath: last.statePath,
      action: 'NEW_MAP_RUN',
      actionReason: reason,
      rerun: { failed: 0, timedOut: 0, aborted: 0, pending: items },
      kept: { notRedrivable: 0, notSelected: 0, notRedrivableReasons: {} },
      succeeded: 0,
      errors: {},
      itemSource: last.itemReader ? 'READ_AGAIN' : 'FIRST_ATTEMPT',
      maxHandlerCalls: perChild === undefined ? null : perChild * description.executionCounts.total,
      keptFailuresExceedThreshold: false,
    };
  }
  const { reruns: _reruns, ...children } = childrenPlan(previous, description, {
    executionType: last.executionType,
    processor: last.processor,
    redriveDate: now,
    ...(last.childRedrivablePeriodMs !== undefined ? { childRedrivablePeriodMs: last.childRedrivablePeriodMs } : {}),
    ...(selection ? { selection } : {}),
  });
  return {
    mapRunArn: last.mapRunArn,
    stateName,
    statePath: last.statePath,
    action: 'REDRIVE',
    actionReason: `${last.error === 'ABORTED' ? 'its Map Run was aborted' : `its Map Run failed with ${last.error}`}: a redrive re-runs only its unsuccessful children`,
    ...children,
    itemSource: 'FIRST_ATTEMPT',
  };
}

type ChildrenPlan = Pick<
  MapRunRedrivePlan,
  'rerun' | 'kept' | 'succeeded' | 'errors' | 'maxHandlerCalls' | 'keptFailuresExceedThreshold'
> & { reruns: number };

/**
 * What a redrive or a repair of the Map Run runs again and keeps (redrive-children-plan.ts), the most handler calls
 * that can cause, and whether the failures it keeps already exceed the Map Run's threshold; `reruns`: the children run.
 */
export function childrenPlan(
  previous: MapRunRedriveState,
  description: MapRunDescription,
  options: Parameters<typeof planChildren>[1] & { processor: Branch },
): ChildrenPlan {
  const { processor, ...counting } = options;
  const { keptFailedItems, totalItems, ...counts } = planChildren(previous, counting);
  const reruns = rerunTotal(counts);
  const perChild = mostHandlerCalls(processor);
  const { toleratedFailureCount, toleratedFailurePercentage } = description;
  return {
    ...counts,
    maxHandlerCalls: perChild === undefined ? null : perChild * reruns,
    keptFailuresExceedThreshold: exceedsToleratedFailures(
      keptFailedItems,
      totalItems,
      toleratedFailureCount,
      toleratedFailurePercentage,
    ),
    reruns,
  };
}
