/**
 * Runs one case on the engine: create the state machine, start an execution with the recorded input, wait for
 * it to close, read its description and full history, and compare them with the recording.
 */
import type { StepFunctions } from '../../client';
import { applicability } from './applicability';
import { compareCase } from './compare';
import type { EventLike } from './compare-events';
import type { CaseStorage } from './case-storage';
import type { ConformanceCase } from './load-cases';

export type CaseResult = 'PASS' | 'FAIL' | 'N/A';

export interface CaseOutcome {
  name: string;
  result: CaseResult;
  /** The first difference, the missing feature, or the error that stopped the run. */
  detail: string;
  differences: string[];
  durationMs: number;
  executionArn?: string;
  /** For a failed case: what the engine reported, to investigate without the (gone) worker. */
  observed?: { describe: Record<string, unknown>; events: string[] };
}

/** Longer than any case needs (the slowest waits on 5 s timeouts); a hung execution is stopped and fails. */
const CASE_TIMEOUT_MS = 120_000;
const NAME_MAX = 80;

export async function runCase(sfn: StepFunctions, c: ConformanceCase, storage: CaseStorage): Promise<CaseOutcome> {
  const started = Date.now();
  const verdict = applicability(c);
  if (!verdict.applicable) {
    return { name: c.name, result: 'N/A', detail: verdict.reason, differences: [], durationMs: 0 };
  }
  return storage.with(c, () => runApplicable(sfn, c, started));
}

async function runApplicable(sfn: StepFunctions, c: ConformanceCase, started: number): Promise<CaseOutcome> {
  let executionArn: string | undefined;
  try {
    const { stateMachineArn } = await sfn.createStateMachine({
      name: uniqueName(c.name),
      definition: JSON.stringify(c.definition),
    });
    ({ executionArn } = await sfn.startExecution({
      stateMachineArn,
      ...(c.input === null ? {} : { input: JSON.stringify(c.input) }),
    }));
    const describe = await waitWithTimeout(sfn, executionArn);
    const events = await fullHistory(sfn, executionArn);
    const differences = compareCase(c, { describe, events });
    return {
      name: c.name,
      result: differences.length === 0 ? 'PASS' : 'FAIL',
      detail: differences[0] ?? '',
      differences,
      durationMs: Date.now() - started,
      executionArn,
      ...(differences.length > 0 ? { observed: { describe, events: events.map(compactEvent) } } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      name: c.name,
      result: 'FAIL',
      detail: `run failed: ${message}`,
      differences: [message],
      durationMs: Date.now() - started,
      ...(executionArn ? { executionArn } : {}),
    };
  }
}

/** `conf-<case>-<random>`, cut to the 80 characters a name may have (case names use allowed characters only). */
export function uniqueName(caseName: string): string {
  const suffix = `-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `conf-${caseName}`.slice(0, NAME_MAX - suffix.length) + suffix;
}

async function waitWithTimeout(sfn: StepFunctions, executionArn: string): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`execution still running after ${CASE_TIMEOUT_MS / 1000} s`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    return (await Promise.race([sfn.waitForExecution({ executionArn }), timeout])) as Record<string, unknown>;
  } catch (error) {
    await sfn.stopExecution({ executionArn }).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** `id<-previousEventId Type {details}`: one line per event. */
function compactEvent(event: EventLike): string {
  const { id, previousEventId, type, timestamp: _timestamp, ...details } = event;
  const rest = Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : '';
  return `${id}<-${previousEventId} ${type}${rest}`;
}

async function fullHistory(sfn: StepFunctions, executionArn: string): Promise<EventLike[]> {
  const events: EventLike[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.getExecutionHistory({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    events.push(...(page.events as unknown as EventLike[]));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
