/** Every workflow type the worker registers. */
export { executionWorkflow } from './execution';
export { stateMachineWorkflow } from './state-machine';
export { mapRunWorkflow } from './map-run/map-run';
export { mapPartitionWorkflow } from './map-run/partition';
export { roleWorkflow } from './role';
