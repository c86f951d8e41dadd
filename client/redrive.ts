/**
 * RedriveExecution (sfn-spec §3.1): a `redrive` update to the execution actor, whose validator refuses what is
 * not redrivable with the reason DescribeExecution shows. Idempotent per clientToken for 15 minutes.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { redriveExecutionUpdate } from '../messages/execution';
import type { EngineContext } from './engine-context';
import { ExecutionNotRedrivable } from './errors';
import { describeRaw } from './execution-description';
import { parseRequest, type Requests } from './requests';
import { isNotFound } from '../activities/temporal-errors';
import type { RedriveExecutionOutput } from '../messages/responses';
import type { MapRunChildSelection } from '../messages/redrive-plan';
import { rerunTotal } from '../workflows/map-run/redrive-children-plan';
import { planRedrive } from './redrive-plan';

export async function redriveExecution(
  ctx: EngineContext,
  request: Requests['redriveExecution'],
): Promise<RedriveExecutionOutput> {
  const { executionArn, clientToken, mapRunChildren } = parseRequest('redriveExecution', request);
  if (mapRunChildren) await refuseEmptySelection(ctx, executionArn, mapRunChildren);
  try {
    const { redriveDate } = await ctx.client.workflow.getHandle(executionArn).executeUpdate(redriveExecutionUpdate, {
      args: [{ ...(clientToken ? { clientToken } : {}), ...(mapRunChildren ? { mapRunChildren } : {}) }],
    });
    return { redriveDate: new Date(redriveDate) };
  } catch (error) {
    const message = error instanceof WorkflowUpdateFailedError ? String(error.cause?.message ?? error.message) : '';
    const refused = /ExecutionNotRedrivable: (.*)$/.exec(message);
    if (refused) throw new ExecutionNotRedrivable(refused[1] ?? 'Execution is not redrivable');
    // A closed actor: it succeeded, its redrivable period is over, or it predates redrive. Described only now (an
    // unknown ARN then fails as DescribeExecution does): a redrive that is accepted needs no round trip before it.
    if (isNotFound(error) || /completed|not found/i.test(String((error as Error).message))) {
      const current = await describeRaw(ctx, executionArn);
      throw new ExecutionNotRedrivable(current.redriveStatusReason ?? 'Execution redrivable period exceeded');
    }
    throw error;
  }
}

/**
 * A selective redrive that would run none of the children of the Map Runs it redrives is refused, saying so, rather
 * than re-entering the execution to fail the same way (the plan it is judged by is planRedrive's).
 */
async function refuseEmptySelection(
  ctx: EngineContext,
  executionArn: string,
  mapRunChildren: MapRunChildSelection,
): Promise<void> {
  const plan = await planRedrive(ctx, { executionArn, mapRunChildren });
  if (plan.redriveStatus !== 'REDRIVABLE') return; // refused below, with the execution's own reason
  const redriven = plan.mapRuns.filter((m) => m.action === 'REDRIVE');
  if (redriven.length === 0) {
    throw new ExecutionNotRedrivable('mapRunChildren: this redrive redrives no Map Run, so there is nothing to select');
  }
  if (redriven.some((m) => rerunTotal(m) > 0)) return;
  const unsuccessful = redriven
    .map(
      (m) =>
        `${m.mapRunArn}: ${
          Object.entries(m.errors)
            .map(([e, n]) => `${n} ${e}`)
            .join(', ') || 'none'
        }`,
    )
    .join('; ');
  throw new ExecutionNotRedrivable(
    `mapRunChildren selects none of the unsuccessful children of the Map Runs it would redrive, so nothing would run (${unsuccessful})`,
  );
}
