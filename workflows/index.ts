/** Every workflow type the worker registers. */
export { executionWorkflow } from './execution';
export { stateMachineWorkflow } from './state-machine';
export { mapRunWorkflow } from './map-run/map-run';
export { mapPartitionWorkflow } from './map-run/partition';
export { roleWorkflow } from './role';
export { expressExecutionWorkflow } from './express-execution';

import type { executionWorkflow } from './execution';
import type { mapRunWorkflow } from './map-run/map-run';
import type { mapPartitionWorkflow } from './map-run/partition';
import type { ExecutionWorkflow, MapPartitionWorkflow, MapRunWorkflow } from './workflow-signatures';

// The types the typed child starts use (workflow-signatures.ts) are the workflow functions' own, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _SignaturesMatch = [
  Holds<Same<ExecutionWorkflow, typeof executionWorkflow>>,
  Holds<Same<MapRunWorkflow, typeof mapRunWorkflow>>,
  Holds<Same<MapPartitionWorkflow, typeof mapPartitionWorkflow>>,
];
