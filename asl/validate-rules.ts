/**
 * Relations between the fields of one state that a per-field schema cannot see: Next versus End, a literal
 * versus its `...Path` twin, heartbeat versus timeout, the one duration of a Wait state. They read the raw state,
 * so they report even when some field of the same state has the wrong type.
 */
import type { JsonObject } from './json';
import type { StateType } from './types';
import type { Faults } from './validate-faults';
import { pointer } from './validate-faults';

/** States that must say where to go next; Choice, Succeed and Fail decide that themselves. */
const TRANSITIONING: ReadonlySet<StateType> = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

export function present(obj: JsonObject, key: string): boolean {
  return obj[key] !== undefined;
}

/** A literal and its `...Path` twin (or any two alternatives) may not both be given. */
export function exclusive(obj: JsonObject, at: string, first: string, second: string, faults: Faults): void {
  if (present(obj, first) && present(obj, second)) {
    faults.schema(pointer(at, second), `The fields "${first}" and "${second}" are mutually exclusive`);
  }
}

function checkTransition(state: JsonObject, at: string, faults: Faults): void {
  const hasNext = present(state, 'Next');
  const ends = state.End === true;
  if (hasNext && ends) faults.schema(pointer(at, 'End'), 'A state cannot have both "Next" and "End": true');
  if (!hasNext && !ends) faults.schema(at, 'A state must have either "Next" or "End": true');
}

function checkTask(state: JsonObject, at: string, faults: Faults): void {
  exclusive(state, at, 'TimeoutSeconds', 'TimeoutSecondsPath', faults);
  exclusive(state, at, 'HeartbeatSeconds', 'HeartbeatSecondsPath', faults);
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    faults.schema(
      pointer(at, 'HeartbeatSeconds'),
      'The field "HeartbeatSeconds" must be smaller than "TimeoutSeconds"',
    );
  }
}

const WAIT_DURATIONS = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];

function checkWait(state: JsonObject, at: string, faults: Faults): void {
  const given = WAIT_DURATIONS.filter((key) => present(state, key));
  if (given.length === 0) {
    faults.schema(at, 'A Wait state must have exactly one of "Seconds", "SecondsPath", "Timestamp", "TimestampPath"');
  }
  for (const extra of given.slice(1)) {
    faults.schema(pointer(at, extra), `A Wait state must have only one of "${given.join('", "')}"`);
  }
}

function checkFail(state: JsonObject, at: string, faults: Faults): void {
  exclusive(state, at, 'Error', 'ErrorPath', faults);
  exclusive(state, at, 'Cause', 'CausePath', faults);
}

export function checkStateRules(state: JsonObject, type: StateType, at: string, faults: Faults): void {
  if (TRANSITIONING.has(type)) checkTransition(state, at, faults);
  if (type === 'Task') checkTask(state, at, faults);
  if (type === 'Wait') checkWait(state, at, faults);
  if (type === 'Fail') checkFail(state, at, faults);
}
