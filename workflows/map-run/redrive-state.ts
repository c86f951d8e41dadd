/**
 * A Map Run redrive (sfn-spec §3.6) as the Map Run sees it: how many redrives it allows, what this attempt leaves
 * for the next one (the redrive state query), and the reports it takes over from the previous attempt.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { jsonByteLength, type Json } from '../../asl/json';
import type { MapRunRedriveState, PartitionReport } from '../../messages/map-run';
import type { MapRunConfig, MapRunInput } from './config';
import { rerunCount } from './child-states';
import { emptyCounts } from './counts';
import type { StepFunctionsFailure } from './failures';
import type { MapRunState } from './map-run-state';
import type { PartitionPage } from './pages';

/** Redrives of one Map Run Step Functions allows (sfn-spec §1.14). */
export const MAP_RUN_REDRIVE_LIMIT = 1000;

/** What one partition's last run left for a redrive. */
type PartitionLeft = MapRunRedriveState['partitions'][number];

/** The words of a refused redrive's cause, by which the execution's host also recognizes one (start-map-run.ts). */
export const REFUSED_REDRIVE = 'has been redriven the maximum number of times';

/** Why this redrive is refused (past the Map Run's redrive limit), or undefined when it may run. */
export function redriveRefusal(input: MapRunInput): StepFunctionsFailure | undefined {
  const { config, redrive } = input;
  if (!redrive || redrive.redriveCount <= (config.mapRunRedriveLimit ?? MAP_RUN_REDRIVE_LIMIT)) return undefined;
  return { error: 'States.Runtime', cause: `The Map Run ${config.mapRunArn} ${REFUSED_REDRIVE}.` };
}

/**
 * Map Runs begun before refused-redrive.ts: a redrive past the limit fails the Map Run with States.Runtime before it
 * does anything.
 */
export function checkRedriveLimit(input: MapRunInput): void {
  const refused = redriveRefusal(input);
  if (refused) throw ApplicationFailure.create({ type: refused.error, message: refused.cause, nonRetryable: true });
}

/** The answer to the redrive state query: the pages, and each finished partition's child states and counts. */
export function redriveStateOf(run: MapRunState): MapRunRedriveState {
  return {
    redriveCount: run.description.redriveCount,
    ...(run.description.redriveDate !== undefined ? { redriveDate: run.description.redriveDate } : {}),
    childrenStarted: run.childrenStarted,
    pages: run.pages,
    partitions: Object.fromEntries(
      [...run.reports]
        .filter(([, report]) => report.finished?.childStates !== undefined)
        .map(([index, report]) => [
          index,
          {
            childStates: report.finished!.childStates!,
            childRunIds: report.finished!.childRunIds ?? {},
            ...(report.finished!.childStopDates ? { childStopDates: report.finished!.childStopDates } : {}),
            ...(report.finished!.outputs ? { outputs: report.finished!.outputs } : {}),
            ...(report.finished!.notRedrivableItems ? { notRedrivableItems: report.finished!.notRedrivableItems } : {}),
            ...selectedBy(report.finished!),
            items: report.items,
            executions: report.executions,
          },
        ]),
    ),
  };
}

/**
 * The largest redrive state a failed Map Run hands its parent with its failure. Anything larger (or read from an
 * ItemReader, whose pages a redrive first marks with the partition run that read them, activities/map-run/
 * redrive-pages.ts) is read back by the parent with the redrive state query instead.
 */
export const REDRIVE_STATE_WITH_FAILURE_MAX_BYTES = 256 * 1024;

/**
 * The failure details of a failed Map Run: its redrive state, when small and its items came with the state input, so
 * that a redrive need not query the closed Map Run (the worker answers by replaying its whole history: about 0.35 s
 * for a Map Run of 10,000 items, where the rest of a sparse Express redrive takes about as long).
 */
export function redriveStateWithFailure(run: MapRunState): [Json] | [] {
  if (run.config.reader) return [];
  const state = redriveStateOf(run) as unknown as Json;
  return jsonByteLength(state) <= REDRIVE_STATE_WITH_FAILURE_MAX_BYTES ? [state] : [];
}

/**
 * Partitions whose children all succeeded last time are done: their final reports stand as they were. So do those a
 * selective redrive runs nothing of: what they did not succeed in is left as it is (child-selection.ts).
 */
export function keepSucceededPartitions(run: MapRunState, previous: MapRunRedriveState | undefined): void {
  for (const page of run.pages) {
    const left = previous?.partitions[page.index];
    if (left && /^S*$/.test(left.childStates)) run.reports.set(page.index, succeededReport(page, left, run.config));
    else if (left?.held && rerunCount(left.childStates, left.held) === 0) {
      run.reports.set(page.index, carriedReport(page, left));
    }
  }
}

/** The final report of a partition whose children all succeeded in an earlier attempt. */
function succeededReport(page: PartitionPage, left: PartitionLeft, config: MapRunConfig): PartitionReport {
  const items = { ...emptyCounts(page.itemCount), pending: 0, succeeded: page.itemCount };
  const children = left.childStates.length;
  const executions = { ...emptyCounts(children), pending: 0, succeeded: children };
  if (config.resultWriter?.bucket) Object.assign(items, { resultsWritten: page.itemCount });
  if (config.resultWriter?.bucket) Object.assign(executions, { resultsWritten: children });
  return {
    partition: page.index,
    items,
    executions,
    finished: {
      childStates: left.childStates,
      childRunIds: left.childRunIds,
      ...(left.outputs ? { outputs: left.outputs } : {}),
      ...selectedBy(left),
    },
  };
}

/** What a selective redrive selects children by (child-selection.ts), carried from one attempt to the next. */
function selectedBy(from: Pick<PartitionLeft, 'childErrors' | 'childItemCounts'>): Partial<PartitionLeft> {
  return {
    ...(from.childErrors ? { childErrors: from.childErrors } : {}),
    ...(from.childItemCounts ? { childItemCounts: from.childItemCounts } : {}),
  };
}

/** A partition this attempt could not re-run: it reports what its last run left, counts included. */
export function carriedReport(page: PartitionPage, left: PartitionLeft): PartitionReport {
  return {
    partition: page.index,
    items: left.items ?? emptyCounts(page.itemCount),
    executions: left.executions ?? emptyCounts(left.childStates.length),
    finished: {
      childStates: left.childStates,
      childRunIds: left.childRunIds,
      ...(left.childStopDates ? { childStopDates: left.childStopDates } : {}),
      ...(left.outputs ? { outputs: left.outputs } : {}),
      ...(left.notRedrivableItems ? { notRedrivableItems: left.notRedrivableItems } : {}),
      ...selectedBy(left),
    },
  };
}

/**
 * A redrive that ends before restarting some partitions (its parent stopped, a threshold tripped): they keep what
 * their last attempt left, so the final counts keep their successes and the next redrive still re-runs only their
 * unsuccessful children.
 */
export function carryUnstarted(run: MapRunState): void {
  for (const page of run.pages) {
    const left = run.previous?.partitions[page.index];
    if (left && !run.reports.has(page.index)) run.reports.set(page.index, carriedReport(page, left));
  }
}
