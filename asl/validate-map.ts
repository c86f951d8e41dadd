/**
 * Relations between the fields of a Map state (sfn-spec §1): legacy and current spellings, literal/path twins,
 * what only a Distributed Map may have, and the ItemReader/ItemBatcher/ResultWriter combinations AWS accepts.
 */
import type { JsonObject } from './json';
import { isJsonObject } from './json';
import type { QueryLanguage } from './types';
import type { Faults } from './validate-faults';
import { pointer } from './validate-faults';
import { exclusive, present } from './validate-rules';

/** The processor's field name as written: the current `ItemProcessor` or the legacy `Iterator`. */
export function processorKey(state: JsonObject): 'ItemProcessor' | 'Iterator' | undefined {
  if (state.ItemProcessor !== undefined) return 'ItemProcessor';
  return state.Iterator !== undefined ? 'Iterator' : undefined;
}

function mode(processor: unknown): string {
  const config = isJsonObject(processor) ? processor.ProcessorConfig : undefined;
  return isJsonObject(config) && typeof config.Mode === 'string' ? config.Mode : 'INLINE';
}

function checkProcessor(state: JsonObject, at: string, faults: Faults): void {
  exclusive(state, at, 'ItemProcessor', 'Iterator', faults);
  const key = processorKey(state);
  if (key === undefined) {
    faults.schema(pointer(at, 'ItemProcessor'), 'The field "ItemProcessor" is required in a Map state');
    return;
  }
  const processor = state[key];
  const config = isJsonObject(processor) ? processor.ProcessorConfig : undefined;
  if (isJsonObject(config) && config.Mode === 'DISTRIBUTED' && config.ExecutionType === undefined) {
    faults.schema(
      pointer(at, key, 'ProcessorConfig', 'ExecutionType'),
      'The field "ExecutionType" is required when the ProcessorConfig Mode is DISTRIBUTED',
    );
  }
}

const CSV_LIKE = ['CSV', 'MANIFEST'];

function checkReader(reader: JsonObject, at: string, faults: Faults): void {
  const config = reader.ReaderConfig;
  if (!isJsonObject(config)) return;
  const where = pointer(at, 'ReaderConfig');
  exclusive(config, where, 'MaxItems', 'MaxItemsPath', faults);
  const location = config.CSVHeaderLocation;
  if (location === 'GIVEN' && config.CSVHeaders === undefined) {
    faults.schema(pointer(where, 'CSVHeaders'), 'The field "CSVHeaders" is required when CSVHeaderLocation is GIVEN');
  }
  if (location !== 'GIVEN' && config.CSVHeaders !== undefined) {
    faults.schema(
      pointer(where, 'CSVHeaders'),
      'The field "CSVHeaders" is only allowed when CSVHeaderLocation is GIVEN',
    );
  }
  const inputType = config.InputType;
  for (const key of ['CSVHeaderLocation', 'CSVDelimiter']) {
    if (present(config, key) && typeof inputType === 'string' && !CSV_LIKE.includes(inputType)) {
      faults.schema(pointer(where, key), `The field "${key}" is only allowed when InputType is CSV or MANIFEST`);
    }
  }
}

function checkBatcher(batcher: JsonObject, at: string, faults: Faults): void {
  exclusive(batcher, at, 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', faults);
  exclusive(batcher, at, 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath', faults);
  const limits = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
  if (!limits.some((key) => present(batcher, key))) {
    faults.schema(at, 'An ItemBatcher must set "MaxItemsPerBatch" or "MaxInputBytesPerBatch" (or a Path form)');
  }
}

/** Allowed: WriterConfig only (format the state output), Resource with its arguments (export), or all three. */
function checkWriter(writer: JsonObject, at: string, ql: QueryLanguage, faults: Faults): void {
  if (Object.keys(writer).length === 0) {
    faults.schema(at, 'The field "ResultWriter" must not be empty');
    return;
  }
  const args = ql === 'JSONata' ? 'Arguments' : 'Parameters';
  if (present(writer, 'Resource') && !present(writer, args)) {
    faults.schema(pointer(at, args), `The field "${args}" is required when the ResultWriter has a "Resource"`);
  }
  if (!present(writer, 'Resource') && present(writer, args)) {
    faults.schema(pointer(at, 'Resource'), `The field "Resource" is required when the ResultWriter has "${args}"`);
  }
}

export function checkMapRules(state: JsonObject, at: string, ql: QueryLanguage, faults: Faults): void {
  checkProcessor(state, at, faults);
  exclusive(state, at, 'ItemSelector', 'Parameters', faults);
  exclusive(state, at, 'MaxConcurrency', 'MaxConcurrencyPath', faults);
  exclusive(state, at, 'ToleratedFailureCount', 'ToleratedFailureCountPath', faults);
  exclusive(state, at, 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', faults);

  const key = processorKey(state);
  const distributed = key !== undefined && mode(state[key]) === 'DISTRIBUTED';
  for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (present(state, field) && !distributed) {
      faults.schema(pointer(at, field), `The field "${field}" is only supported by a Map state in DISTRIBUTED mode`);
    }
  }
  if (isJsonObject(state.ItemReader)) checkReader(state.ItemReader, pointer(at, 'ItemReader'), faults);
  if (isJsonObject(state.ItemBatcher)) checkBatcher(state.ItemBatcher, pointer(at, 'ItemBatcher'), faults);
  if (isJsonObject(state.ResultWriter)) checkWriter(state.ResultWriter, pointer(at, 'ResultWriter'), ql, faults);
}
