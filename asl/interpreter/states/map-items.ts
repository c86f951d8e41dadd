/**
 * What a Map iterates over and how it shapes each item, in either query language: ItemsPath (JSONPath, which may
 * name a variable) or Items (JSONata, literal or expression), and the ItemSelector with `Map.Item` in the context.
 */
import { StatesError, StatesErrors } from '../../errors';
import type { Json } from '../../json';
import { QueryEvaluationError } from '../../jsonata/errors';
import { selectItem } from '../../jsonata/item-selector';
import { evaluateTyped } from '../../jsonata/template';
import { selectReference } from '../../paths/references';
import type { MapState, QueryLanguage } from '../../types';
import { jsonataScope } from '../query';
import { contextObject, type RunContext } from '../run-context';

/** The items of a Map whose items come from its input: `effective` for JSONPath, the raw input for JSONata. */
export async function mapItems(
  state: MapState,
  ql: QueryLanguage,
  input: Json,
  context: Json,
  rc: RunContext,
): Promise<Json[]> {
  if (ql === 'JSONata') {
    const items =
      state.Items !== undefined
        ? await evaluateTyped(state.Items, 'Items', 'array', jsonataScope(rc, { input, context }))
        : input;
    if (!Array.isArray(items)) {
      throw new QueryEvaluationError(`Map state input must be an array but was: ${JSON.stringify(items)}`);
    }
    return items;
  }
  const items =
    state.ItemsPath == null
      ? input
      : selectReference(state.ItemsPath, { data: input, context, variables: rc.variables });
  if (!Array.isArray(items)) {
    throw new StatesError(StatesErrors.Runtime, `Map state input must be an array but was: ${JSON.stringify(items)}`);
  }
  return items;
}

/** ItemSelector sees the Map's input as `$` / `$states.input` and the item as `Map.Item` in the context. */
export async function mapItemInput(
  rc: RunContext,
  name: string,
  state: MapState,
  ql: QueryLanguage,
  input: Json,
  item: Json,
  index: number,
  retryCount: number,
): Promise<Json> {
  if (state.ItemSelector === undefined) return item;
  const context = contextObject(rc, name, rc.host.now(), retryCount, { Item: { Index: index, Value: item } });
  return selectItem({
    itemSelector: state.ItemSelector,
    queryLanguage: ql,
    input,
    context,
    variables: rc.variables?.all() ?? {},
    host: rc.host,
  });
}
