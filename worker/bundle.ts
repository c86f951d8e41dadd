/**
 * Bundles the workflow code once per process: every worker of a test run or a CLI process shares the bundle.
 */
import { bundleWorkflowCode, DefaultLogger, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';

let bundle: Promise<WorkflowBundle> | undefined;

/** How the engine's workflows are bundled; `preloadModules` are evaluated once per V8 context, not per workflow. */
export function workflowBundleOptions(extraPreloadModules: string[] = []): BundleOptions {
  return {
    workflowsPath: require.resolve('../workflows'),
    logger: new DefaultLogger('WARN'),
    preloadModules: [require.resolve('./preloaded-modules'), ...extraPreloadModules],
  };
}

export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode(workflowBundleOptions());
  return bundle;
}
