/**
 * The SDK's response types: one per Step Functions (and IAM role policy) action that `StepFunctions` offers, with
 * Step Functions' field names and `Date` timestamps. Types only and Node-free, so the web console can read them too
 * (it receives them as JSON, dates as ISO strings). Fields Step Functions has and the engine never returns (versions,
 * aliases, tracing, ...) are left out. Object types rather than interfaces, so that, like the SDK's inferred
 * shapes before them, they stay assignable to `Record<string, unknown>`.
 */
import type { LoggingConfiguration } from './logging';
import type { MapRunCounts } from './map-run-counts';

export type { LoggingConfiguration, LogDestination, LogLevel } from './logging';

export type { MapRunCounts };
/** DescribeMapRun's `itemCounts`. */
export type MapRunItemCounts = MapRunCounts;
/** DescribeMapRun's `executionCounts`. */
export type MapRunExecutionCounts = MapRunCounts;

/** The engine runs STANDARD state machines; EXPRESS ones run only as Distributed Map children. */
export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type StateMachineStatus = 'ACTIVE' | 'DELETING';
/** PENDING_REDRIVE is listed for a Map Run's children waiting to be redriven (ListExecutions with mapRunArn). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
export type ExecutionRedriveStatus = 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** The answer of actions that answer nothing (DeleteStateMachine, UpdateMapRun, PutRolePolicy, ...). */
export type EmptyOutput = Record<string, never>;

// State machines

export type CreateStateMachineOutput = {
  stateMachineArn: string;
  creationDate: Date;
};

export type DescribeStateMachineOutput = {
  stateMachineArn: string;
  name: string;
  status: StateMachineStatus;
  /** The Amazon States Language definition, as given. */
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: Date;
  revisionId: string;
  /** Level OFF and includeExecutionData false when none was given. */
  loggingConfiguration: LoggingConfiguration;
};

/** StartSyncExecution's answer: the Express execution's outcome (sfn-spec §14.1). */
export type StartSyncExecutionOutput = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: Date;
  stopDate: Date;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  error?: string;
  cause?: string;
  input?: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
};

/** The state machine an execution runs, as it was when the execution started (UpdateStateMachine never reaches it). */
export type DescribeStateMachineForExecutionOutput = {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  updateDate: Date;
  revisionId?: string;
  /** As pinned when the execution started (a Map Run child: its parent's); level OFF when it logs nothing. */
  loggingConfiguration: LoggingConfiguration;
  /** A Map Run child: its Map Run and the Map state's label (the state machine is `<machine>/<label>`). */
  mapRunArn?: string;
  label?: string;
};

export type UpdateStateMachineOutput = {
  updateDate: Date;
  revisionId: string;
};

export type StateMachineListItem = {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  creationDate: Date;
};

export type ListStateMachinesOutput = {
  stateMachines: StateMachineListItem[];
  nextToken?: string;
};

export type DeleteStateMachineOutput = EmptyOutput;

export type ValidateStateMachineDefinitionDiagnostic = {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  /** A JSON Pointer to the fault in the definition, e.g. `/States/Work/Next`. */
  location?: string;
};

export type ValidateStateMachineDefinitionOutput = {
  result: 'OK' | 'FAIL';
  diagnostics: ValidateStateMachineDefinitionDiagnostic[];
  truncated?: boolean;
};

// Executions

export type StartExecutionOutput = {
  executionArn: string;
  startDate: Date;
};

/** Whether a payload is included (the engine always includes it). */
export type CloudWatchEventsExecutionDataDetails = {
  included: boolean;
};

export type DescribeExecutionOutput = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** The input as a JSON string. */
  input: string;
  inputDetails: CloudWatchEventsExecutionDataDetails;
  /** The output as a JSON string, once SUCCEEDED. */
  output?: string;
  outputDetails?: CloudWatchEventsExecutionDataDetails;
  error?: string;
  cause?: string;
  /** Set for a child execution of a Distributed Map. */
  mapRunArn?: string;
  redriveCount: number;
  redriveDate?: Date;
  redriveStatus: ExecutionRedriveStatus;
  redriveStatusReason?: string;
  /** Not a Step Functions field: the last `redrive` signal the execution refused (a signal has no caller to answer). */
  refusedRedriveSignal?: { date: Date; clientToken?: string; reason: string };
};

export type StopExecutionOutput = {
  stopDate: Date;
};

export type RedriveExecutionOutput = {
  redriveDate: Date;
};

export type ExecutionListItem = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  mapRunArn?: string;
  redriveCount: number;
};

export type ListExecutionsOutput = {
  executions: ExecutionListItem[];
  nextToken?: string;
};

// Execution history

/** The fields of one event's details member: strings, numbers, `{ truncated }` payload details, ... */
export type HistoryEventDetails = { [field: string]: unknown };

/**
 * One event of GetExecutionHistory. An event with details has one `<camelCase type>EventDetails` member
 * (`TaskStateEntered` and the other `*StateEntered` / `*StateExited` events use `stateEnteredEventDetails` /
 * `stateExitedEventDetails`).
 */
export type HistoryEvent = {
  id: number;
  /** The event this one follows in its own branch or iteration; 0 for the first. */
  previousEventId: number;
  /** Step Functions' HistoryEventType, e.g. `ExecutionStarted`, `TaskStateEntered`, `MapRunRedriven`. */
  type: string;
  timestamp: Date;
  [detailsMember: `${string}EventDetails`]: HistoryEventDetails | undefined;
};

export type GetExecutionHistoryOutput = {
  events: HistoryEvent[];
  nextToken?: string;
};

// Map Runs

export type DescribeMapRunOutput = {
  mapRunArn: string;
  /** The execution whose Distributed Map state started the Map Run. */
  executionArn: string;
  status: MapRunStatus;
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunItemCounts;
  executionCounts: MapRunExecutionCounts;
  redriveCount: number;
  redriveDate?: Date;
  /**
   * Not in Step Functions: running partitions whose counts could not be read now (their last reported counts are
   * used), and why. Absent when every count is current.
   */
  staleCounts?: { partitions: string[]; reason: string };
};

export type MapRunListItem = {
  executionArn: string;
  mapRunArn: string;
  stateMachineArn: string;
  startDate: Date;
  stopDate?: Date;
};

export type ListMapRunsOutput = {
  mapRuns: MapRunListItem[];
  nextToken?: string;
};

export type UpdateMapRunOutput = EmptyOutput;

// IAM inline role policies

export type PutRolePolicyOutput = EmptyOutput;

export type GetRolePolicyOutput = {
  roleName: string;
  policyName: string;
  /** The policy document as it was put. */
  policyDocument: string;
};

export type DeleteRolePolicyOutput = EmptyOutput;

export type ListRolePoliciesOutput = {
  /** In name order; all of them (never truncated). */
  policyNames: string[];
  isTruncated: boolean;
};
