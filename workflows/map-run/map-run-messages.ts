/**
 * What a Map Run answers: DescribeMapRun and the redrive state (queries), UpdateMapRun (checked before it is
 * accepted, so a refused change leaves no trace in the history), and the partitions' reports and hand-backs (signals).
 */
import { setHandler } from '@temporalio/workflow';
import {
  describeMapRunQuery,
  mapRunRedriveStateQuery,
  notRedrivableChildrenQuery,
  partitionDemandSignal,
  partitionReportSignal,
  repairStateQuery,
  updateMapRunUpdate,
  type MapRunChange,
  type MapRunDescription,
  type MapRunStatus,
  type PartitionReport,
} from '../../messages/map-run';
import { expressChildContext, expressChildContextQuery } from './express-context';
import type { MapRunState } from './map-run-state';
import { childName } from './child-input';
import { notRedrivable } from './child-states';
import { redriveStateOf } from './redrive-state';
import { checkThreshold } from './thresholds';

/** Registers the Map Run's handlers; call it before the workflow's first await, so no early message is missed. */
export function handleMapRunMessages(run: MapRunState): void {
  setHandler(mapRunRedriveStateQuery, () => redriveStateOf(run));
  setHandler(describeMapRunQuery, () => describeMapRun(run));
  setHandler(repairStateQuery, () => ({ description: describeMapRun(run), redriveState: redriveStateOf(run) }));
  setHandler(notRedrivableChildrenQuery, () => notRedrivableChildren(run));
  setHandler(
    updateMapRunUpdate,
    (change) => {
      Object.assign(run.settings, definedOnly(change));
      Object.assign(run.description, run.settings);
      run.runner.rebalance();
      // Lowered thresholds may already be exceeded.
      checkThreshold(run);
    },
    { validator: (change) => validateMapRunChange(run.description.status, change) },
  );
  setHandler(partitionReportSignal, (report) => takePartitionReport(run, report));
  setHandler(partitionDemandSignal, ({ partition, demand }) => run.runner.handBack(partition, demand));
  // Express children of partitions running inside the Map Run are scheduled by it (local-partitions.ts).
  setHandler(expressChildContextQuery, () => expressChildContext(run.config));
}

/** A partition's failure report: by signal, or by a call from a partition running inside the Map Run. */
export function takePartitionReport(run: MapRunState, report: PartitionReport): void {
  // A partition's final report stands: a throttled failure report that arrives after it is older.
  if (!run.reports.get(report.partition)?.finished) run.reports.set(report.partition, report);
  checkThreshold(run);
}

/** The description with counts as of now, and the partitions running now with their last reported counts. */
function describeMapRun(run: MapRunState): MapRunDescription {
  return {
    ...run.description,
    ...run.countsNow(true),
    runningPartitions: run.runner.runningPartitions().map(({ index, workflowId }) => {
      const counts = run.reports.get(index) ?? run.waitingCounts(index);
      return { index, workflowId, items: counts.items, executions: counts.executions };
    }),
  };
}

/**
 * The names of the children this redrive leaves as they are: lower-case letters of the last attempt (child-states.ts),
 * and those a selective redrive did not pick (child-selection.ts). None of them is pending redrive.
 */
function notRedrivableChildren(run: MapRunState): string[] {
  const names: string[] = [];
  for (const [partition, left] of Object.entries(run.previous?.partitions ?? {})) {
    const held = new Set(left.held);
    [...left.childStates].forEach((letter, k) => {
      if (notRedrivable(letter) || held.has(k)) names.push(childName(run.config, Number(partition), k));
    });
  }
  return names;
}

/** UpdateMapRun's checks, with Step Functions' wording: a completed Map Run, or a value out of range. */
export function validateMapRunChange(status: MapRunStatus, change: MapRunChange): void {
  if (status !== 'RUNNING') throw new Error('CANNOT_UPDATE_COMPLETED_MAP_RUN: the Map Run has completed.');
  if (change.maxConcurrency !== undefined && !(Number.isInteger(change.maxConcurrency) && change.maxConcurrency >= 0)) {
    throw new Error('maxConcurrency must be an integer >= 0');
  }
  if (
    change.toleratedFailureCount !== undefined &&
    !(Number.isInteger(change.toleratedFailureCount) && change.toleratedFailureCount >= 0)
  ) {
    throw new Error('toleratedFailureCount must be an integer >= 0');
  }
  const p = change.toleratedFailurePercentage;
  if (p !== undefined && !(p >= 0 && p <= 100)) throw new Error('toleratedFailurePercentage must be between 0 and 100');
}

/** The fields a change sets: an absent one leaves the setting as it is. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
