/**
 * The tolerated-failure thresholds (ToleratedFailureCount / ToleratedFailurePercentage): once more items failed or
 * timed out than the Map Run tolerates, it fails with States.ExceedToleratedFailureThreshold. Checked on every
 * partition report and after every UpdateMapRun, which may lower the thresholds under what already failed.
 */
import { exceedsToleratedFailures, THRESHOLD_CAUSE, THRESHOLD_ERROR } from '../../asl/map-run/threshold';
import { failuresOf } from './counts';
import type { MapRunState } from './map-run-state';

export function checkThreshold(run: MapRunState): void {
  // A Map Run that already fails or has ended keeps its outcome.
  if (run.failure || run.description.status !== 'RUNNING') return;
  const { itemCounts } = run.countsNow();
  const tripped = exceedsToleratedFailures(
    failuresOf(itemCounts),
    itemCounts.total,
    run.settings.toleratedFailureCount,
    run.settings.toleratedFailurePercentage,
  );
  if (tripped) run.fail({ error: THRESHOLD_ERROR, cause: THRESHOLD_CAUSE });
}
