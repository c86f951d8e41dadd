/**
 * DescribeExecution's redriveStatus as of now. An execution answers with its verdict at its last workflow task; a
 * Map Run child's workflow has closed with the child, so the end of its redrivable period (sfn-spec §3.2) is checked
 * here, against this clock.
 */
import type { ExecutionDescription } from '../messages/execution';

export function redriveStatusNow(
  d: Pick<ExecutionDescription, 'redriveStatus' | 'redriveStatusReason' | 'redrivableUntil'>,
  now = Date.now(),
): { redriveStatus: ExecutionDescription['redriveStatus']; redriveStatusReason?: string } {
  if (d.redriveStatus !== 'NOT_REDRIVABLE' && d.redrivableUntil !== undefined && now > d.redrivableUntil) {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution redrivable period exceeded' };
  }
  return {
    redriveStatus: d.redriveStatus,
    ...(d.redriveStatusReason !== undefined ? { redriveStatusReason: d.redriveStatusReason } : {}),
  };
}
