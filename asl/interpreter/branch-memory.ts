/**
 * What a redrive needs to re-run only the unsuccessful branches of a Parallel and iterations of an Inline Map
 * (sfn-spec §3.5, §13 behaviour 17). For each branch of a Parallel or Map state that has not yet exited, the memory
 * keeps either the branch's output (it succeeded: a redrive reuses it) or the last state it entered, with that
 * state's input and the branch's own variables (it failed or was aborted: a redrive resumes it there, so the
 * states it had already passed are not run again, as at the top level).
 *
 * A branch is named by its path: the enclosing Parallel/Map state names and branch or iteration indexes, outermost
 * first (`['Fan', 1]` is branch 1 of the top-level Parallel `Fan`; `['Fan', 1, 'Each', 3]` iteration 3 of the Map
 * `Each` inside it). The memory is plain data so that an execution can hand it to its next run (a Map Run child
 * redriven in a new workflow run) and rebuild it by replay like every other piece of interpreter state.
 */
import type { Json } from '../json';

export type BranchPath = readonly (string | number)[];

export interface BranchRecord {
  path: BranchPath;
  /** Set when the branch succeeded: its output, reused as it is by a redrive. */
  output?: { value: Json };
  /** Otherwise where it got to: the state it entered last, that state's input and the branch's own variables. */
  lastEntered?: { name: string; input: Json; variables: Record<string, Json> };
}

export class BranchMemory {
  private readonly records = new Map<string, BranchRecord>();
  /** Records a redrive may reuse: a copy taken when the redrive began, each taken at most once. */
  private readonly resumable = new Map<string, BranchRecord>();

  constructor(snapshot: readonly BranchRecord[] = []) {
    for (const record of snapshot) this.records.set(keyOf(record.path), record);
  }

  entered(path: BranchPath, name: string, input: Json, variables: Record<string, Json>): void {
    this.records.set(keyOf(path), { path, lastEntered: { name, input, variables } });
  }

  succeeded(path: BranchPath, value: Json): void {
    this.records.set(keyOf(path), { path, output: { value } });
  }

  /**
   * Forgets every branch inside the state at `statePath`: the state exited (nothing of it will re-run), or a
   * new attempt of it starts, or it failed in a way that makes a redrive run it whole (States.DataLimitExceeded).
   */
  forgetInside(statePath: BranchPath): void {
    for (const [key, record] of this.records) if (isInside(record.path, statePath)) this.records.delete(key);
  }

  /** Called when a redrive begins: what is remembered now is what that redrive may reuse. */
  arm(): void {
    this.resumable.clear();
    for (const [key, record] of this.records) this.resumable.set(key, record);
  }

  /**
   * The remembered outcome of one branch of the state at `statePath`, for the first attempt of that state after a
   * redrive (taken once: a later attempt, e.g. a Retry, runs every branch again).
   */
  take(branchPath: BranchPath): BranchRecord | undefined {
    const key = keyOf(branchPath);
    const record = this.resumable.get(key);
    this.resumable.delete(key);
    return record;
  }

  snapshot(): BranchRecord[] {
    return [...this.records.values()];
  }
}

function keyOf(path: BranchPath): string {
  return JSON.stringify(path);
}

/** A state's or branch's path as a key (the same as the memory's own). */
export const pathKey = keyOf;

function isInside(path: BranchPath, statePath: BranchPath): boolean {
  return path.length > statePath.length && statePath.every((segment, i) => path[i] === segment);
}
