// The engine's custom search attributes. Registered by the dev-server bootstrap and used by workflow and client
// code, so this file must stay free of Node built-ins (it is bundled into the workflow sandbox).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Structurally the SDK's SearchAttributeKey, which @temporalio/common 1.24 does not export by name. */
export interface TsfSearchAttributeKey<T extends SearchAttributeType = SearchAttributeType> {
  readonly name: string;
  readonly type: T;
}

/** Typed keys, for `typedSearchAttributes` at start and `upsertSearchAttributes` in workflows. */
export const TSF_SEARCH_ATTRIBUTE_KEYS = {
  /** One of TSF_RESOURCE_TYPES: lets one namespace hold state machines, executions and Map Runs. */
  TsfResourceType: defineSearchAttributeKey('TsfResourceType', SearchAttributeType.KEYWORD),
  TsfStateMachineArn: defineSearchAttributeKey('TsfStateMachineArn', SearchAttributeType.KEYWORD),
  /** Step Functions status (TSF_STATUSES), which Temporal's ExecutionStatus cannot express (e.g. PENDING_REDRIVE). */
  TsfStatus: defineSearchAttributeKey('TsfStatus', SearchAttributeType.KEYWORD),
  TsfMapRunArn: defineSearchAttributeKey('TsfMapRunArn', SearchAttributeType.KEYWORD),
  TsfParentExecutionArn: defineSearchAttributeKey('TsfParentExecutionArn', SearchAttributeType.KEYWORD),
  TsfName: defineSearchAttributeKey('TsfName', SearchAttributeType.KEYWORD),
  TsfRedriveCount: defineSearchAttributeKey('TsfRedriveCount', SearchAttributeType.INT),
  TsfStopDate: defineSearchAttributeKey('TsfStopDate', SearchAttributeType.DATETIME),
  TsfRedriveDate: defineSearchAttributeKey('TsfRedriveDate', SearchAttributeType.DATETIME),
  /** One of TSF_REDRIVE_STATUSES. */
  TsfRedriveStatus: defineSearchAttributeKey('TsfRedriveStatus', SearchAttributeType.KEYWORD),
} as const;

export type TsfSearchAttributeName = keyof typeof TSF_SEARCH_ATTRIBUTE_KEYS;

/**
 * The single list (name + type) registered at server start and checked by prepareNamespace.
 * SQLite visibility has fixed slots per type (Keyword 10, Int 3, Datetime 3, ...): this list must stay within them.
 */
export const TSF_SEARCH_ATTRIBUTES: readonly TsfSearchAttributeKey[] = Object.values(TSF_SEARCH_ATTRIBUTE_KEYS);

/** Custom search-attribute slots of the SQLite visibility schema (schema/sqlite/v3/visibility/schema.sql). */
export const SQLITE_SEARCH_ATTRIBUTE_SLOTS: Readonly<Record<SearchAttributeType, number>> = {
  TEXT: 3,
  KEYWORD: 10,
  INT: 3,
  DOUBLE: 3,
  BOOL: 3,
  DATETIME: 3,
  KEYWORD_LIST: 3,
};

/** Values of TsfResourceType. */
export const TSF_RESOURCE_TYPES = ['stateMachine', 'execution', 'expressExecution', 'mapRun', 'role'] as const;
export type TsfResourceType = (typeof TSF_RESOURCE_TYPES)[number];

/** Values of TsfStatus (Step Functions ExecutionStatus / MapRunStatus). */
export const TSF_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
export type TsfStatus = (typeof TSF_STATUSES)[number];

/** Values of TsfRedriveStatus (Step Functions ExecutionRedriveStatus). */
export const TSF_REDRIVE_STATUSES = ['REDRIVABLE', 'NOT_REDRIVABLE', 'REDRIVABLE_BY_MAP_RUN'] as const;
export type TsfRedriveStatus = (typeof TSF_REDRIVE_STATUSES)[number];

/** Type names as the CLI's `--search-attribute Name=Type` flag spells them. */
export const CLI_SEARCH_ATTRIBUTE_TYPE_NAMES: Readonly<Record<SearchAttributeType, string>> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** Short names for the keys the engine's own code reads and writes. */
export const ResourceTypeKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfResourceType;
export const StateMachineArnKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfStateMachineArn;
export const StatusKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfStatus;
export const NameKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfName;
export const StopDateKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfStopDate;
export const RedriveCountKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfRedriveCount;
export const MapRunArnKey = TSF_SEARCH_ATTRIBUTE_KEYS.TsfMapRunArn;

/** A Map Run's search attributes as it starts: by its parent, or again by a repair (client/map-run-repair.ts). */
export function mapRunSearchAttributes(mapRunArn: string, executionArn: string, labelledStateMachineArn: string) {
  return [
    { key: ResourceTypeKey, value: 'mapRun' },
    { key: TSF_SEARCH_ATTRIBUTE_KEYS.TsfMapRunArn, value: mapRunArn },
    { key: TSF_SEARCH_ATTRIBUTE_KEYS.TsfParentExecutionArn, value: executionArn },
    { key: StateMachineArnKey, value: labelledStateMachineArn },
    { key: StatusKey, value: 'RUNNING' },
  ];
}
