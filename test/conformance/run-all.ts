/**
 * Runs cases a few at a time (the dev box has 2 cores; the slow cases mostly wait on timers), keeping the
 * results in corpus order.
 */
import type { StepFunctions } from '../../client';
import type { CaseStorage } from './case-storage';
import type { ConformanceCase } from './load-cases';
import { runCase, type CaseOutcome } from './run-case';

export async function runCases(
  sfn: StepFunctions,
  storage: CaseStorage,
  cases: ConformanceCase[],
  concurrency: number,
  onDone: (outcome: CaseOutcome) => void = () => undefined,
): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = new Array<CaseOutcome>(cases.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const outcome = await runCase(sfn, cases[i] as ConformanceCase, storage);
      outcomes[i] = outcome;
      onDone(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return outcomes;
}
