/**
 * Which children of a Map Run are PENDING_REDRIVE (sfn-spec §3.6, behaviour 12): while a redrive of the Map Run is
 * under way, an unsuccessful child that has not yet been started again is waiting for a slot under MaxConcurrency.
 * Its own workflow is closed (FAILED, TIMED_OUT or ABORTED); its next run starts when it gets a slot. So a child is
 * pending redrive when the Map Run is RUNNING a redrive and the child's latest run closed unsuccessfully and began
 * before that redrive. Once the Map Run completes or is aborted, no child is pending any more.
 */
import { describeMapRunQuery } from '../messages/map-run';
import type { EngineContext } from './engine-context';
import { isNotFound } from '../activities/temporal-errors';

const UNSUCCESSFUL: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** The date of the redrive under way (ms), or undefined when the Map Run is not running a redrive. */
export async function redriveUnderWay(ctx: EngineContext, mapRunArn: string): Promise<number | undefined> {
  try {
    const d = await ctx.client.workflow.getHandle(mapRunArn).query(describeMapRunQuery);
    return d.status === 'RUNNING' && d.redriveCount > 0 ? d.redriveDate : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function isPendingRedrive(
  child: { status: string; latestRunStart: Date },
  redriveDate: number | undefined,
): boolean {
  return redriveDate !== undefined && UNSUCCESSFUL.has(child.status) && child.latestRunStart.getTime() < redriveDate;
}
