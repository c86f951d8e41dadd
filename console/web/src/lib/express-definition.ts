/**
 * The definition an Express execution ran, for its graph. One of an EXPRESS state machine ran its machine's; a Map
 * Run's Express child (`stateMachine:<machine>/<label>`) ran the item processor of the Distributed Map labelled
 * `<label>` in its parent machine, or, for a Map state without a Label (whose label is generated), the processor
 * holding every state the child entered. (The machine's current definition: an update since is not undone.)
 */
import { api } from '../api';
import type { HistoryEvent } from '../types';
import type { MachineDefinition } from './execution-definition';

type StateLike = Record<string, unknown>;

/** Every Map state's item processor, through Parallel branches and nested processors. */
function mapProcessors(machine: MachineDefinition): { state: StateLike; processor: MachineDefinition }[] {
  const states = (machine.States && typeof machine.States === 'object' ? machine.States : {}) as Record<
    string,
    StateLike
  >;
  return Object.values(states).flatMap((state) => {
    const processor = (state.ItemProcessor ?? state.Iterator) as MachineDefinition | undefined;
    const inner = [...(Array.isArray(state.Branches) ? (state.Branches as MachineDefinition[]) : [])];
    const own = state.Type === 'Map' && processor ? [{ state, processor }] : [];
    return [...own, ...(processor ? mapProcessors(processor) : []), ...inner.flatMap(mapProcessors)];
  });
}

function enteredStates(events: readonly HistoryEvent[]): string[] {
  return events.flatMap((event) => {
    const name = (event.stateEnteredEventDetails as { name?: unknown } | undefined)?.name;
    return event.type.endsWith('StateEntered') && typeof name === 'string' ? [name] : [];
  });
}

export async function expressDefinitionFor(
  stateMachineArn: string,
  events: readonly HistoryEvent[],
): Promise<MachineDefinition | undefined> {
  const [machineArn = stateMachineArn, label] = stateMachineArn.split('/');
  const machine = await api.stateMachine(machineArn);
  const definition = JSON.parse(machine.definition) as MachineDefinition;
  if (label === undefined) return definition;
  const processors = mapProcessors(definition);
  const labelled = processors.find(({ state }) => state.Label === label);
  if (labelled) return labelled.processor;
  const entered = enteredStates(events);
  return processors.find(({ processor }) => {
    const states = (processor.States ?? {}) as Record<string, unknown>;
    return entered.every((name) => name in states);
  })?.processor;
}
