/**
 * Where a redrive re-enters the machine, and so which Distributed Map states redrive their Map Run instead of
 * starting a new one (sfn-spec §3.6: "redriving the parent redrives every unsuccessful state, including the failed
 * Distributed Map"): the top-level state it re-enters and, inside a Parallel or Map state there, each branch's state
 * where that branch stopped (branch-memory.ts). Each is handed out once, to the first Map Run its state starts.
 */
import { patched } from '@temporalio/workflow';
import { pathKey, type BranchMemory, type BranchPath } from '../asl/interpreter/branch-memory';
import type { MapRunChildSelection } from '../messages/redrive-plan';
import type { AcceptedRedrive } from './redrive';

/**
 * Executions redriven before this patch started a new Map Run for a Distributed Map inside a Parallel branch or Map
 * iteration (all its items again); only a top-level one was redriven.
 */
export const NESTED_MAP_RUN_REDRIVE_PATCH = 'nested-map-run-redrive';

export interface RedriveTarget {
  redriveDate: number;
  selection?: MapRunChildSelection;
  /** The state paths (JSON) re-entered by this redrive whose Map Run has not been taken yet. */
  paths: Set<string>;
}

export function redriveTargetOf(branches: BranchMemory, stateName: string, redrive: AcceptedRedrive): RedriveTarget {
  const paths = new Set([pathKey([stateName])]);
  if (patched(NESTED_MAP_RUN_REDRIVE_PATCH)) {
    for (const record of branches.snapshot()) {
      if (record.lastEntered) paths.add(pathKey([...record.path, record.lastEntered.name]));
    }
  }
  return {
    redriveDate: redrive.redriveDate,
    ...(redrive.selection ? { selection: redrive.selection } : {}),
    paths,
  };
}

/** The redrive for the Map Run the state at `statePath` starts, once; undefined when that state is not re-entered. */
export function takeRedriveTarget(
  state: { redriveTarget: RedriveTarget | undefined },
  statePath: BranchPath,
): { redriveDate: number; selection?: MapRunChildSelection } | undefined {
  const target = state.redriveTarget;
  if (!target?.paths.delete(pathKey(statePath))) return undefined;
  if (target.paths.size === 0) state.redriveTarget = undefined;
  return { redriveDate: target.redriveDate, ...(target.selection ? { selection: target.selection } : {}) };
}
