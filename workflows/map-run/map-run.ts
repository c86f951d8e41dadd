/**
 * The Map Run actor (workflow id = Map Run ARN): reads how many items there are, runs them in partitions under
 * MaxConcurrency, watches the tolerated-failure thresholds, writes the ResultWriter manifest, and ends with the
 * Map state's result, or fails with the Map Run's error. Stopped (cancelled) by its parent, it first winds down:
 * running Standard children end ABORTED, Express ones are awaited, results are written.
 */
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { jsonByteLength, type Json } from '../../asl/json';
import { shapeOutputs } from '../../asl/map-run/results';
import { exceedsToleratedFailures, THRESHOLD_CAUSE, THRESHOLD_ERROR } from '../../asl/map-run/threshold';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import { StatusKey, StopDateKey } from '../../messages/search-attributes';
import { mapRunActivities } from './activities';
import type { MapRunConfig } from './config';
import { addCounts, emptyCounts, failuresOf, type MapRunCounts } from './counts';
import {
  describeMapRunQuery,
  mapRunRedriveStateQuery,
  partitionReportSignal,
  type MapRunRedriveState,
  updateMapRunUpdate,
  type MapRunDescription,
  type PartitionReport,
} from '../../messages/map-run';
import { expectedChildren, SCAN_LIMITS, slicePages, type PartitionPage } from './pages';
import { PartitionRunner } from './partition-runner';
import { stepFunctionsFailure } from './failures';
import { errorForDenied, startRequests } from './permissions';

