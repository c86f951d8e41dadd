/** Every workflow type the worker registers. */
export { executionWorkflow } from './execution';
export { stateMachineWorkflow } from './state-machine';
