/**
 * Tolerated failures (sfn-spec §9): failed plus timed-out items, counted in items (a failed batch counts all its
 * items); the Map Run fails when a threshold is strictly exceeded. A threshold left at 0 does not apply when the
 * other one is set: `ToleratedFailurePercentage: 10` alone tolerates 1 failure in 10 (§13 behaviour 5).
 */
export const THRESHOLD_ERROR = 'States.ExceedToleratedFailureThreshold';
export const THRESHOLD_CAUSE = 'The specified tolerated failure threshold was exceeded';

export function exceedsToleratedFailures(
  failedItems: number,
  totalItems: number,
  toleratedFailureCount: number,
  toleratedFailurePercentage: number,
): boolean {
  const countApplies = toleratedFailureCount > 0 || toleratedFailurePercentage === 0;
  const percentageApplies = toleratedFailurePercentage > 0;
  const percentage = totalItems === 0 ? 0 : (failedItems / totalItems) * 100;
  return (
    (countApplies && failedItems > toleratedFailureCount) ||
    (percentageApplies && percentage > toleratedFailurePercentage)
  );
}