export interface MapRunSettingsInput {
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

export interface MapRunInput {
  config: MapRunConfig;
  /** Items from the state input (absent with an ItemReader). */
  items?: Json[];
  settings: MapRunSettingsInput;
  /** A redrive: the same Map Run again, re-running only what did not succeed (sfn-spec §3.6). */
  redrive?: { redriveCount: number; redriveDate: number; previous: MapRunRedriveState };
}

/** Redrives of one Map Run Step Functions allows (sfn-spec §1.14). */
export const MAP_RUN_REDRIVE_LIMIT = 1000;

interface Failure {
  error: string;
  cause?: string;
}

export async function mapRunWorkflow(input: MapRunInput): Promise<Json> {
  const { config } = input;
  const settings = { ...input.settings };
  const description: MapRunDescription = {
    mapRunArn: config.mapRunArn,
    executionArn: config.executionArn,
    stateMachineArn: config.labelledStateMachineArn,
    label: config.label,
    status: 'RUNNING',
    startDate: workflowInfo().startTime.getTime(),
    ...settings,
    itemCounts: emptyCounts(),
    executionCounts: emptyCounts(),
    redriveCount: input.redrive?.redriveCount ?? 0,
    ...(input.redrive ? { redriveDate: input.redrive.redriveDate } : {}),
  };
  let pages: PartitionPage[] = [];
  const reports = new Map<number, PartitionReport>();
  let failure: Failure | undefined;
  // With 100% tolerated no failure can trip the threshold, so partitions need not report them.
  const previous = input.redrive?.previous;
  const runner = new PartitionRunner(
    config,
    () => settings.maxConcurrency,
    () => settings.toleratedFailurePercentage < 100,
    (index) => {
      const left = previous?.partitions[index];
      return left && input.redrive ? { ...left, redriveCount: input.redrive.redriveCount } : undefined;
    },
  );
  /** Partitions were started in this attempt or an earlier one: a redrive then re-runs this Map Run's items. */
  let childrenStarted = Boolean(previous);
  setHandler(mapRunRedriveStateQuery, () => ({
    redriveCount: description.redriveCount,
    childrenStarted,
    pages,
    partitions: Object.fromEntries(
      [...reports]
        .filter(([, report]) => report.finished?.childStates !== undefined)
        .map(([index, report]) => [
          index,
          {
            childStates: report.finished!.childStates!,
            childRunIds: report.finished!.childRunIds ?? {},
            ...(report.finished!.outputs ? { outputs: report.finished!.outputs } : {}),
            items: report.items,
            executions: report.executions,
          },
        ]),
    ),
  }));

  setHandler(describeMapRunQuery, () => ({
    ...description,
    ...countsNow(),
    runningPartitions: runner.runningPartitions().map(({ index, workflowId }) => {
      const page = pages[index];
      const report = reports.get(index);
      return {
        index,
        workflowId,
        items: report?.items ?? emptyCounts(page?.itemCount ?? 0),
        executions: report?.executions ?? emptyCounts(page ? expectedChildren(page, config.batcher) : 0),
      };
    }),
  }));
  setHandler(
    updateMapRunUpdate,
    (change) => {
      Object.assign(settings, definedOnly(change));
      Object.assign(description, settings);
      runner.rebalance();
      checkThreshold();
    },
    {
      validator: (change) => {
        if (description.status !== 'RUNNING')
          throw new Error('CANNOT_UPDATE_COMPLETED_MAP_RUN: the Map Run has completed.');
        if (
          change.maxConcurrency !== undefined &&
          !(Number.isInteger(change.maxConcurrency) && change.maxConcurrency >= 0)
        ) {
          throw new Error('maxConcurrency must be an integer >= 0');
        }
        if (
          change.toleratedFailureCount !== undefined &&
          !(Number.isInteger(change.toleratedFailureCount) && change.toleratedFailureCount >= 0)
        ) {
          throw new Error('toleratedFailureCount must be an integer >= 0');
        }
        const p = change.toleratedFailurePercentage;
        if (p !== undefined && !(p >= 0 && p <= 100))
          throw new Error('toleratedFailurePercentage must be between 0 and 100');
      },
    },
  );
  setHandler(partitionReportSignal, (report) => {
    if (!reports.get(report.partition)?.finished) reports.set(report.partition, report);
    checkThreshold();
  });

  function countsNow(): { itemCounts: MapRunCounts; executionCounts: MapRunCounts } {
    const itemCounts = emptyCounts();
    const executionCounts = emptyCounts();
    for (const page of pages) {
      const report = reports.get(page.index);
      if (report) {
        addCounts(itemCounts, report.items);
        addCounts(executionCounts, report.executions);
      } else {
        addCounts(itemCounts, emptyCounts(page.itemCount));
        addCounts(executionCounts, emptyCounts(expectedChildren(page, config.batcher)));
      }
    }
    return { itemCounts, executionCounts };
  }

  function checkThreshold(): void {
    if (failure || description.status !== 'RUNNING') return;
    const { itemCounts } = countsNow();
    const tripped = exceedsToleratedFailures(
      failuresOf(itemCounts),
      itemCounts.total,
      settings.toleratedFailureCount,
      settings.toleratedFailurePercentage,
    );
    if (tripped) fail({ error: THRESHOLD_ERROR, cause: THRESHOLD_CAUSE });
  }

  function fail(f: Failure): void {
    failure ??= f;
    runner.abortAll();
  }

  let cancelled = false;
  /** The role may not do what the Map Run needs: nothing was written, and nothing is written now either. */
  let denied = false;
  try {
    if (input.redrive && input.redrive.redriveCount > (config.mapRunRedriveLimit ?? MAP_RUN_REDRIVE_LIMIT)) {
      throw ApplicationFailure.create({
        type: 'States.Runtime',
        message: `The Map Run ${config.mapRunArn} has been redriven the maximum number of times.`,
        nonRetryable: true,
      });
    }
    // Roles and policies (README): the scan checks each object it reads, then the writes and child starts.
    const checksPermissions = patched('map-run-permissions');
    pages = previous ? previous.pages : await listPages(config, input.items, checksPermissions);
    // Partitions whose children all succeeded last time are done: their final reports stand as they were.
    for (const page of pages) {
      const left = previous?.partitions[page.index];
      if (left && /^S*$/.test(left.childStates)) reports.set(page.index, succeededReport(page, left, config));
    }
    const toRun = pages.filter((page) => !reports.has(page.index));
    if (checksPermissions && (toRun.length > 0 || config.resultWriter?.bucket)) {
      const requests = startRequests(config, { children: toRun.length > 0, redrive: Boolean(input.redrive) });
      const denial = await mapRunActivities().checkPermissions(config.roleArn, requests);
      if (denial) {
        denied = true;
        // What the earlier attempts left stands: the next redrive picks it up again.
        for (const page of toRun) {
          const left = previous?.partitions[page.index];
          if (left) reports.set(page.index, carriedReport(page, left));
        }
        throw ApplicationFailure.create({
          type: errorForDenied(denial.request.action),
          message: denial.message,
          nonRetryable: true,
        });
      }
    }
    if (toRun.length > 0) childrenStarted = true;
    await runner.runAll(toRun, (report) => {
      reports.set(report.partition, report);
      if (report.finished?.fault) fail(report.finished.fault);
      checkThreshold();
    });
  } catch (error) {
    const failed = stepFunctionsFailure(error);
    if (isCancellation(error)) cancelled = true;
    else if (failed) fail(failed);
    else throw error;
  }

  // Winding down is not cancellable: running partitions finish aborting, results are written.
  return CancellationScope.nonCancellable(async () => {
    if (cancelled) {
      runner.abortAll();
      await runner.drain();
    }
    const writes = Boolean(config.resultWriter?.bucket) && !denied;
    if (writes && (failure || cancelled)) await runner.writePending(pages, reports);
    let output: Json = null;
    try {
      // The manifest is written whatever the outcome; a write fault only decides the outcome of a run that had none.
      const manifestKey = writes
        ? (await mapRunActivities().finalizeResults(config, description.redriveCount)).manifestKey
        : undefined;
      if (!failure && !cancelled) output = resultOf(config, pages, reports, manifestKey);
    } catch (error) {
      const failed = stepFunctionsFailure(error);
      if (!failed) throw error;
      failure ??= failed;
    }
    Object.assign(description, countsNow());
    description.status = cancelled ? 'ABORTED' : failure ? 'FAILED' : 'SUCCEEDED';
    description.stopDate = Date.now();
    if (failure) Object.assign(description, failure);
    upsertSearchAttributes([
      { key: StatusKey, value: description.status },
      { key: StopDateKey, value: new Date(description.stopDate) },
    ]);
    if (cancelled) throw new CancelledFailure('Map Run aborted: its execution was stopped');
    if (failure)
      throw ApplicationFailure.create({ type: failure.error, message: failure.cause ?? '', nonRetryable: true });
    return output;
  });
}

/** The final report of a partition whose children all succeeded in an earlier attempt. */
function succeededReport(
  page: PartitionPage,
  left: MapRunRedriveState['partitions'][number],
  config: MapRunConfig,
): PartitionReport {
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
    },
  };
}

