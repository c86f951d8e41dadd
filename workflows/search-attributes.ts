/**
 * The engine's search attributes (registered by scripts/dev-server at server start). They let ListExecutions
 * and ListStateMachines answer from Temporal visibility instead of querying every workflow.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ResourceTypeKey = defineSearchAttributeKey('TsfResourceType', SearchAttributeType.KEYWORD);
export const StateMachineArnKey = defineSearchAttributeKey('TsfStateMachineArn', SearchAttributeType.KEYWORD);
export const StatusKey = defineSearchAttributeKey('TsfStatus', SearchAttributeType.KEYWORD);
export const NameKey = defineSearchAttributeKey('TsfName', SearchAttributeType.KEYWORD);
export const StopDateKey = defineSearchAttributeKey('TsfStopDate', SearchAttributeType.DATETIME);
export const RedriveCountKey = defineSearchAttributeKey('TsfRedriveCount', SearchAttributeType.INT);

export type ResourceType = 'stateMachine' | 'execution' | 'mapRun';
