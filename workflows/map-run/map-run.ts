/**
 * The Map Run actor (workflow id = Map Run ARN): reads how many items there are, runs them in partitions under
 * MaxConcurrency, watches the tolerated-failure thresholds, writes the ResultWriter manifest, and ends with the
 * Map state's result, or fails with the Map Run's error. Stopped (cancelled) by its parent, it first winds down:
 * running Standard children end ABORTED, Express ones are awaited, results are written.
 *
 * The pieces, in the order they act: map-run-state.ts (what the Map Run knows), map-run-messages.ts (queries,
 * UpdateMapRun and the partitions' reports), redrive-state.ts, permission-check.ts, thresholds.ts, wind-down.ts.
 */
import { ApplicationFailure, isCancellation, patched } from '@temporalio/workflow';
import type { Json } from '../../asl/json';
import { mapRunActivities } from './activities';
import type { MapRunConfig, MapRunInput } from './config';
import { stepFunctionsFailure } from './failures';
import { handleMapRunMessages, takePartitionReport } from './map-run-messages';
import { MapRunState } from './map-run-state';
import { SCAN_LIMITS, slicePages, type PartitionPage } from './pages';
import { checkPermissions } from './permission-check';
import { checkRedriveLimit, keepSucceededPartitions, redriveRefusal } from './redrive-state';
import { HARD_REDRIVE_LIMIT_PATCH, keepLastAttempt } from './refused-redrive';
import { checkThreshold } from './thresholds';
import { withExpiredChildren } from './expired-children';
import { withSelection } from './child-selection';
import { windDown } from './wind-down';

export async function mapRunWorkflow(started: MapRunInput): Promise<Json> {
  // A redrive leaves children past their own redrivable period as they are (expired-children.ts).
  // A selective redrive leaves the unsuccessful children it does not pick as they are (child-selection.ts).
  const input = withSelection(withExpiredChildren(started));
  const { config } = input;
  const previous = input.redrive?.previous;
  const run = new MapRunState(input);
  handleMapRunMessages(run);

  const refused = redriveRefusal(input);
  if (refused && patched(HARD_REDRIVE_LIMIT_PATCH)) {
    keepLastAttempt(run, previous!);
    run.fail(refused);
    return windDown(run, false, { writeResults: false });
  }

  let cancelled = false;
  try {
    checkRedriveLimit(input);
    // Roles and policies (README): the scan checks each object it reads, then the writes and child starts.
    const checksPermissions = patched('map-run-permissions');
    run.pages = previous ? previous.pages : await listPages(config, input.items, checksPermissions);
    keepSucceededPartitions(run, previous);
    const toRun = run.pages.filter((page) => !run.reports.has(page.index));
    if (checksPermissions) await checkPermissions(run, toRun, input.redrive);
    if (toRun.length > 0) run.childrenStarted = true;
    await run.runner.runAll(
      toRun,
      (report) => {
        run.reports.set(report.partition, report);
        if (report.finished?.fault) run.fail(report.finished.fault);
        checkThreshold(run);
      },
      (report) => takePartitionReport(run, report),
    );
  } catch (error) {
    const failed = stepFunctionsFailure(error);
    if (isCancellation(error)) cancelled = true;
    else if (failed) run.fail(failed);
    else throw error;
  }
  return windDown(run, cancelled);
}

/** The pages of items: sliced here from the state input, or scanned from the ItemReader's source by an activity. */
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
