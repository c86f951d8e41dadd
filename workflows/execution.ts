/**
 * The execution actor: one workflow per Step Functions execution, workflow id = execution ARN. It runs the
 * definition pinned at StartExecution, keeps the Step Functions event log, and answers describe/history
 * queries and the stop update. Its Temporal outcome mirrors the Step Functions status so `temporal workflow list`
 * tells the same story.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { EventLog } from '../asl/events';
import { BranchMemory } from '../asl/interpreter/branch-memory';
import { recordExecutionStarted, runExecution, type ExecutionOutcome } from '../asl/interpreter/execution';
import type { RunContext } from '../asl/interpreter/run-context';
import type { Json } from '../asl/json';
import type { StateMachineDefinition } from '../asl/types';
import {
  describeExecutionQuery,
  executionHistoryQuery,
  executionRedriveStateQuery,
  redriveExecutionUpdate,
  stopExecutionUpdate,
  type ExecutionDescription,
  type StopRequest,
} from '../messages/execution';
import { RedriveCountKey, StatusKey, StopDateKey } from '../messages/search-attributes';
import {
  DEFAULT_REDRIVE_LIMITS,
  RedriveTokens,
  redriveVerdict,
  type RedriveLimits,
  type RedriveVerdict,
} from './redrive';
import { isMapRunChildInput, mapRunChildIdentity, type MapRunChildInput } from './map-run/standard-child-input';
import { createWorkflowHost } from './workflow-host';
import type { EngineActivities } from '../activities';

export interface ExecutionWorkflowInput {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  /** The definition as it was when the execution started: later UpdateStateMachine calls never reach it. */
  definition: StateMachineDefinition;
  input: Json;
  roleArn: string;
  region: string;
  /** Set for the children of a Map Run (DescribeExecution reports it). */
  mapRunArn?: string;
  /** Redrivable period and history limit; lowered by tests. */
  redriveLimits?: RedriveLimits;
  /** A Map Run redrive continues this child from its previous run (same ARN, same history, redriveCount + 1). */
  resume?: { previousRunId: string };
}

