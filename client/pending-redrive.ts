/**
 * Which children of a Map Run are PENDING_REDRIVE (sfn-spec §3.6, behaviour 12): while a redrive of the Map Run is
 * under way, an unsuccessful child that has not yet been started again is waiting for a slot under MaxConcurrency.
 * Its own workflow is closed (FAILED, TIMED_OUT or ABORTED); its next run starts when it gets a slot. So a child is
 * pending redrive when the Map Run is RUNNING a redrive, the child's latest run closed unsuccessfully and began
 * before that redrive, and the redrive re-runs it: one it leaves as it is (past its history event limit or its own
 * redrivable period, failuresNotRedrivable) keeps its status. Once the Map Run completes or is aborted, no child is
 * pending any more.
 */
import { describeMapRunQuery, notRedrivableChildrenQuery } from '../messages/map-run';
import type { EngineContext } from './engine-context';
import { isNotFound } from '../activities/temporal-errors';

const UNSUCCESSFUL: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** The redrive under way: its date (ms) and the names of the children it leaves as they are. */
export interface RedriveUnderWay {
  redriveDate: number;
  notRedrivable: ReadonlySet<string>;
}

/** The redrive under way, or undefined when the Map Run is not running a redrive. */
export async function redriveUnderWay(ctx: EngineContext, mapRunArn: string): Promise<RedriveUnderWay | undefined> {
  try {
    const handle = ctx.client.workflow.getHandle(mapRunArn);
    const d = await handle.query(describeMapRunQuery);
    if (d.status !== 'RUNNING' || d.redriveCount === 0 || d.redriveDate === undefined) return undefined;
    return { redriveDate: d.redriveDate, notRedrivable: new Set(await handle.query(notRedrivableChildrenQuery)) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function isPendingRedrive(
  child: { name: string; status: string; latestRunStart: Date },
  redrive: RedriveUnderWay | undefined,
): boolean {
  return (
    redrive !== undefined &&
    UNSUCCESSFUL.has(child.status) &&
    child.latestRunStart.getTime() < redrive.redriveDate &&
    !redrive.notRedrivable.has(child.name)
  );
}
