/**
 * Amazon States Language definitions as the engine reads them after validation (asl/validate.ts).
 * JSONPath flavour first; JSONata fields (Arguments, Output, Assign, Condition, Items) are typed so the core
 * can grow into them without reshaping.
 */
import type { Json, JsonObject } from './json';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: QueryLanguage;
}

/** The sub-machine of a Parallel branch or a Map's ItemProcessor. */
export interface Branch {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: QueryLanguage;
}

export type State =
  PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;
export type StateType = State['Type'];

interface CommonFields {
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/** Next/End: exactly one of them on every state but Choice, Succeed and Fail. */
interface Transition {
  Next?: string;
  End?: boolean;
}

interface InputOutputPaths {
  InputPath?: string | null;
  OutputPath?: string | null;
}

interface ResultHandling {
  ResultPath?: string | null;
  ResultSelector?: JsonObject;
}

interface JsonataFields {
  Arguments?: Json;
  Output?: Json;
  Assign?: JsonObject;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
}

interface ErrorHandling {
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface PassState extends CommonFields, Transition, InputOutputPaths, JsonataFields {
  Type: 'Pass';
  Result?: Json;
  ResultPath?: string | null;
  Parameters?: Json;
}

export interface TaskState
  extends CommonFields, Transition, InputOutputPaths, ResultHandling, ErrorHandling, JsonataFields {
  Type: 'Task';
  Resource: string;
  Parameters?: Json;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: JsonObject;
}

export interface ChoiceState extends CommonFields, InputOutputPaths, JsonataFields {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

/**
 * A Choice rule: a top-level rule has Next; nested rules (inside And/Or/Not) do not. Comparison operators are
 * the keys of COMPARISON_OPERATORS (asl/choice/operators.ts); exactly one per rule.
 */
export interface ChoiceRule {
  Next?: string;
  Comment?: string;
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Condition?: string;
  Assign?: JsonObject;
  Output?: Json;
  [operator: string]: Json | ChoiceRule | ChoiceRule[] | undefined;
}

export interface WaitState extends CommonFields, Transition, InputOutputPaths, JsonataFields {
  Type: 'Wait';
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends CommonFields, InputOutputPaths {
  Type: 'Succeed';
  Output?: Json;
}

export interface FailState extends CommonFields {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

export interface ParallelState
  extends CommonFields, Transition, InputOutputPaths, ResultHandling, ErrorHandling, JsonataFields {
  Type: 'Parallel';
  Branches: Branch[];
  Parameters?: Json;
}

export interface ProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED';
  ExecutionType?: 'STANDARD' | 'EXPRESS';
}

export interface ItemProcessor extends Branch {
  ProcessorConfig?: ProcessorConfig;
}

export interface ItemReader {
  Resource: string;
  Parameters?: JsonObject;
  Arguments?: Json;
  ReaderConfig?: {
    InputType?: 'CSV' | 'JSON' | 'JSONL' | 'PARQUET' | 'MANIFEST';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
    MaxItems?: number | string;
    MaxItemsPath?: string;
    Transformation?: 'NONE' | 'LOAD_AND_FLATTEN';
    ManifestType?: 'ATHENA_DATA' | 'S3_INVENTORY';
    ItemsPointer?: string;
  };
}

export interface ItemBatcher {
  MaxItemsPerBatch?: number | string;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: number | string;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: Json;
}

export interface ResultWriter {
  Resource?: string;
  Parameters?: JsonObject;
  Arguments?: Json;
  WriterConfig?: {
    Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN';
    OutputType?: 'JSON' | 'JSONL';
  };
}

export interface MapState
  extends CommonFields, Transition, InputOutputPaths, ResultHandling, ErrorHandling, JsonataFields {
  Type: 'Map';
  /** Normalised: the validator copies a legacy `Iterator` here. */
  ItemProcessor: ItemProcessor;
  /** Normalised: the validator copies a legacy `Parameters` here. */
  ItemSelector?: Json;
  ItemsPath?: string | null;
  Items?: Json;
  ItemReader?: ItemReader;
  ItemBatcher?: ItemBatcher;
  ResultWriter?: ResultWriter;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  Label?: string;
}
