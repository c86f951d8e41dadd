/**
 * One attempt of a Distributed Map (sfn-spec §4.4): MapStateStarted, then the Map Run the host starts
 * (MapRunStarted ... MapRunSucceeded | MapRunFailed | MapRunAborted), then MapStateSucceeded. Definition values
 * read from the input (thresholds, MaxItems, batch sizes) are checked first: their faults fail the state with
 * States.Runtime before any Map Run exists, as recorded on AWS. In JSONata states those values, the reader and
 * writer Arguments and BatchInput are expressions, evaluated here; the request carries their values.
 */
import { isStatesError, StatesError, StatesErrors } from '../../errors';
import { isJsonObject, type Json } from '../../json';
import { generatedLabel } from '../../map-run/names';
import { resolveMapRunSettings } from '../../map-run/settings';
import { applyInputPath } from '../../paths/payload-template';
import type { MapState } from '../../types';
import type { ResolvedReader, ResolvedResultWriter } from '../host';
import { StateAborted, StateFailure } from '../failed-or-aborted';
import { outputOfResult } from '../result-to-output';
import type { AttemptResult } from '../retry-catch';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';
import { resolvedMapState } from './distributed-map-fields';
import { statePathOf } from '../branch-resume';
import { mapItems } from './map-items';

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
  const ql = queryLanguageOf(state, rc);
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const effective = ql === 'JSONata' ? input : applyInputPath(input, state.InputPath, context, rc.variables);
  // With an ItemReader the items come from storage and ItemsPath is ignored (recorded AWS behaviour).
  const items = state.ItemReader ? undefined : await mapItems(state, ql, effective, context, rc);
  const startedId = rc.log.add('MapStateStarted', previous, { length: items?.length ?? 0 });
  const resolved = await resolvedMapState(state, ql, effective, context, rc);
  const settings = resolveMapRunSettings(resolved, effective, { context, variables: rc.variables });
  const reader = resolved.ItemReader ? resolveReader(resolved) : undefined;
  const resultWriter = resolved.ResultWriter ? resolveResultWriter(resolved) : undefined;

  const started = await rc.host.startMapRun({
    stateName: name,
    statePath: statePathOf(rc, name),
    label: state.Label ?? generatedLabel(rc.stateMachine.Id, name),
    state: resolved,
    input: effective,
    ...(items ? { items } : {}),
    ...(reader ? { reader } : {}),
    ...(resultWriter ? { resultWriter } : {}),
    settings,
    context,
    queryLanguage: ql,
    variables: rc.variables?.all() ?? {},
  });
  const runStartedId =
    started.redriveCount === undefined
      ? rc.log.add('MapRunStarted', startedId, { mapRunArn: started.mapRunArn })
      : rc.log.add('MapRunRedriven', startedId, { mapRunArn: started.mapRunArn, redriveCount: started.redriveCount });
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
  // Since late 2024 AWS links MapStateExited to MapRunStarted (conformance README).
  return {
    ...(await outputOfResult(ql, state, input, result, context, rc)),
    lastEventId,
    exitPreviousEventId: runStartedId,
  };
}

/** The S3 call's resolved Parameters / Arguments (resolvedMapState puts either under Parameters). */
function resolveReader(state: MapState): ResolvedReader {
  const reader = state.ItemReader!;
  const parameters = reader.Parameters ?? {};
  const bucket = parameters.Bucket;
  if (typeof bucket !== 'string' || bucket === '') {
    throw new StatesError(StatesErrors.Runtime, 'The ItemReader Parameters must give a Bucket string.');
  }
  const key = typeof parameters.Key === 'string' ? parameters.Key : undefined;
  const prefix = typeof parameters.Prefix === 'string' ? parameters.Prefix : undefined;
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

function resolveResultWriter(state: MapState): ResolvedResultWriter {
  const writer = state.ResultWriter!;
  const config = writer.WriterConfig;
  const exported = writer.Resource !== undefined;
  const parameters = writer.Parameters ?? {};
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
