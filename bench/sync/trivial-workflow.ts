/**
 * The baseline of bench/start-sync.bench.ts: the most a plain Temporal user could do for a short synchronous job,
 * a workflow that runs one activity and returns its answer, called with `client.workflow.execute`.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { trivialActivities } from './trivial-activities';

const { echo } = proxyActivities<ReturnType<typeof trivialActivities>>({ startToCloseTimeout: '1m' });

export async function trivialWorkflow(input: unknown): Promise<unknown> {
  return echo(input);
}
