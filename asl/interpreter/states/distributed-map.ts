/**
 * One attempt of a Distributed Map (sfn-spec §4.4): MapStateStarted, then the Map Run the host starts
 * (MapRunStarted ... MapRunSucceeded | MapRunFailed | MapRunAborted), then MapStateSucceeded. Definition values
 * read from the input (thresholds, MaxItems, batch sizes) are checked first: their faults fail the state with
 * States.Runtime before any Map Run exists, as recorded on AWS.
 */
import { isStatesError, StatesError, StatesErrors } from '../../errors';
import { isJsonObject, type Json } from '../../json';
import { generatedLabel } from '../../map-run/names';
import { resolveMapRunSettings } from '../../map-run/settings';
import { selectPath } from '../../paths/jsonpath';
import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { MapState } from '../../types';
import type { ResolvedReader, ResolvedResultWriter } from '../host';
import { StateAborted, StateFailure } from '../outcome';
import type { AttemptResult } from '../retry-catch';
import { contextObject, type RunContext } from '../run-context';

export async function runDistributedMapAttempt(
  name: string,
  state: MapState,
  input: Json,
  rc: RunContext,
  retryCount: number,
  previous: number,
): Promise<AttemptResult> {
  if (!rc.host.startMapRun) {
    throw new StatesError(StatesErrors.Runtime, 'A Distributed Map cannot run inside an Express child execution.');
  }
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const effective = applyInputPath(input, state.InputPath, context);
  // With an ItemReader the items come from storage and ItemsPath is ignored (recorded AWS behaviour).
  const items = state.ItemReader ? undefined : itemsOf(effective, state.ItemsPath);
  const startedId = rc.log.add('MapStateStarted', previous, { length: items?.length ?? 0 });
  const settings = resolveMapRunSettings(state, effective);
  const reader = state.ItemReader ? resolveReader(state, effective, context, rc) : undefined;
  const resultWriter = state.ResultWriter ? resolveResultWriter(state, effective, context, rc) : undefined;

  const started = await rc.host.startMapRun({
    stateName: name,
    label: state.Label ?? generatedLabel(rc.stateMachine.Id, name),
    state,
    input: effective,
    ...(items ? { items } : {}),
    ...(reader ? { reader } : {}),
    ...(resultWriter ? { resultWriter } : {}),
    settings,
    context,
  });
  const runStartedId = rc.log.add('MapRunStarted', startedId, { mapRunArn: started.mapRunArn });
  let result: Json;
  try {
    result = await started.result;
  } catch (error) {
    if (rc.host.isCancellation(error)) {
      const abortedId = rc.log.add('MapRunAborted', runStartedId);
      throw new StateAborted(rc.log.add('MapStateAborted', abortedId));
    }
    if (!isStatesError(error)) throw error;
    const failedId = rc.log.add('MapRunFailed', runStartedId, { error: error.error, cause: error.cause });
    throw new StateFailure(error, failedId);
  }
  const succeededId = rc.log.add('MapRunSucceeded', runStartedId);
  const lastEventId = rc.log.add('MapStateSucceeded', succeededId);
  const selected =
    state.ResultSelector !== undefined
      ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host)
      : result;
  const output = applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, context);
  // Since late 2024 AWS links MapStateExited to MapRunStarted (conformance README).
  return { output, lastEventId, exitPreviousEventId: runStartedId };
}

function itemsOf(input: Json, itemsPath: string | null | undefined): Json[] {
  const items = itemsPath == null ? input : selectPath(input, itemsPath);
  if (!Array.isArray(items)) {
    throw new StatesError(StatesErrors.Runtime, `Map state input must be an array but was: ${JSON.stringify(items)}`);
  }
  return items;
}

function resolveReader(state: MapState, input: Json, context: Json, rc: RunContext): ResolvedReader {
  const reader = state.ItemReader!;
  const parameters = reader.Parameters ? resolvePayloadTemplate(reader.Parameters, input, context, rc.host) : {};
  const bucket = isJsonObject(parameters) ? parameters.Bucket : undefined;
  if (typeof bucket !== 'string' || bucket === '') {
    throw new StatesError(StatesErrors.Runtime, 'The ItemReader Parameters must give a Bucket string.');
  }
  const key = isJsonObject(parameters) && typeof parameters.Key === 'string' ? parameters.Key : undefined;
  const prefix = isJsonObject(parameters) && typeof parameters.Prefix === 'string' ? parameters.Prefix : undefined;
  if (reader.Resource.endsWith(':getObject') && key === undefined) {
    throw new StatesError(StatesErrors.Runtime, 'The ItemReader Parameters must give a Key string for s3:getObject.');
  }
  return {
    resource: reader.Resource,
    bucket,
    ...(key !== undefined ? { key } : {}),
    ...(prefix !== undefined ? { prefix } : {}),
    readerConfig: reader.ReaderConfig ?? {},
  };
}

function resolveResultWriter(state: MapState, input: Json, context: Json, rc: RunContext): ResolvedResultWriter {
  const writer = state.ResultWriter!;
  const config = writer.WriterConfig;
  const exported = writer.Resource !== undefined;
  const parameters = writer.Parameters ? resolvePayloadTemplate(writer.Parameters, input, context, rc.host) : {};
  const bucket = isJsonObject(parameters) && typeof parameters.Bucket === 'string' ? parameters.Bucket : undefined;
  const prefix = isJsonObject(parameters) && typeof parameters.Prefix === 'string' ? parameters.Prefix : '';
  if (exported && !bucket)
    throw new StatesError(StatesErrors.Runtime, 'The ResultWriter Parameters must give a Bucket string.');
  return {
    ...(exported ? { bucket, prefix } : {}),
    // Exported results default to full records (NONE); results kept in the output default to COMPACT.
    transformation: config?.Transformation ?? (exported ? 'NONE' : 'COMPACT'),
    outputType: config?.OutputType ?? 'JSON',
  };
}
