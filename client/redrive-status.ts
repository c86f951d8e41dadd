/**
 * DescribeExecution's redrive fields (sfn-spec §3.3): FAILED, TIMED_OUT and ABORTED executions are REDRIVABLE;
 * RUNNING and SUCCEEDED are not, with AWS's exact reason strings.
 */
import type { ExecutionStatus } from '../workflows/messages';

export function redriveStatusOf(status: ExecutionStatus): { redriveStatus: string; redriveStatusReason?: string } {
  if (status === 'RUNNING' || status === 'SUCCEEDED') {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${status} and cannot be redriven` };
  }
  return { redriveStatus: 'REDRIVABLE' };
}
