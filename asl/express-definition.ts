/**
 * What an EXPRESS state machine may not contain (sfn-spec §14.1): Express executions run at most 5 minutes, at least
 * once, with no history of their own, so Step Functions refuses the integration patterns that wait for a job or a
 * callback (`.sync`, `.waitForTaskToken`), and a Distributed Map (its Map Runs and their redrive need a Standard
 * parent; our choice where the documentation is silent about the exact refusal). Returned as definition faults, so
 * CreateStateMachine and UpdateStateMachine refuse them with InvalidDefinition naming the path.
 */
import type { DefinitionFault } from './validate';
import type { Branch, State } from './types';

const WAITING_PATTERN = /\.(sync(:\d+)?|waitForTaskToken)$/;

export function expressFaults(definition: Branch): DefinitionFault[] {
  const faults: DefinitionFault[] = [];
  walk(definition, '', faults);
  return faults;
}

function walk(branch: Branch, at: string, faults: DefinitionFault[]): void {
  for (const [name, state] of Object.entries(branch.States)) {
    const path = `${at}/States/${name}`;
    checkState(state, path, faults);
  }
}

function checkState(state: State, path: string, faults: DefinitionFault[]): void {
  const fields = state as unknown as Record<string, unknown>;
  const resource = fields.Resource;
  if (state.Type === 'Task' && typeof resource === 'string' && WAITING_PATTERN.test(resource)) {
    const pattern = WAITING_PATTERN.exec(resource)![0];
    faults.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: `Express state machines do not support the '${pattern}' service integration pattern`,
      path: `${path}/Resource`,
    });
  }
  if (state.Type === 'Parallel') {
    (fields.Branches as Branch[] | undefined)?.forEach((branch, i) => walk(branch, `${path}/Branches[${i}]`, faults));
  }
  if (state.Type === 'Map') {
    const processor = (fields.ItemProcessor ?? fields.Iterator) as
      (Branch & { ProcessorConfig?: { Mode?: string } }) | undefined;
    const key = fields.ItemProcessor ? 'ItemProcessor' : 'Iterator';
    if (processor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      faults.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: 'Express state machines do not support a Map state in DISTRIBUTED mode',
        path: `${path}/${key}/ProcessorConfig/Mode`,
      });
    } else if (processor) walk(processor, `${path}/${key}`, faults);
  }
}
