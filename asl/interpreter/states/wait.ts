import { StatesError, StatesErrors } from '../../errors';
import type { Json } from '../../json';
import { evaluateTyped } from '../../jsonata/template';
import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import { selectReference } from '../../paths/references';
import type { WaitState } from '../../types';
import { exitState } from '../state-exited';
import { StateAborted } from '../failed-or-aborted';
import { evaluateAssign, jsonataOutput, jsonataScope } from '../query';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';
import type { StateRunner } from '../state-runner';

export const runWait: StateRunner<WaitState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const ql = queryLanguageOf(state, rc);
  const states = { input, context };
  const effective = ql === 'JSONata' ? input : applyInputPath(input, state.InputPath, context, rc.variables);
  const delayMs =
    ql === 'JSONata'
      ? await jsonataWait(state, rc, states)
      : waitMilliseconds(
          state.Seconds,
          state.SecondsPath !== undefined
            ? selectReference(state.SecondsPath, { data: effective, context, variables: rc.variables })
            : undefined,
          state.SecondsPath !== undefined ? 'SecondsPath' : 'Seconds',
          state.Timestamp ??
            (state.TimestampPath !== undefined
              ? selectReference(state.TimestampPath, { data: effective, context, variables: rc.variables })
              : undefined),
          rc.host.now(),
        );
  if (delayMs > 0) {
    try {
      await rc.host.sleep(delayMs);
    } catch (error) {
      if (!rc.host.isCancellation(error)) throw error;
      throw new StateAborted(rc.log.add('WaitStateAborted', enteredEventId));
    }
  }
  const assigned = await evaluateAssign(ql, state.Assign, rc, { data: effective, context, states });
  const output =
    ql === 'JSONata'
      ? await jsonataOutput(state.Output, input, rc, states)
      : applyOutputPath(effective, state.OutputPath, context, rc.variables);
  return { output, next: state.Next, lastEventId: exitState(rc, 'Wait', name, output, enteredEventId, assigned) };
};

async function jsonataWait(state: WaitState, rc: RunContext, states: { input: Json; context: Json }): Promise<number> {
  const scope = jsonataScope(rc, states);
  const seconds =
    state.Seconds !== undefined ? await evaluateTyped(state.Seconds, 'Seconds', 'integer', scope) : undefined;
  const timestamp =
    state.Timestamp !== undefined ? await evaluateTyped(state.Timestamp, 'Timestamp', 'string', scope) : undefined;
  return waitMilliseconds(seconds, undefined, 'Seconds', timestamp, rc.host.now());
}

/** A timestamp in the past waits zero (which is also what a redriven Wait does). */
function waitMilliseconds(
  literal: Json | undefined,
  fromPath: Json | undefined,
  field: string,
  timestamp: Json | undefined,
  now: number,
): number {
  const secondsValue = fromPath !== undefined ? fromPath : literal;
  if (secondsValue !== undefined) return seconds(secondsValue, field) * 1000;
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
