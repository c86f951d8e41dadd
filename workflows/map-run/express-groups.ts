/**
 * Express children a partition starts together (in one activation: its first children, or a group that ended and
 * freed its slots) run side by side in one `runExpressChildren` activity, at most CHILDREN_PER_EXPRESS_GROUP to a
 * group, instead of one activity each.
 *
 * Why: each activity costs the server a schedule, a dispatch and a completion, each a write of the partition's
 * state, one after another for one workflow. On the PostgreSQL cluster of `npm run cluster` (2-core machine),
 * 1,000 children at MaxConcurrency 1,000 as 1,000 activities took 5 to 6 s to start, so that at most 570 to 737
 * handlers of 2 s ran at once; as 100 groups all 1,000 started within 0.4 s (docs/workers.md). It also cuts the
 * Temporal actions a Map Run of Express children is billed for on Temporal Cloud by up to ten.
 *
 * What it costs: a group's slots are freed together, when its last child ends, so a slow child holds up to nine
 * finished children's slots; the group is small for that reason. A worker lost in the middle of a group runs the
 * whole group again (at least once, as Express children are; a Task handler must be idempotent in Step
 * Functions for the same reason).
 */
import { CancellationScope, condition } from '@temporalio/workflow';
import type { expressActivities } from './activities';
import type { ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';

/** Partitions that began before this patch run each Express child in its own activity (run-child.ts). */
export const EXPRESS_GROUP_PATCH = 'express-child-groups';
export const CHILDREN_PER_EXPRESS_GROUP = 10;

interface Started {
  child: ChildSpec;
  end(outcome: ChildOutcome): void;
  failed(error: unknown): void;
}

/** `count` children cut into the fewest groups of at most `size`, of nearly equal sizes (11 are 6 and 5). */
export function groupSizes(count: number, size = CHILDREN_PER_EXPRESS_GROUP): number[] {
  const groups = Math.ceil(count / size);
  const base = Math.floor(count / groups);
  return Array.from({ length: groups }, (_, i) => base + (i < count % groups ? 1 : 0));
}

export class ExpressGroups {
  private started: Started[] = [];

  constructor(
    private readonly activities: ReturnType<typeof expressActivities>,
    /**
     * Groups shared by several partitions running inside their Map Run (local-partitions.ts) wait until the whole
     * activation has run (a condition is checked once no microtask is left), so the children they all start at once
     * go in the fewest groups.
     */
    private readonly sharedByPartitions = false,
  ) {}

  /**
   * Takes a child the lanes started; the children taken in this activation are sent once its synchronous part is
   * over (a microtask: deterministic, the workflow's own).
   */
  add(child: ChildSpec, end: Started['end'], failed: Started['failed']): void {
    if (this.started.length === 0) {
      void (this.sharedByPartitions ? condition(() => true) : Promise.resolve()).then(() => this.send());
    }
    this.started.push({ child, end, failed });
  }

  private send(): void {
    const started = this.started;
    this.started = [];
    let first = 0;
    for (const size of groupSizes(started.length)) {
      const group = started.slice(first, first + size);
      first += size;
      // Express children cannot be stopped (sfn-spec §2.7): an abort or a cancelled partition waits for them.
      void CancellationScope.nonCancellable(() =>
        this.activities.runExpressChildren(group.map(({ child }) => ({ name: child.name, input: child.input }))).then(
          (outcomes) => group.forEach(({ end }, i) => end(outcomes[i]!)),
          (error: unknown) => group.forEach(({ failed }) => failed(error)),
        ),
      );
    }
  }
}
