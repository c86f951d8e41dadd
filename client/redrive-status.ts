/**
 * DescribeExecution's redrive fields (sfn-spec §3.3): FAILED, TIMED_OUT and ABORTED executions are REDRIVABLE;
 * RUNNING and SUCCEEDED are not, with AWS's exact reason strings; Map Run children are REDRIVABLE_BY_MAP_RUN.
 */
import type { ExecutionStatus } from '../workflows/messages';

export function redriveStatusOf(
  status: ExecutionStatus,
  mapRunChild = false,
): { redriveStatus: string; redriveStatusReason?: string } {
  if (status === 'RUNNING' || status === 'SUCCEEDED') {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${status} and cannot be redriven` };
  }
  // A failed child of a Map Run is redriven by redriving its parent (sfn-spec §3.3).
  return { redriveStatus: mapRunChild ? 'REDRIVABLE_BY_MAP_RUN' : 'REDRIVABLE' };
}
