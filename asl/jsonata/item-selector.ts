/**
 * A Map's ItemSelector for one item, in either query language: JSONPath `.$` templates or JSONata `{% %}`
 * templates. `context` already holds `Map.Item` (Index, Value, Key, Source); `input` is the Map state's input
 * (`$` / `$states.input`). Async because JSONata evaluation is. Shared by the Inline Map and the partitions of a
 * Distributed Map, so both shape items the same way.
 */
import type { Json } from '../json';
import { resolvePayloadTemplate } from '../paths/payload-template';
import type { QueryLanguage } from '../types';
import type { VariableLookup } from '../variables/scope';
import type { JsonataHost } from './functions';
import { evaluateTemplate } from './template';

export interface ItemSelection {
  itemSelector: Json;
  queryLanguage: QueryLanguage;
  input: Json;
  context: Json;
  /** Variables visible to the Map state (a plain record once they have crossed into a Map Run). */
  variables?: Record<string, Json>;
  host: JsonataHost;
}

export async function selectItem(selection: ItemSelection): Promise<Json> {
  const { itemSelector, input, context, host } = selection;
  const variables = selection.variables ?? {};
  if (selection.queryLanguage === 'JSONata') {
    return evaluateTemplate(itemSelector, 'ItemSelector', { states: { input, context }, variables, host });
  }
  const lookup: VariableLookup = { get: (name) => variables[name] };
  return resolvePayloadTemplate(itemSelector, input, context, host, lookup);
}