/** A partition this attempt could not re-run: it reports what its last run left, counts included. */
function carriedReport(page: PartitionPage, left: MapRunRedriveState['partitions'][number]): PartitionReport {
  return {
    partition: page.index,
    items: left.items ?? emptyCounts(page.itemCount),
    executions: left.executions ?? emptyCounts(left.childStates.length),
    finished: {
      childStates: left.childStates,
      childRunIds: left.childRunIds,
      ...(left.outputs ? { outputs: left.outputs } : {}),
    },
  };
}

async function listPages(
  config: MapRunConfig,
  items: Json[] | undefined,
  checksPermissions: boolean,
): Promise<PartitionPage[]> {
  if (items) return slicePages(items, config.batcher?.maxItemsPerBatch);
  const reader = config.reader!;
  if (reader.maxItems !== undefined && reader.maxItems < 0) {
    throw ApplicationFailure.create({
      type: 'States.ItemReaderFailed',
      message: 'field MaxItems must be positive',
      nonRetryable: true,
    });
  }
  const limits = SCAN_LIMITS(config.batcher?.maxItemsPerBatch);
  const scan = checksPermissions
    ? await mapRunActivities().scanItemPages(reader, limits, config.roleArn)
    : await mapRunActivities().scanItemPages(reader, limits);
  return scan.pages.map((page) => ({
    index: page.index,
    firstItem: page.firstItem,
    itemCount: page.itemCount,
    itemBytes: page.itemBytes,
    cursor: page.cursor,
  }));
}

/** The Map state's result: the manifest reference when exported, else the outputs in item order. */
function resultOf(
  config: MapRunConfig,
  pages: PartitionPage[],
  reports: Map<number, PartitionReport>,
  manifestKey: string | undefined,
): Json {
  if (config.resultWriter?.bucket && manifestKey !== undefined) {
    return {
      MapRunArn: config.mapRunArn,
      ResultWriterDetails: { Bucket: config.resultWriter.bucket, Key: manifestKey },
    };
  }
  const outputs: Json[] = [];
  for (const page of pages) {
    const finished = reports.get(page.index)?.finished;
    if (!finished || finished.outputsOverflow || !finished.outputs) throw dataLimitExceeded(config);
    const byChild = Object.entries(finished.outputs).sort(([a], [b]) => Number(a) - Number(b));
    outputs.push(...byChild.map(([, output]) => output));
  }
  const result = shapeOutputs(outputs, config.resultWriter?.transformation);
  if (jsonByteLength(result) > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(config);
  return result;
}

/** Without a ResultWriter the outputs are the state's result, so they share its 256 KiB quota (sfn-spec §1.12). */
function dataLimitExceeded(config: MapRunConfig): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'States.DataLimitExceeded',
    message:
      `The Map Run ${config.mapRunArn} produced a result with a size exceeding the maximum number of bytes service ` +
      'limit; use a ResultWriter to export large results.',
    nonRetryable: true,
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
