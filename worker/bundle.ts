/**
 * Bundles the workflow code once per process: every worker of a test run or a CLI process shares the bundle.
 */
import { bundleWorkflowCode, DefaultLogger, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * How the engine's workflows are bundled. The workflow modules, with every library they import (jsonata,
 * jsonpath-plus, @noble/hashes, ...), are preloaded: evaluated once per reusable V8 context instead of once per
 * workflow run, which every Map Run child would otherwise pay for before doing anything (about 1 ms of CPU per
 * Standard child). The SDK shares and freezes what is preloaded, so these modules keep no per-workflow state at
 * module level (test/unit/shared-workflow-modules.test.ts holds them to it).
 */
export function workflowBundleOptions(extraPreloadModules: string[] = []): BundleOptions {
  const workflows = engineWorkflowsPath();
  return {
    workflowsPath: workflows,
    logger: new DefaultLogger('WARN'),
    preloadModules: [workflows, ...extraPreloadModules],
  };
}

/** The module that exports every engine workflow (built JavaScript in the package, TypeScript in the repository). */
export function engineWorkflowsPath(): string {
  return require.resolve('../workflows');
}

/** The engine's workflows bundled once per process (the bundler takes seconds; every later call shares it). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode(workflowBundleOptions());
  return bundle;
}
