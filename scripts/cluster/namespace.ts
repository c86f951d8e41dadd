/**
 * Readiness and the engine's namespace on a fresh cluster. A fresh server has only `temporal-system`, so
 * `default` is registered here (14 days' retention: redrive reads closed child histories), and the rest (retention,
 * search attributes) is prepareNamespaceOn, the code `tsf server` runs on its dev server.
 */
import type { Connection } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { DEFAULT_NAMESPACE, MIN_RETENTION_HOURS, type Log } from '../dev-server/defaults';
// Through the index: prepareNamespaceOn is moving from dev-server/namespace.ts to client/setup.ts (`tsf setup`).
import { prepareNamespaceOn } from '../dev-server';
import { pollUntil } from './wait';

/** gRPC status codes (grpc-js is not a direct dependency). */
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

function hasCode(err: unknown, code: number): boolean {
  return isGrpcServiceError(err) && err.code === code;
}

/** RegisterNamespace if DescribeNamespace says there is none. True if we registered it. */
async function registerIfMissing(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (err) {
    if (!hasCode(err, NOT_FOUND)) throw err;
  }
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msNumberToTs(MIN_RETENTION_HOURS * 3600 * 1000),
      description: 'The engine namespace of npm run cluster',
    });
    return true;
  } catch (err) {
    if (hasCode(err, ALREADY_EXISTS)) return false;
    throw err;
  }
}

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
    if (!hasCode(err, NOT_FOUND) || /namespace/i.test(message)) throw err;
  }
  await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: 'tsf-cluster-readiness-probe' } });
  return true;
}

export interface NamespaceOptions {
  log: Log;
  timeoutMs: number;
  failure: () => string | undefined;
}

/** Registers `default` if missing, prepares it for the engine, and waits until workflows can run in it. */
export async function prepareClusterNamespace(connection: Connection, options: NamespaceOptions): Promise<void> {
  const namespace = DEFAULT_NAMESPACE;
  const wait = { timeoutMs: options.timeoutMs, failure: options.failure, intervalMs: 500 };
  if (await registerIfMissing(connection, namespace)) {
    options.log(`Registered namespace ${namespace} (retention ${MIN_RETENTION_HOURS / 24} days)`);
  }
  // Search attributes need the namespace in the frontend's cache too: retried until the cache has it.
  await pollUntil(async () => prepareNamespaceOn(connection, namespace, options.log), {
    what: `namespace ${namespace}`,
    ...wait,
  });
  await pollUntil(() => historyAndMatchingAnswer(connection, namespace), { what: 'history and matching', ...wait });
}
