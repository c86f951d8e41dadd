/**
 * Bundles the engine's workflows and the baseline's separately, once per bench run, into files the worker
 * processes load (bundling takes seconds on 2 cores and must not be timed or repeated per variant).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundle, workflowBundleOptions } from '../../worker/bundle';

export interface BundlePaths {
  engine: string;
  baseline: string;
}

/**
 * `preloadModules` (an experiment): bundle the engine's workflows with these modules loaded once per reusable V8
 * context too, on top of the engine's own (worker/bundle.ts); with reuseV8Context, modules first
 * required after a workflow exists are evaluated again for every workflow, which every Standard child pays.
 */
export async function writeBundles(dir: string, preloadModules: string[] = []): Promise<BundlePaths> {
  const engine =
    preloadModules.length > 0
      ? await bundleWorkflowCode(workflowBundleOptions(preloadModules))
      : await workflowBundle();
  const baseline = await bundleWorkflowCode({
    workflowsPath: require.resolve('../baseline/workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const paths = { engine: path.join(dir, 'engine-workflows.js'), baseline: path.join(dir, 'baseline-workflows.js') };
  fs.writeFileSync(paths.engine, engine.code);
  fs.writeFileSync(paths.baseline, baseline.code);
  return paths;
}
