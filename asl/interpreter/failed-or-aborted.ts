/**
 * How a state's run ends when it does not simply continue: a failure to propagate (with the id of the event it
 * follows, for previousEventId) or an abort because surrounding work was cancelled.
 */
import type { StatesError } from '../errors';

export class StateFailure extends Error {
  /** The type of the state the failure came out of (set by the innermost state), for `<Type>StateAborted`. */
  stateType?: string;

  constructor(
    readonly failure: StatesError,
    readonly lastEventId: number,
  ) {
    super(failure.message);
    this.name = 'StateFailure';
  }
}

export class StateAborted extends Error {
  constructor(readonly lastEventId: number) {
    super('aborted');
    this.name = 'StateAborted';
  }
}
