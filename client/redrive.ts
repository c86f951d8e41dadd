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

export async function redriveExecution(
  ctx: EngineContext,
  request: Requests['redriveExecution'],
): Promise<RedriveExecutionOutput> {
  const { executionArn, clientToken } = parseRequest('redriveExecution', request);
  try {
    const { redriveDate } = await ctx.client.workflow
      .getHandle(executionArn)
      .executeUpdate(redriveExecutionUpdate, { args: [{ ...(clientToken ? { clientToken } : {}) }] });
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
