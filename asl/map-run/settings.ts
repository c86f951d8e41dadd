/**
 * The numbers a Distributed Map reads from its definition or, through `...Path` fields, from its input:
 * MaxConcurrency, the tolerated-failure thresholds, the ItemBatcher limits and MaxItems. Faults are
 * States.Runtime with AWS's recorded messages (sfn-spec §1.8, §1.9) and fail the state before any Map Run starts.
 */
import { StatesError, StatesErrors } from '../errors';
import { selectReference } from '../paths/references';
import type { Json } from '../json';
import type { VariableLookup } from '../variables/scope';
import type { MapState } from '../types';

export interface MapRunSettings {
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  maxItemsPerBatch?: number;
  maxInputBytesPerBatch?: number;
  /** As read: a negative value fails inside the Map Run with States.ItemReaderFailed (recorded AWS behaviour). */
  maxItems?: number;
}

type Kind = 'integer' | 'float';

/** Where `...Path` fields may also point: the context object (`$$`) and variables (`$name`). */
export interface SettingsSources {
  context?: Json;
  variables?: VariableLookup;
}

/** Reads a literal or a `...Path` value; numeric strings count (variables often hold strings). */
function numberField(
  literal: unknown,
  path: string | undefined,
  input: Json,
  field: string,
  kind: Kind,
  sources: SettingsSources,
): number | undefined {
  const raw = path !== undefined ? selectReference(path, { data: input, ...sources }) : literal;
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const valid = typeof value === 'number' && Number.isFinite(value) && (kind === 'float' || Number.isInteger(value));
  if (!valid) {
    const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const where =
      path !== undefined ? `${field}Path field refers to value "${shown}"` : `${field} field has value "${shown}"`;
    throw new StatesError(StatesErrors.Runtime, `The ${where} which is not a valid ${kind}${path ? `: ${path}` : ''}`);
  }
  return value as number;
}

/**
 * In JSONata states the literals may have been expressions: the caller evaluates them first
 * (asl/interpreter/states/distributed-map-fields.ts), so here every literal is a plain value.
 */
export function resolveMapRunSettings(state: MapState, input: Json, sources: SettingsSources = {}): MapRunSettings {
  const maxConcurrency =
    numberField(state.MaxConcurrency, state.MaxConcurrencyPath, input, 'MaxConcurrency', 'integer', sources) ?? 0;
  if (maxConcurrency < 0) throw new StatesError(StatesErrors.Runtime, 'MaxConcurrency cannot be negative.');

  const count =
    numberField(
      state.ToleratedFailureCount,
      state.ToleratedFailureCountPath,
      input,
      'ToleratedFailureCount',
      'integer',
      sources,
    ) ?? 0;
  if (count < 0) throw new StatesError(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');

  const percentage =
    numberField(
      state.ToleratedFailurePercentage,
      state.ToleratedFailurePercentagePath,
      input,
      'ToleratedFailurePercentage',
      'float',
      sources,
    ) ?? 0;
  if (percentage < 0 || percentage > 100) {
    throw new StatesError(StatesErrors.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  }

  const batcher = state.ItemBatcher;
  const maxItemsPerBatch = batcher
    ? numberField(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath, input, 'MaxItemsPerBatch', 'integer', sources)
    : undefined;
  const maxInputBytesPerBatch = batcher
    ? numberField(
        batcher.MaxInputBytesPerBatch,
        batcher.MaxInputBytesPerBatchPath,
        input,
        'MaxInputBytesPerBatch',
        'integer',
        sources,
      )
    : undefined;
  for (const [field, value] of [
    ['MaxItemsPerBatch', maxItemsPerBatch],
    ['MaxInputBytesPerBatch', maxInputBytesPerBatch],
  ] as const) {
    if (value !== undefined && value <= 0) throw new StatesError(StatesErrors.Runtime, `${field} must be positive.`);
  }

  const config = state.ItemReader?.ReaderConfig;
  const maxItems = config
    ? numberField(config.MaxItems, config.MaxItemsPath, input, 'MaxItems', 'integer', sources)
    : undefined;

  return {
    maxConcurrency,
    toleratedFailureCount: count,
    toleratedFailurePercentage: percentage,
    ...(maxItemsPerBatch !== undefined ? { maxItemsPerBatch } : {}),
    ...(maxInputBytesPerBatch !== undefined ? { maxInputBytesPerBatch } : {}),
    ...(maxItems !== undefined ? { maxItems } : {}),
  };
}
