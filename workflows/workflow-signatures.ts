/**
 * The engine's child workflows as types, for Temporal's typed starts: `startChild<MapRunWorkflow>('mapRunWorkflow',
 * ...)` checks the arguments and the result, while the name string stays what Temporal records as the workflow
 * type. A starter imports these, not the workflow it starts: the execution's host starts Map Runs, a Map Run's
 * partitions start executions, so importing the functions would close a ring. workflows/index.ts checks that each
 * type is its function's own.
 */
import type { Json } from '../asl/json';
import type { PartitionReport } from '../messages/map-run';
import type { ExecutionWorkflowInput } from './execution-input';
import type { MapRunInput } from './map-run/config';
import type { PartitionInput } from './map-run/partition-input';
import type { MapRunChildInput } from './map-run/standard-child-input';

/** executionWorkflow (execution.ts): a Map Run's Standard children. */
export type ExecutionWorkflow = (start: ExecutionWorkflowInput | MapRunChildInput) => Promise<Json>;

/** mapRunWorkflow (map-run/map-run.ts): a Distributed Map's Map Run, started by the execution's host. */
export type MapRunWorkflow = (input: MapRunInput) => Promise<Json>;

/** mapPartitionWorkflow (map-run/partition.ts): a Map Run's partitions. */
export type MapPartitionWorkflow = (input: PartitionInput) => Promise<PartitionReport>;
