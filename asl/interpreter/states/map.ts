import { StatesError, StatesErrors } from '../../errors';
import { selectPath } from '../../paths/jsonpath';
import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { Json } from '../../json';
import type { MapState } from '../../types';
import { ABORTABLE, fanOut } from '../fan-out';
import { withRetryAndCatch } from '../retry-catch';
import { contextObject, type RunContext } from '../run-context';
import { runStates, type StateRunner } from '../run-states';
import { runDistributedMapAttempt } from './distributed-map';

/** Step Functions runs at most 40 Inline Map iterations at once, whatever MaxConcurrency says. */
export const INLINE_MAP_MAX_CONCURRENCY = 40;

export const runMap: StateRunner<MapState> = (name, state, input, rc, enteredEventId) =>
  withRetryAndCatch({
    name,
    type: 'Map',
    state,
    input,
    enteredEventId,
    rc,
    attempt: async (retryCount, previous) => {
      if (state.ItemProcessor.ProcessorConfig?.Mode === 'DISTRIBUTED') {
        return runDistributedMapAttempt(name, state, input, rc, retryCount, previous);
      }
      const stateContext = contextObject(rc, name, rc.host.now(), retryCount);
      const effective = applyInputPath(input, state.InputPath, stateContext);
      const items = itemsOf(effective, state.ItemsPath);
      const maxConcurrency = inlineConcurrency(state, effective);
      const startedId = rc.log.add('MapStateStarted', previous, { length: items.length });
      let lastSettled = startedId;
      const outputs = await fanOut(rc, items.length, maxConcurrency, {
        run: async (index) => {
          const item = items[index] as Json;
          const iterationId = rc.log.add('MapIterationStarted', lastSettled, { name, index });
          const itemInput = selectItem(rc, name, state, effective, item, index, retryCount);
          const result = await runStates(state.ItemProcessor, itemInput, rc, iterationId);
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
      const context = contextObject(rc, name, rc.host.now(), retryCount);
      const result: Json = outputs;
      const selected =
        state.ResultSelector !== undefined
          ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host)
          : result;
      return {
        output: applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, stateContext),
        lastEventId,
      };
    },
  });

function itemsOf(input: Json, itemsPath: string | null | undefined): Json[] {
  const items = itemsPath == null ? input : selectPath(input, itemsPath);
  if (!Array.isArray(items)) {
    throw new StatesError(StatesErrors.Runtime, `Map state input must be an array but was: ${JSON.stringify(items)}`);
  }
  return items;
}

function inlineConcurrency(state: MapState, input: Json): number {
  const value =
    state.MaxConcurrencyPath !== undefined ? selectPath(input, state.MaxConcurrencyPath) : (state.MaxConcurrency ?? 0);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The MaxConcurrencyPath field refers to value ${JSON.stringify(String(value))} which is not a valid integer: ${state.MaxConcurrencyPath}`,
    );
  }
  return value === 0 ? INLINE_MAP_MAX_CONCURRENCY : Math.min(value, INLINE_MAP_MAX_CONCURRENCY);
}

/** ItemSelector sees the Map's effective input as `$` and the item as `$$.Map.Item`. */
function selectItem(
  rc: RunContext,
  name: string,
  state: MapState,
  input: Json,
  item: Json,
  index: number,
  retryCount: number,
): Json {
  if (state.ItemSelector === undefined) return item;
  const context = contextObject(rc, name, rc.host.now(), retryCount, { Item: { Index: index, Value: item } });
  return resolvePayloadTemplate(state.ItemSelector, input, context, rc.host);
}
