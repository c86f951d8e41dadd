/**
 * What a Map Run is started with, and what it and its partitions share, fixed when the Map Run starts.
 */
import type { ArnScope } from '../../asl/arn';
import type { ResolvedReader, ResolvedResultWriter } from '../../asl/interpreter/host';
import type { Json } from '../../asl/json';
import type { BatchLimits } from '../../asl/map-run/batching';
import type { Branch, QueryLanguage } from '../../asl/types';
import type { ExecutionLogging } from '../../messages/execution-logging';
import type { MapRunRedriveState } from '../../messages/map-run';
import type { MapRunChildSelection } from '../../messages/redrive-plan';

export interface MapRunSettingsInput {
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

/** The Map Run actor's input (mapRunWorkflow). */
export interface MapRunInput {
  config: MapRunConfig;
  /** Items from the state input (absent with an ItemReader). */
  items?: Json[];
  settings: MapRunSettingsInput;
  /** A redrive: the same Map Run again, re-running only what did not succeed (sfn-spec §3.6). */
  redrive?: {
    redriveCount: number;
    redriveDate: number;
    previous: MapRunRedriveState;
    /** A selective redrive: only the unsuccessful children it picks run again (child-selection.ts). */
    selection?: MapRunChildSelection;
    /** A repair (redriveMapRun): the Map Run's parent succeeded; nothing waits for its result. */
    repair?: { clientToken?: string };
  };
}

export interface MapRunConfig {
  mapRunArn: string;
  mapRunId: string;
  label: string;
  /** The Distributed Map state that started it, and where it sits (absent in Map Runs begun before it was kept). */
  stateName?: string;
  statePath?: Array<string | number>;
  /** The parent execution. */
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  /** `stateMachine:<name>/<label>`: the children's stateMachineArn. */
  labelledStateMachineArn: string;
  scope: ArnScope;
  roleArn: string;
  processor: Branch;
  executionType: 'STANDARD' | 'EXPRESS';
  itemSelector?: Json;
  /** `$` of ItemSelector: the Map state's effective input. */
  selectorInput: Json;
  /** The parent's context object, to which ItemSelector adds `Map.Item`. */
  context: Json;
  /** How ItemSelector is read; absent = JSONPath. */
  queryLanguage?: QueryLanguage;
  /** The variables the Map state saw, for its ItemSelector. */
  variables?: Record<string, Json>;
  /** `$$.Map.Item.Source`. */
  itemSource: string;
  batcher?: BatchLimits;
  reader?: ResolvedReader & { maxItems?: number };
  resultWriter?: ResolvedResultWriter;
  /** Redrives allowed (1,000 in Step Functions); lowered by tests. */
  mapRunRedriveLimit?: number;
  /** The parent's redrivable period and history event limit, which Standard children follow too; absent = defaults. */
  childRedriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number };
  /** The parent execution's logging: its children, Standard and Express, log with it (sfn-spec §14.2). */
  logging?: ExecutionLogging;
}

/** Children one partition runs at most: keeps each partition's history well under Temporal's limits. */
export const CHILDREN_PER_PARTITION = 250;
/** Serialized item bytes one partition holds at most (its input or its page read). */
export const BYTES_PER_PARTITION = 1024 * 1024;
/** Step Functions' ceiling on a Map Run's parallel children; MaxConcurrency 0 means this. */
export const MAX_PARALLEL_CHILDREN = 10_000;