export async function executionWorkflow(start: ExecutionWorkflowInput | MapRunChildInput): Promise<Json> {
  // A Map Run child started with the compact input keeps its status in Temporal's own while it runs and when it
  // succeeds (Running = RUNNING, Completed = SUCCEEDED, close time = stop date): only an end without success writes
  // TsfStatus and TsfStopDate, which saves a visibility write per child. Children started with the full input
  // (before this existed) keep their upserts, so their replays are unchanged.
  const statusInTemporal = isMapRunChildInput(start);
  const args: ExecutionWorkflowInput = statusInTemporal ? { ...mapRunChildIdentity(), ...start } : start;
  const startDate = workflowInfo().startTime.getTime();
  const limits = args.redriveLimits ?? DEFAULT_REDRIVE_LIMITS;
  // Executions started before redrive existed close when they end; newer ones wait to be redriven (and Map Run
  // children are redriven by their Map Run, so they close too).
  const waitsForRedrive = !args.mapRunArn && patched('redrive-wait');
  let log = new EventLog(() => Date.now());
  const description: ExecutionDescription = {
    executionArn: args.executionArn,
    stateMachineArn: args.stateMachineArn,
    name: args.name,
    status: 'RUNNING',
    startDate,
    input: args.input,
    roleArn: args.roleArn,
    redriveCount: 0,
    historyLength: 0,
    redriveStatus: 'NOT_REDRIVABLE',
    ...(args.mapRunArn ? { mapRunArn: args.mapRunArn } : {}),
  };
  let stopRequest: StopRequest | undefined;
  let timedOut = false;
  // The scope of the attempt under way (runAttempt): a stop or TimeoutSeconds cancels it.
  let run: CancellationScope | undefined;
  let redriveRequest: { redriveDate: number } | undefined;
  let redriveWindowClosed = false;
  const tokens = new RedriveTokens();

  function verdict() {
    if (args.mapRunArn) {
      return redriveStatusOfChild(
        redriveVerdict(description.status, description.stopDate, log.length, limits, Date.now()),
      );
    }
    if (redriveWindowClosed) {
      return { redriveStatus: 'NOT_REDRIVABLE' as const, redriveStatusReason: 'Execution redrivable period exceeded' };
    }
    return redriveVerdict(description.status, description.stopDate, log.length, limits, Date.now());
  }

  setHandler(describeExecutionQuery, () => ({ ...description, historyLength: log.length, ...verdict() }));
  setHandler(executionRedriveStateQuery, () => ({
    events: log.all(),
    ...(lastEntered ? { lastEntered } : {}),
    branches: branches.snapshot(),
    redriveCount: description.redriveCount,
    startDate: description.startDate,
  }));
  setHandler(executionHistoryQuery, ({ offset, limit }) => ({
    events: log.all().slice(offset, offset + limit),
    total: log.length,
  }));
  setHandler(
    stopExecutionUpdate,
    async (request) => {
      if (description.status === 'RUNNING' && !stopRequest) {
        stopRequest = request;
        run?.cancel();
      }
      await condition(() => description.stopDate !== undefined);
      return { stopDate: description.stopDate ?? Date.now() };
    },
    {
      validator: (request) => {
        if (request.error !== undefined && request.error.length > 256)
          throw new Error('error must be at most 256 characters');
        if (request.cause !== undefined && request.cause.length > 32768)
          throw new Error('cause must be at most 32768 characters');
      },
    },
  );
  if (waitsForRedrive) {
    setHandler(
      redriveExecutionUpdate,
      ({ clientToken }) => {
        const earlier = tokens.answerFor(clientToken, Date.now());
        if (earlier !== undefined) return { redriveDate: earlier };
        const redriveDate = Date.now();
        tokens.remember(clientToken, redriveDate);
        redriveRequest = { redriveDate };
        return { redriveDate };
      },
      {
        validator: ({ clientToken }) => {
          if (tokens.answerFor(clientToken, Date.now()) !== undefined) return;
          const current = verdict();
          if (current.redriveStatus !== 'REDRIVABLE' || redriveRequest) {
            throw new Error(
              `ExecutionNotRedrivable: ${current.redriveStatusReason ?? 'a redrive is already under way'}`,
            );
          }
        },
      },
    );
  }

  // After a redrive, the state it re-enters: a Distributed Map there redrives its Map Run (once).
  let redriveTarget: { stateName: string; redriveDate: number } | undefined;
  // The machine's last entered state and its input (and variables): where a redrive starts again.
  let lastEntered: { name: string; input: Json; variables?: Record<string, Json> } | undefined;
  // Where each Parallel branch and Inline Map iteration got to: a redrive re-runs only those that did not succeed.
  let branches = new BranchMemory();
  const rc: RunContext = {
    host: createWorkflowHost({
      executionArn: args.executionArn,
      stateMachineArn: args.stateMachineArn,
      stateMachineName: args.stateMachineName,
      roleArn: args.roleArn,
      ...(limits.mapRunRedriveLimit !== undefined ? { mapRunRedriveLimit: limits.mapRunRedriveLimit } : {}),
      ...(args.redriveLimits
        ? {
            childRedriveLimits: {
              redrivablePeriodMs: limits.redrivablePeriodMs,
              historyEventLimit: limits.historyEventLimit,
            },
          }
        : {}),
      takeRedrive: (stateName) => {
        const target = redriveTarget;
        if (target?.stateName !== stateName) return undefined;
        redriveTarget = undefined;
        return { redriveDate: target.redriveDate };
      },
    }),
    log,
    region: args.region,
    execution: {
      Id: args.executionArn,
      Input: args.input,
      Name: args.name,
      RoleArn: args.roleArn,
      StartTime: new Date(startDate).toISOString(),
      RedriveCount: 0,
    },
    stateMachine: { Id: args.stateMachineArn, Name: args.stateMachineName },
    branches,
    onEnterState: (branch, name, input, context) => {
      if (branch === args.definition) lastEntered = { name, input, variables: context.variables?.all() };
    },
  };

  let previous = args.resume
    ? await resumeFromPreviousRun(args.resume.previousRunId)
    : firstStatePrevious(recordExecutionStarted(rc, args.input, args.roleArn));
  for (;;) {
    const from = lastEntered;
    const outcome = await runAttempt(() =>
      runExecution(args.definition, from?.input ?? args.input, rc, previous, from?.name, from?.variables),
    );
    close(outcome);
    if (description.status === 'SUCCEEDED' || !waitsForRedrive) break;
    const redriven = await CancellationScope.nonCancellable(() =>
      condition(() => redriveRequest !== undefined, limits.redrivablePeriodMs),
    );
    if (!redriven) {
      redriveWindowClosed = true;
      break;
    }
    previous = beginRedrive(redriveRequest!.redriveDate);
    redriveRequest = undefined;
  }
  // A stop update that raced the end of the run still gets its answer before the workflow closes (also when the
  // workflow itself was cancelled, e.g. a Map Run aborting its children).
  // (A scope costs several workflow promises: none is made when nothing is in flight, as for most Map Run children.)
  if (!allHandlersFinished()) await CancellationScope.nonCancellable(() => condition(allHandlersFinished));

  /** One attempt (the first run or a redrive): its own cancellation scope and its own TimeoutSeconds clock. */
  async function runAttempt(work: () => Promise<ExecutionOutcome>): Promise<ExecutionOutcome> {
    const attempt = new CancellationScope();
    run = attempt;
    stopRequest = undefined;
    timedOut = false;
    // The run starts before its timer: the order of their commands is part of the recorded histories.
    const running = attempt.run(work);
    // Without TimeoutSeconds there is no clock, and no scope for one.
    let timer: CancellationScope | undefined;
    if (args.definition.TimeoutSeconds !== undefined) {
      const timeoutMs = args.definition.TimeoutSeconds * 1000;
      timer = new CancellationScope();
      void timer
        .run(async () => {
          await sleep(timeoutMs);
          if (description.status === 'RUNNING' && run === attempt) {
            timedOut = true;
            attempt.cancel();
          }
        })
        .catch(() => undefined);
    }
    const outcome = await running;
    // A redrive starts a new clock; executions that cannot be redriven end here and need no cancel command.
    if (waitsForRedrive) timer?.cancel();
    return outcome;
  }

  /** Takes over the history and position of this execution's previous run, then redrives as the actor would. */
  async function resumeFromPreviousRun(previousRunId: string): Promise<number> {
    const prior = await proxyActivities<EngineActivities>({
      startToCloseTimeout: '1m',
      retry: { maximumAttempts: 5 },
    }).loadExecutionRedriveState({ workflowId: args.executionArn, runId: previousRunId });
    log = new EventLog(() => Date.now(), prior.events);
    rc.log = log;
    lastEntered = prior.lastEntered;
    branches = new BranchMemory(prior.branches);
    rc.branches = branches;
    description.startDate = prior.startDate;
    description.redriveCount = prior.redriveCount;
    return beginRedrive(Date.now());
  }

  /** Re-opens the execution: ExecutionRedriven, RUNNING again, the context object's RedriveCount and RedriveTime. */
  function beginRedrive(redriveDate: number): number {
    if (lastEntered) redriveTarget = { stateName: lastEntered.name, redriveDate };
    // Executions redriven before this existed re-ran whole Parallel and Inline Map states.
    if (patched('redrive-reruns-failed-branches')) branches.arm();
    description.redriveCount++;
    description.redriveDate = redriveDate;
    Object.assign(description, {
      status: 'RUNNING',
      stopDate: undefined,
      error: undefined,
      cause: undefined,
      output: undefined,
    });
    rc.execution = {
      ...rc.execution,
      RedriveCount: description.redriveCount,
      RedriveTime: new Date(redriveDate).toISOString(),
    };
    upsertSearchAttributes([
      // A redriven child of a Map Run is RUNNING by Temporal's status: its new run carries no TsfStatus to reset.
      ...(statusInTemporal ? [] : [{ key: StatusKey, value: 'RUNNING' }]),
      { key: RedriveCountKey, value: description.redriveCount },
    ]);
    return log.add('ExecutionRedriven', log.lastId, { redriveCount: description.redriveCount });
  }

  function close(result: ExecutionOutcome): void {
    if (result.status === 'SUCCEEDED') {
      description.status = 'SUCCEEDED';
      description.output = result.output;
    } else if (result.status === 'FAILED') {
      Object.assign(description, { status: 'FAILED', error: result.error, cause: result.cause });
    } else if (timedOut) {
      // DescribeExecution of a TIMED_OUT execution carries no error or cause (recorded AWS response).
      description.status = 'TIMED_OUT';
      log.add('ExecutionTimedOut', result.lastEventId, { error: 'States.Timeout' });
    } else {
      Object.assign(description, { status: 'ABORTED', error: stopRequest?.error, cause: stopRequest?.cause });
      log.add('ExecutionAborted', result.lastEventId, { error: stopRequest?.error, cause: stopRequest?.cause });
    }
    description.stopDate = Date.now();
    if (statusInTemporal && description.status === 'SUCCEEDED') return;
    upsertSearchAttributes([
      { key: StatusKey, value: description.status },
      { key: StopDateKey, value: new Date(description.stopDate) },
    ]);
  }

  if (description.status === 'SUCCEEDED') return description.output ?? null;
  throw ApplicationFailure.create({
    type: description.status === 'TIMED_OUT' ? 'States.Timeout' : description.error || `Execution${description.status}`,
    message: description.cause ?? `Execution ${description.status}`,
    nonRetryable: true,
    // A Map Run reads `redrivable` to leave a child it may not redrive alone (failuresNotRedrivable).
    details: [
      {
        status: description.status,
        error: description.error,
        redrivable: verdict().redriveStatus !== 'NOT_REDRIVABLE',
      },
    ],
  });
}

/** AWS links the first state's Entered event to 0, not to ExecutionStarted (recorded histories). */
function firstStatePrevious(_executionStartedId: number): number {
  return 0;
}

/**
 * A Map Run child is redriven through its Map Run (sfn-spec §3.3), under the same rules as any execution: one past
 * the history event limit or its redrivable period is NOT_REDRIVABLE (counted in failuresNotRedrivable).
 */
function redriveStatusOfChild(verdict: RedriveVerdict) {
  if (verdict.redriveStatus === 'NOT_REDRIVABLE') return verdict;
  return { redriveStatus: 'REDRIVABLE_BY_MAP_RUN' as const, redriveStatusReason: undefined };
}
