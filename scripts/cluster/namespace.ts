/**
 * Readiness and the engine's namespace on the cluster: `tsf setup`'s code (client/setup.ts) creates `default` if
 * missing (retention: the 14-day redrivable period) and registers the engine's search attributes; then we wait
 * until history and matching serve it, so "ready" means a workflow can run.
 */
import type { Connection } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { NamespaceNotReady, setupNamespace } from '../../client/setup';
import { DEFAULT_NAMESPACE, type Log } from '../dev-server/defaults';
import { pollUntil } from './wait';

/** gRPC status code (grpc-js is not a direct dependency). */
const NOT_FOUND = 5;

/**
 * History and matching answer for the namespace: a history lookup of a workflow that does not exist comes back
 * NotFound from the history service (Unavailable while no history host owns the shard), and DescribeTaskQueue
 * reaches matching. Both also fail until the frontend's namespace cache has the namespace (refreshed every ~10 s).
 */
async function historyAndMatchingAnswer(connection: Connection, namespace: string): Promise<true> {
  try {
    await connection.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId: 'tsf-cluster-readiness-probe' },
    });
  } catch (err) {
    const message = isGrpcServiceError(err) ? (err.details ?? err.message) : String(err);
    if (!(isGrpcServiceError(err) && err.code === NOT_FOUND) || /namespace/i.test(message)) throw err;
  }
  await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: 'tsf-cluster-readiness-probe' } });
  return true;
}

export interface NamespaceOptions {
  log: Log;
  timeoutMs: number;
  failure: () => string | undefined;
}

/** `tsf setup` on `default`, then waits until workflows can run in it. */
export async function prepareClusterNamespace(connection: Connection, options: NamespaceOptions): Promise<void> {
  const namespace = DEFAULT_NAMESPACE;
  const wait = { timeoutMs: options.timeoutMs, failure: options.failure, intervalMs: 500 };
  // Retried: the frontend may answer before it can read the namespace table; a plan it refuses is final.
  await pollUntil(() => setupNamespace(connection, { namespace, log: options.log }), {
    what: `namespace ${namespace}`,
    isFatal: (err) => err instanceof NamespaceNotReady,
    ...wait,
  });
  await pollUntil(() => historyAndMatchingAnswer(connection, namespace), { what: 'history and matching', ...wait });
}
