/**
 * A Distributed Map state with every value that depends on the state's input worked out, so that the Map Run
 * (and its partitions, which never see the parent's input or language) read plain values: JSONata numbers,
 * reader/writer Arguments and BatchInput evaluated, JSONPath reader/writer Parameters and BatchInput templates
 * resolved, and the ItemProcessor told its query language (its states default to the definition's).
 */
import type { Json, JsonObject } from '../../json';
import { evaluateTemplate, evaluateTyped, type ExpectedType } from '../../jsonata/template';
import type { JsonataScope } from '../../jsonata/evaluate';
import { resolvePayloadTemplate } from '../../paths/payload-template';
import type { MapState, QueryLanguage } from '../../types';
import { jsonataScope } from '../query';
import type { RunContext } from '../run-context';

type Field = Json | undefined;

async function typed(value: Field, field: string, expected: ExpectedType, scope: JsonataScope): Promise<Field> {
  return value === undefined ? undefined : evaluateTyped(value, field, expected, scope);
}

/** Undefined members dropped, so `{...a, X: undefined}` does not add keys. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export async function resolvedMapState(
  state: MapState,
  ql: QueryLanguage,
  input: Json,
  context: Json,
  rc: RunContext,
): Promise<MapState> {
  const processor = {
    ...state.ItemProcessor,
    QueryLanguage: state.ItemProcessor.QueryLanguage ?? rc.topQueryLanguage ?? ql,
  };
  if (ql === 'JSONPath') {
    const template = (value: Json | undefined) =>
      value === undefined ? undefined : resolvePayloadTemplate(value, input, context, rc.host, rc.variables);
    return defined({
      ...state,
      ItemProcessor: processor,
      ItemReader:
        state.ItemReader &&
        defined({ ...state.ItemReader, Parameters: template(state.ItemReader.Parameters) as JsonObject | undefined }),
      ResultWriter:
        state.ResultWriter &&
        defined({
          ...state.ResultWriter,
          Parameters: template(state.ResultWriter.Parameters) as JsonObject | undefined,
        }),
      ItemBatcher:
        state.ItemBatcher && defined({ ...state.ItemBatcher, BatchInput: template(state.ItemBatcher.BatchInput) }),
    });
  }
  const scope = jsonataScope(rc, { input, context });
  const reader = state.ItemReader;
  const batcher = state.ItemBatcher;
  const writer = state.ResultWriter;
  return defined({
    ...state,
    ItemProcessor: processor,
    MaxConcurrency: (await typed(state.MaxConcurrency, 'MaxConcurrency', 'integer', scope)) as number | undefined,
    ToleratedFailurePercentage: (await typed(
      state.ToleratedFailurePercentage,
      'ToleratedFailurePercentage',
      'number',
      scope,
    )) as number | undefined,
    ToleratedFailureCount: (await typed(state.ToleratedFailureCount, 'ToleratedFailureCount', 'integer', scope)) as
      number | undefined,
    ItemReader:
      reader &&
      defined({
        ...reader,
        Parameters:
          reader.Arguments === undefined
            ? undefined
            : ((await evaluateTemplate(reader.Arguments, 'ItemReader/Arguments', scope)) as JsonObject),
        Arguments: undefined,
        ReaderConfig:
          reader.ReaderConfig &&
          defined({
            ...reader.ReaderConfig,
            MaxItems: (await typed(
              reader.ReaderConfig.MaxItems,
              'ItemReader/ReaderConfig/MaxItems',
              'integer',
              scope,
            )) as number | undefined,
          }),
      }),
    ItemBatcher:
      batcher &&
      defined({
        ...batcher,
        MaxItemsPerBatch: (await typed(batcher.MaxItemsPerBatch, 'ItemBatcher/MaxItemsPerBatch', 'integer', scope)) as
          number | undefined,
        MaxInputBytesPerBatch: (await typed(
          batcher.MaxInputBytesPerBatch,
          'ItemBatcher/MaxInputBytesPerBatch',
          'integer',
          scope,
        )) as number | undefined,
        BatchInput:
          batcher.BatchInput === undefined
            ? undefined
            : await evaluateTemplate(batcher.BatchInput, 'ItemBatcher/BatchInput', scope),
      }),
    ResultWriter:
      writer &&
      defined({
        ...writer,
        Parameters:
          writer.Arguments === undefined
            ? undefined
            : ((await evaluateTemplate(writer.Arguments, 'ResultWriter/Arguments', scope)) as JsonObject),
        Arguments: undefined,
      }),
  });
}
