/**
 * The SDK's response types as they arrive here: console/server answers with what the SDK returned, through JSON, so
 * every `Date` is an ISO string. Type-only imports, erased from the bundle.
 */
import type {
  DescribeExecutionOutput,
  DescribeMapRunOutput,
  DescribeStateMachineOutput,
  ExecutionListItem as SdkExecutionListItem,
  GetExecutionHistoryOutput,
  HistoryEvent as SdkHistoryEvent,
  ListExecutionsOutput,
  ListMapRunsOutput,
  ListStateMachinesOutput,
  MapRunListItem as SdkMapRunListItem,
  RedriveExecutionOutput,
  StateMachineListItem as SdkStateMachineListItem,
  StopExecutionOutput,
} from '../../../messages/responses';
import type {
  MapRunRedrivePlan as SdkMapRunRedrivePlan,
  MapRunRepairPlan as SdkMapRunRepairPlan,
  RedrivePlan as SdkRedrivePlan,
  RedrivePlanState as SdkRedrivePlanState,
} from '../../../messages/redrive-plan';
import type {
  ExpressExecutionDetailsFromLogs,
  ExpressExecutionFromLogs,
  ExpressExecutionsFromLogs,
} from '../../../messages/express-executions-from-logs';

export type { MapRunCounts } from '../../../messages/responses';

/** `T` after JSON.stringify and JSON.parse: each Date becomes its ISO string, at any depth. */
export type OverJson<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer Item>
    ? OverJson<Item>[]
    : T extends object
      ? { [K in keyof T]: OverJson<T[K]> }
      : T;

// One name per answer of the console API (console/server/api.ts).
export type StateMachineList = OverJson<ListStateMachinesOutput>;
export type StateMachineListItem = OverJson<SdkStateMachineListItem>;
export type StateMachine = OverJson<DescribeStateMachineOutput>;
/** ListExecutions; also the answer of the console's own search by name, in the same shape. */
export type ExecutionList = OverJson<ListExecutionsOutput>;
export type ExecutionListItem = OverJson<SdkExecutionListItem>;
export type Execution = OverJson<DescribeExecutionOutput>;
export type HistoryPage = OverJson<GetExecutionHistoryOutput>;
export type HistoryEvent = OverJson<SdkHistoryEvent>;
export type MapRunList = OverJson<ListMapRunsOutput>;
export type MapRunListItem = OverJson<SdkMapRunListItem>;
export type MapRun = OverJson<DescribeMapRunOutput>;
export type Redriven = OverJson<RedriveExecutionOutput>;
export type Stopped = OverJson<StopExecutionOutput>;
// Express executions, read from their execution logs.
export type ExpressExecutionList = OverJson<ExpressExecutionsFromLogs>;
export type ExpressExecutionItem = OverJson<ExpressExecutionFromLogs>;
export type ExpressExecutionDetails = OverJson<ExpressExecutionDetailsFromLogs>;
// Redrive plans (issue #16): what a redrive, or a Map Run's repair, would run again.
export type RedrivePlan = OverJson<SdkRedrivePlan>;
export type RedrivePlanState = OverJson<SdkRedrivePlanState>;
export type MapRunRedrivePlan = OverJson<SdkMapRunRedrivePlan>;
export type MapRunRepairPlan = OverJson<SdkMapRunRepairPlan>;
/** The answer of a Map Run's repair (redriveMapRun). */
export type MapRunRedriven = { redriveDate: string };
