/**
 * The definition an execution runs, for its graph. A top-level execution runs its state machine's definition;
 * a Map Run child runs the item processor of the Distributed Map that started its Map Run, found through the
 * parent's `MapRunStarted` / `MapRunRedriven` event (the Map state owns it).
 * (The API has no DescribeStateMachineForExecution: a state machine updated since the execution started shows
 * its current definition.)
 */
import { api } from '../api';
import type { Execution } from '../types';
import { findMapProcessor } from './graph-model';
import { syncHistory } from './history-sync';
import { eventOwners } from './state-outcomes';

export interface MachineDefinition {
  StartAt?: unknown;
  States?: unknown;
}

export async function definitionFor(execution: Execution, depth = 0): Promise<MachineDefinition | undefined> {
  if (execution.mapRunArn === undefined) {
    const machine = await api.stateMachine(execution.stateMachineArn);
    return JSON.parse(machine.definition) as MachineDefinition;
  }
  if (depth > 8) return undefined;
  const mapRun = await api.mapRun(execution.mapRunArn);
  const parent = await api.execution(mapRun.executionArn);
  const parentDefinition = await definitionFor(parent, depth + 1);
  if (!parentDefinition) return undefined;
  const events = await syncHistory((params) => api.history(parent.executionArn, params), []);
  const owners = eventOwners(events);
  const started = events.find(
    (e) =>
      (e.type === 'MapRunStarted' || e.type === 'MapRunRedriven') &&
      (
        e[e.type === 'MapRunStarted' ? 'mapRunStartedEventDetails' : 'mapRunRedrivenEventDetails'] as
          { mapRunArn?: string } | undefined
      )?.mapRunArn === execution.mapRunArn,
  );
  const mapState = started ? owners.get(started.id) : undefined;
  return mapState === undefined ? undefined : findMapProcessor(parentDefinition, mapState);
}
