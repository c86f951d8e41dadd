import { payload } from '../events';
import type { Json } from '../json';
import { checkPayloadSize } from './limits';
import type { RunContext } from './run-context';

/** Writes `<Type>StateExited` after checking the output against the payload quota. */
export function exitState(rc: RunContext, type: string, name: string, output: Json, previous: number): number {
  checkPayloadSize(output, `The state '${name}' output`);
  return rc.log.add(`${type}StateExited`, previous, {
    name,
    output: payload(output),
    outputDetails: { truncated: false },
  });
}
