/**
 * An in-process interpreter host for pure unit tests: a clock that only moves when a Wait or retry sleeps,
 * counted UUIDs, a seeded random source, and handlers as plain functions. No cancellation.
 */
import { StatesError } from '../../asl/errors';
import { EventLog, type HistoryEvent } from '../../asl/events';
import { runExecution, type ExecutionOutcome } from '../../asl/interpreter/execution';
import type { InterpreterHost } from '../../asl/interpreter/host';
import type { RunContext } from '../../asl/interpreter/run-context';
import type { Json } from '../../asl/json';
import { validateDefinition } from '../../asl/validate';

export type TestHandler = (payload: Json) => Json | Promise<Json>;

export interface TestHost extends InterpreterHost {
  clock: { now: number };
}

export const TEST_EPOCH = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

export function createTestHost(handlers: Record<string, TestHandler> = {}, start = TEST_EPOCH): TestHost {
  const clock = { now: start };
  let uuids = 0;
  let seed = 42;
  return {
    clock,
    now: () => clock.now,
    uuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
    random: () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    },
    sleep: async (ms) => {
      clock.now += ms;
    },
    invokeHandler: async ({ functionName, payload }) => {
      const handler = handlers[functionName];
      if (!handler) throw new StatesError('HandlerNotFound', `No handler named ${functionName}`);
      try {
        return await handler(payload);
      } catch (error) {
        if (error instanceof StatesError) throw error;
        const e = error as Error;
        throw new StatesError(e.name || 'Error', e.message);
      }
    },
    cancellable: (work) => ({ promise: work(), cancel: () => undefined }),
    isCancellation: () => false,
  };
}

export interface TestRun {
  outcome: ExecutionOutcome;
  events: HistoryEvent[];
  types: string[];
  /** The details member of the first event of `type`. */
  details(type: string, nth?: number): Record<string, Json> | undefined;
}

/** Validates `definition` (as CreateStateMachine would) and runs it to the end in-process. */
export async function runMachine(
  definition: unknown,
  input: Json = {},
  host: TestHost = createTestHost(),
): Promise<TestRun> {
  const validated = validateDefinition(definition);
  if (!validated.ok) throw new Error(`invalid definition: ${JSON.stringify(validated.faults)}`);
  const log = new EventLog(() => host.now());
  const rc: RunContext = {
    host,
    log,
    region: 'us-east-1',
    execution: {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:test:run',
      Input: input,
      Name: 'run',
      RoleArn: 'arn:aws:iam::123456789012:role/test',
      StartTime: new Date(host.now()).toISOString(),
      RedriveCount: 0,
    },
    stateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', Name: 'test' },
  };
  log.add('ExecutionStarted', 0, { input: JSON.stringify(input) });
  const outcome = await runExecution(validated.definition, input, rc);
  const events = log.all();
  return {
    outcome,
    events,
    types: events.map((e) => e.type),
    details(type, nth = 0) {
      const event = events.filter((e) => e.type === type)[nth];
      if (!event) return undefined;
      const member = Object.keys(event).find((k) => k.endsWith('Details'));
      return member ? (event[member] as Record<string, Json>) : undefined;
    },
  };
}
