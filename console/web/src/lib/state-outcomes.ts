/**
 * What became of each state in one execution, read from its Step Functions event log: the colours of the graph.
 * Pure (no DOM), so unit tests run it on recorded histories.
 *
 * Each event belongs to the state whose `Entered` event it follows through `previousEventId` (TaskScheduled ->
 * TaskStateEntered, ...). The latest attempt wins: a redrive re-enters the state that failed, and what happens
 * then is what the graph shows.
 */

export type StateOutcome = 'succeeded' | 'failed' | 'caught' | 'aborted' | 'running' | 'notRun';

export interface OutcomeEvent {
  id: number;
  previousEventId: number;
  type: string;
  [member: string]: unknown;
}

type Seen = Exclude<StateOutcome, 'notRun'>;

interface Tally {
  open: number;
  outcome: Seen;
  /** A failure since the state was last (re)tried, not yet followed by a retry: an Exited after it means caught. */
  pendingFailure: boolean;
}

function stateName(event: OutcomeEvent): string | undefined {
  const details = (event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as { name?: unknown } | undefined;
  return typeof details?.name === 'string' ? details.name : undefined;
}

const isFailure = (type: string) => /(Failed|TimedOut)$/.test(type) && !type.startsWith('Execution');
const isRetryStart = (type: string) => /(Scheduled|Started)$/.test(type) && type !== 'MapRunStarted';

export function stateOutcomes(events: readonly OutcomeEvent[], executionStatus: string): Map<string, Seen> {
  const ownerOf = new Map<number, string>();
  const tallies = new Map<string, Tally>();
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { open: 0, outcome: 'running', pendingFailure: false }));
    return t;
  };
  for (const event of events) {
    const named = stateName(event);
    const owner = named ?? ownerOf.get(event.previousEventId);
    if (owner !== undefined) ownerOf.set(event.id, owner);
    if (event.type === 'ExecutionRedriven') {
      // States open when the execution failed are re-entered by the redrive, or stay failed.
      for (const t of tallies.values()) {
        if (t.open > 0) {
          t.open = 0;
          t.outcome = 'failed';
        }
      }
      continue;
    }
    if (owner === undefined) continue;
    const t = tally(owner);
    if (event.type.endsWith('StateEntered')) {
      t.open += 1;
      t.outcome = 'running';
      t.pendingFailure = false;
    } else if (event.type.endsWith('StateExited')) {
      t.open = Math.max(0, t.open - 1);
      t.outcome = t.pendingFailure ? 'caught' : 'succeeded';
    } else if (event.type.endsWith('StateAborted')) {
      t.open = Math.max(0, t.open - 1);
      t.outcome = 'aborted';
    } else if (isFailure(event.type)) {
      t.pendingFailure = true;
    } else if (isRetryStart(event.type)) {
      t.pendingFailure = false;
    }
  }
  const result = new Map<string, Seen>();
  for (const [name, t] of tallies) {
    if (t.open > 0) {
      result.set(
        name,
        executionStatus === 'RUNNING' ? 'running' : executionStatus === 'ABORTED' ? 'aborted' : 'failed',
      );
    } else {
      result.set(name, t.outcome === 'running' ? 'succeeded' : t.outcome);
    }
  }
  return result;
}

/** The state each event belongs to (for the event table's Step column). */
export function eventOwners(events: readonly OutcomeEvent[]): Map<number, string> {
  const ownerOf = new Map<number, string>();
  for (const event of events) {
    const owner = stateName(event) ?? ownerOf.get(event.previousEventId);
    if (owner !== undefined) ownerOf.set(event.id, owner);
  }
  return ownerOf;
}
