/**
 * Whether an execution may have left RUNNING, from what Temporal itself records of its workflow: the workflow's
 * status and the TsfStatus search attribute the execution keeps (set RUNNING at its start and at each redrive, set to
 * its status as each attempt ends). The server answers that alone, with no worker and no query.
 *
 * Why: waitForExecution used to describe the execution at every poll, and a description carries the execution's whole
 * input, built by the worker that runs it: a 10,000-item input several times a second, on the worker's workflow
 * thread, while that worker ran the very redrive being waited for. It also waited on a worker that was not there.
 */
import type { Client } from '@temporalio/client';
import { StatusKey } from '../messages/search-attributes';

export async function mayHaveEnded(client: Client, executionArn: string): Promise<boolean> {
  try {
    const info = await client.workflow.getHandle(executionArn).describe();
    if (info.status.name !== 'RUNNING') return true;
    // Map Run children keep their status in Temporal's while they run (no TsfStatus): describe them.
    return info.typedSearchAttributes.get(StatusKey) !== 'RUNNING';
  } catch {
    // DescribeExecution says what is wrong (an unknown ARN, a server out of reach).
    return true;
  }
}
