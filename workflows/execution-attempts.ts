/**
 * The attempt loop: the execution runs (the first run, or from where it stopped after a redrive), closes, and,
 * unless it succeeded or closes for good, waits out its redrivable period for a redrive that runs it again.
 * Each attempt has its own cancellation scope (a stop cancels it) and its own TimeoutSeconds clock.
 */
import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { runExecution, type ExecutionOutcome } from '../asl/interpreter/execution';
import type { RunContext } from '../asl/interpreter/run-context';
import { closeAttempt } from './execution-close';
import { beginRedrive } from './execution-redrive';
import type { ExecutionState } from './execution-state';

/** Runs attempts until one succeeds, the execution cannot wait for a redrive, or no redrive came in time. */
export async function runAttempts(state: ExecutionState, rc: RunContext, firstPrevious: number): Promise<void> {
  const { args, description, limits } = state;
  let previous = firstPrevious;
  for (;;) {
    const from = state.lastEntered;
    const outcome = await runAttempt(state, () =>
      runExecution(args.definition, from?.input ?? args.input, rc, previous, from?.name, from?.variables),
    );
    closeAttempt(state, outcome);
    // An execution that reached the history quota can never be redriven: it does not wait 14 days for one.
    if (description.status === 'SUCCEEDED' || !state.waitsForRedrive || state.log.isFull) break;
    // A closed execution has nothing left to cancel: it waits for a redrive or for its redrivable period to end.
    const redriven = await CancellationScope.nonCancellable(() =>
      condition(() => state.redrives.waiting, limits.redrivablePeriodMs),
    );
    if (!redriven) {
      state.redriveWindowClosed = true;
      break;
    }
    previous = beginRedrive(state, rc, state.redrives.take());
  }
}

/** One attempt (the first run or a redrive): its own cancellation scope and its own TimeoutSeconds clock. */
async function runAttempt(state: ExecutionState, work: () => Promise<ExecutionOutcome>): Promise<ExecutionOutcome> {
  const { definition } = state.args;
  const attempt = new CancellationScope();
  state.attempt = attempt;
  state.stopRequest = undefined;
  state.timedOut = false;
  // The run starts before its timer: the order of their commands is part of the recorded histories.
  const running = attempt.run(work);
  // Without TimeoutSeconds there is no clock, and no scope for one.
  let timer: CancellationScope | undefined;
  if (definition.TimeoutSeconds !== undefined) {
    const timeoutMs = definition.TimeoutSeconds * 1000;
    timer = new CancellationScope();
    void timer
      .run(async () => {
        await sleep(timeoutMs);
        if (state.description.status === 'RUNNING' && state.attempt === attempt) {
          state.timedOut = true;
          attempt.cancel();
        }
      })
      .catch(() => undefined);
  }
  const outcome = await running;
  // A redrive starts a new clock; executions that cannot be redriven end here and need no cancel command.
  if (state.waitsForRedrive) timer?.cancel();
  return outcome;
}
