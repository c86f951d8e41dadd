import { payload } from '../events';
import type { Json } from '../json';
import { assignedVariablesDetails } from '../variables/scope';
import { checkPayloadSize } from './limits';
import type { RunContext } from './run-context';

/**
 * Writes `<Type>StateExited` after checking the output against the payload quota. The state's new variables are
 * stored here, at its very end, so nothing the state evaluated could see them; the event lists them.
 */
export function exitState(
  rc: RunContext,
  type: string,
  name: string,
  output: Json,
  previous: number,
  assigned?: Record<string, Json>,
): number {
  checkPayloadSize(output, `The state '${name}' output`);
  const hasAssignments = assigned !== undefined && Object.keys(assigned).length > 0;
  if (hasAssignments) rc.variables?.assign(assigned);
  return rc.log.add(`${type}StateExited`, previous, () => ({
    ...(hasAssignments ? assignedVariablesDetails(assigned) : {}),
    name,
    output: payload(output),
    outputDetails: { truncated: false },
  }));
}
