/**
 * `temporal-step-functions/worker`: what a worker process of your own needs to run the engine, next to your own
 * workflows and activities on other task queues or your own activities on this one:
 *
 *   const logs = engineExecutionLogs(openLogStore());               // execution logs (docs/logging.md)
 *   const worker = await Worker.create({
 *     ...engineWorkerOptions(),
 *     connection, taskQueue: 'temporal-step-functions',            // the SDK's taskQueue (TSF_TASK_QUEUE)
 *     workflowBundle: await bundleWorkflowCode(workflowBundleOptions()),
 *     sinks: logs.sinks, plugins: logs.plugins,
 *     activities: { ...createActivities({ handlers: handlersFrom(myHandlers), executionLogs: logs.delivery }),
 *                   myActivity },
 *   });
 *
 * or, with nothing of your own to add, `createEngineWorker({ connection, namespace, taskQueue, handlers })`.
 */
export { workflowBundleOptions, workflowBundle, engineWorkflowsPath } from './bundle';
export { createEngineWorker, type EngineWorkerOptions } from './create-worker';
export { engineWorkerOptions, WORKER_DEFAULTS, type WorkerTuning } from './tuning';
export { engineExecutionLogs, type EngineExecutionLogs } from './execution-log-sinks';
export { createActivities, type ActivityDependencies, type EngineActivities } from '../activities';
export {
  handlersFrom,
  loadHandlerModules,
  type HandlerContext,
  type HandlerRegistry,
  type TaskHandler,
} from '../activities/handler-registry';
export {
  createStorage,
  LocalStorage,
  S3Storage,
  type ObjectStorage,
  type StorageConfig,
  type S3StorageConfig,
} from '../activities/storage';
// A Temporal server of your own needs the engine's search attributes and a retention of at least 14 days (redrive
// reads closed histories): `tsf setup` (setupNamespace in the SDK) does it; prepareNamespace is kept for callers of
// earlier versions. connectWorker opens the NativeConnection with the profile's settings (TLS, API key).
export { prepareNamespace, prepareNamespaceOn, type PreparedNamespace } from '../client/setup';
export { connectWorker } from './connection';
export { TSF_SEARCH_ATTRIBUTES } from '../messages/search-attributes';
