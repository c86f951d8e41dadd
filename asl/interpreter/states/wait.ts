import { StatesError, StatesErrors } from '../../errors';
import { selectPath } from '../../paths/jsonpath';
import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { Json } from '../../json';
import type { WaitState } from '../../types';
import { exitState } from '../exit';
import { StateAborted } from '../outcome';
import { contextObject } from '../run-context';
import type { StateRunner } from '../run-states';

export const runWait: StateRunner<WaitState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const effective = applyInputPath(input, state.InputPath, context);
  const delayMs = waitMilliseconds(state, effective, rc.host.now());
  if (delayMs > 0) {
    try {
      await rc.host.sleep(delayMs);
    } catch (error) {
      if (!rc.host.isCancellation(error)) throw error;
      throw new StateAborted(rc.log.add('WaitStateAborted', enteredEventId));
    }
  }
  const output = applyOutputPath(effective, state.OutputPath, context);
  return { output, next: state.Next, lastEventId: exitState(rc, 'Wait', name, output, enteredEventId) };
};

/** A timestamp in the past waits zero (which is also what a redriven Wait does). */
function waitMilliseconds(state: WaitState, input: Json, now: number): number {
  if (state.Seconds !== undefined) return seconds(state.Seconds, 'Seconds') * 1000;
  if (state.SecondsPath !== undefined) return seconds(selectPath(input, state.SecondsPath), 'SecondsPath') * 1000;
  const timestamp =
    state.Timestamp ?? (state.TimestampPath !== undefined ? selectPath(input, state.TimestampPath) : undefined);
  if (timestamp === undefined) return 0;
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(at)) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The Wait timestamp ${JSON.stringify(timestamp)} is not a valid ISO-8601 timestamp.`,
    );
  }
  return Math.max(0, at - now);
}

function seconds(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field} field must be a non-negative integer but was: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
