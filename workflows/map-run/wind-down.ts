/**
 * How a Map Run ends, whatever ended it (its last partition, a failure, its parent's stop). Winding down is not
 * cancellable: running partitions finish aborting, results are written, then the Map Run takes its final counts
 * and status, upserts its search attributes, and returns the Map state's result or fails with its error.
 */
import { ApplicationFailure, CancellationScope, CancelledFailure, upsertSearchAttributes } from '@temporalio/workflow';
import type { Json } from '../../asl/json';
import { StatusKey, StopDateKey } from '../../messages/search-attributes';
import { mapRunActivities } from './activities';
import { stepFunctionsFailure } from './failures';
import type { MapRunState } from './map-run-state';
import { mapStateResult } from './map-state-result';
import { carryUnstarted, redriveStateWithFailure } from './redrive-state';

/**
 * `cancelled`: the parent execution was stopped, and the Map Run ends ABORTED. `writeResults: false`: nothing is
 * written (a refused redrive, which ran nothing, leaves the last attempt's results as they are).
 */
export function windDown(
  run: MapRunState,
  cancelled: boolean,
  options: { writeResults?: boolean } = {},
): Promise<Json> {
  const { config, description, runner } = run;
  return CancellationScope.nonCancellable(async () => {
    if (cancelled) {
      runner.abortAll();
      await runner.drain();
    }
    const writes = options.writeResults !== false && Boolean(config.resultWriter?.bucket) && !run.denied;
    if (writes && (run.failure || cancelled)) await runner.writePending(run.pages, run.reports);
    let output: Json = null;
    try {
      // The manifest is written whatever the outcome; a write fault only decides the outcome of a run that had none.
      const manifestKey = writes
        ? (await mapRunActivities().finalizeResults(config, description.redriveCount)).manifestKey
        : undefined;
      if (!run.failure && !cancelled) output = mapStateResult(config, run.pages, run.reports, manifestKey);
    } catch (error) {
      const failed = stepFunctionsFailure(error);
      if (!failed) throw error;
      run.failure ??= failed;
    }
    carryUnstarted(run);
    Object.assign(description, run.countsNow());
    description.status = cancelled ? 'ABORTED' : run.failure ? 'FAILED' : 'SUCCEEDED';
    description.stopDate = Date.now();
    if (run.failure) Object.assign(description, run.failure);
    upsertSearchAttributes([
      { key: StatusKey, value: description.status },
      { key: StopDateKey, value: new Date(description.stopDate) },
    ]);
    if (cancelled) throw new CancelledFailure('Map Run aborted: its execution was stopped');
    if (run.failure) {
      throw ApplicationFailure.create({
        type: run.failure.error,
        message: run.failure.cause ?? '',
        nonRetryable: true,
        details: redriveStateWithFailure(run),
      });
    }
    return output;
  });
}
