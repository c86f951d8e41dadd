import { StatesError, StatesErrors } from '../../errors';
import { evaluateTyped } from '../../jsonata/template';
import { applyInputPath } from '../../paths/payload-template';
import { selectReference } from '../../paths/references';
import type { Json } from '../../json';
import type { MapState, QueryLanguage } from '../../types';
import { ABORTABLE, fanOut } from '../fan-out';
import { jsonataScope } from '../query';
import { outputOfResult } from '../result-to-output';
import { withRetryAndCatch, type AttemptResult } from '../retry-catch';
import { earlierBranches, reusedOutput, runBranch, withBranchMemory } from '../branch-resume';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';
import type { RunStates, StateRunner } from '../state-runner';
import { runDistributedMapAttempt } from './distributed-map';
import { mapItemInput, mapItems } from './map-items';

/** Step Functions runs at most 40 Inline Map iterations at once, whatever MaxConcurrency says. */
export const INLINE_MAP_MAX_CONCURRENCY = 40;

export const runMap: StateRunner<MapState> = (name, state, input, rc, enteredEventId, runStates) => {
  const ql = queryLanguageOf(state, rc);
  const run = () =>
    withRetryAndCatch({
      name,
      type: 'Map',
      state,
      input,
      enteredEventId,
      rc,
      ql,
      attempt: (retryCount, previous) =>
        state.ItemProcessor.ProcessorConfig?.Mode === 'DISTRIBUTED'
          ? runDistributedMapAttempt(name, state, input, rc, retryCount, previous)
          : runInlineMapAttempt(runStates, name, state, ql, input, rc, retryCount, previous),
    });
  // A Distributed Map's children are executions of their own, redriven by its Map Run.
  return state.ItemProcessor.ProcessorConfig?.Mode === 'DISTRIBUTED' ? run() : withBranchMemory(rc, name, run);
};

async function runInlineMapAttempt(
  runStates: RunStates,
  name: string,
  state: MapState,
  ql: QueryLanguage,
  input: Json,
  rc: RunContext,
  retryCount: number,
  previous: number,
): Promise<AttemptResult> {
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const effective = ql === 'JSONata' ? input : applyInputPath(input, state.InputPath, context, rc.variables);
  const items = await mapItems(state, ql, effective, context, rc);
  const maxConcurrency = await inlineConcurrency(state, ql, effective, context, rc);
  const startedId = rc.log.add('MapStateStarted', previous, { length: items.length });
  // After a redrive, iterations that had succeeded keep their output and only the others run (sfn-spec §3.5).
  const earlier = earlierBranches(rc, name, items.length);
  let lastSettled = startedId;
  const outputs = await fanOut(rc, items.length, maxConcurrency, {
    run: async (index) => {
      const reused = reusedOutput(rc, name, index, earlier[index]);
      if (reused) return reused.value;
      const item = items[index] as Json;
      const iterationId = rc.log.add('MapIterationStarted', lastSettled, { name, index });
      // Each iteration reads the outer variables; what it assigns stays in its own scope and ends with it.
      const itemInput = () => mapItemInput(rc, name, state, ql, effective, item, index, retryCount);
      const result = await runBranch(
        runStates,
        rc,
        name,
        index,
        state.ItemProcessor,
        itemInput,
        iterationId,
        earlier[index],
      );
      lastSettled = rc.log.add('MapIterationSucceeded', result.lastEventId, { name, index });
      return result.output;
    },
    onFailed: (index, failure) => {
      rc.log.add('MapIterationFailed', failure.lastEventId, { name, index });
    },
    onAborted: (index, causeEventId, openStateType) => {
      if (openStateType && ABORTABLE.has(openStateType)) rc.log.add(`${openStateType}StateAborted`, causeEventId);
      rc.log.add('MapIterationAborted', causeEventId, { name, index });
    },
  });
  const lastEventId = rc.log.add('MapStateSucceeded', lastSettled);
  return { ...(await outputOfResult(ql, state, input, outputs, context, rc)), lastEventId };
}

async function inlineConcurrency(
  state: MapState,
  ql: QueryLanguage,
  input: Json,
  context: Json,
  rc: RunContext,
): Promise<number> {
  let value: Json | undefined;
  if (ql === 'JSONata') {
    value =
      state.MaxConcurrency === undefined
        ? 0
        : await evaluateTyped(state.MaxConcurrency, 'MaxConcurrency', 'integer', jsonataScope(rc, { input, context }));
  } else {
    value =
      state.MaxConcurrencyPath !== undefined
        ? selectReference(state.MaxConcurrencyPath, { data: input, context, variables: rc.variables })
        : (state.MaxConcurrency ?? 0);
  }
  // Variables often hold numbers as strings (recorded: MaxConcurrencyPath to a variable holding "1").
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The MaxConcurrencyPath field refers to value ${JSON.stringify(String(value))} which is not a valid integer: ${state.MaxConcurrencyPath}`,
    );
  }
  return number === 0 ? INLINE_MAP_MAX_CONCURRENCY : Math.min(number, INLINE_MAP_MAX_CONCURRENCY);
}
