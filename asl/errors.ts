/**
 * Step Functions error names (sfn-spec §5.1). `States.` is reserved for these; user errors may not use it.
 */
export const StatesErrors = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Permissions: 'States.Permissions',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Runtime: 'States.Runtime',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
} as const;

/** Error names the ASL grammar accepts in ErrorEquals besides user-defined ones. */
export const KNOWN_STATES_ERRORS: ReadonlySet<string> = new Set([...Object.values(StatesErrors), 'States.Http.Socket']);

/**
 * A failure as a state machine sees it: an error name and an optional cause. Thrown inside the language core
 * and by hosts; a Catch turns it into `{ Error, Cause }`.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause?: string,
  ) {
    super(cause === undefined ? error : `${error}: ${cause}`);
    this.name = 'StatesError';
  }

  /** The `{Error, Cause}` object a Catch places at its ResultPath. */
  toErrorOutput(): { Error: string; Cause?: string } {
    return this.cause === undefined ? { Error: this.error } : { Error: this.error, Cause: this.cause };
  }
}

export function isStatesError(e: unknown): e is StatesError {
  return (
    e instanceof StatesError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'StatesError')
  );
}

/** `States.Runtime` prefixed as AWS prefixes runtime faults of a state. */
export function runtimeError(stateName: string, enteredEventId: number, message: string): StatesError {
  return new StatesError(
    StatesErrors.Runtime,
    `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${message}`,
  );
}
