/**
 * The worker's copy of each Map Run's Express child context (workflows/map-run/express-context.ts): fetched once
 * per Map Run from the partition that scheduled the child, then shared by every child of that Map Run this worker
 * runs. Children arriving together wait for the same fetch. Bounded: the oldest Map Runs are forgotten first.
 */
import { Context } from '@temporalio/activity';
import { expressChildContextQuery, type ExpressChildContext } from '../../workflows/map-run/express-context';
import { mapRunArnOfPartition } from '../../workflows/map-run/partition-id';

const MAX_ENTRIES = 256;

/** The Map Run whose partition scheduled the calling activity, or the Map Run itself (local-partitions.ts). */
export function schedulingMapRun(context: Context): string | undefined {
  const { workflowExecution: partition, workflowType } = context.info;
  if (!partition) return undefined;
  return workflowType === 'mapRunWorkflow' ? partition.workflowId : mapRunArnOfPartition(partition.workflowId);
}

export class ExpressContextCache {
  private readonly entries = new Map<string, Promise<ExpressChildContext>>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** The context of the Map Run whose partition scheduled the calling activity. */
  get(): Promise<ExpressChildContext> {
    const partition = Context.current().info.workflowExecution;
    const mapRunArn = schedulingMapRun(Context.current());
    if (!partition || !mapRunArn) {
      throw new Error(`runExpressChild needs the ItemProcessor: it was not scheduled by a Map Run partition`);
    }
    const known = this.entries.get(mapRunArn);
    if (known) return known;
    const fetched = Context.current()
      .client.workflow.getHandle(partition.workflowId, partition.runId)
      .query(expressChildContextQuery);
    this.entries.set(mapRunArn, fetched);
    // A failed fetch is not kept: the activity's retry asks again.
    void fetched.catch(() => {
      if (this.entries.get(mapRunArn) === fetched) this.entries.delete(mapRunArn);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return fetched;
  }
}
