/**
 * The Map state's result when its Map Run succeeds: the manifest reference when a ResultWriter exported the
 * results, else the children's outputs in item order, which share the state's 256 KiB quota.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import { shapeOutputs } from '../../asl/map-run/results';
import type { PartitionReport } from '../../messages/map-run';
import type { MapRunConfig } from './config';
import type { PartitionPage } from './pages';

export function mapStateResult(
  config: MapRunConfig,
  pages: PartitionPage[],
  reports: Map<number, PartitionReport>,
  manifestKey: string | undefined,
): Json {
  if (config.resultWriter?.bucket && manifestKey !== undefined) {
    return {
      MapRunArn: config.mapRunArn,
      ResultWriterDetails: { Bucket: config.resultWriter.bucket, Key: manifestKey },
    };
  }
  const outputs: Json[] = [];
  for (const page of pages) {
    const finished = reports.get(page.index)?.finished;
    if (!finished || finished.outputsOverflow || !finished.outputs) throw dataLimitExceeded(config);
    const byChild = Object.entries(finished.outputs).sort(([a], [b]) => Number(a) - Number(b));
    outputs.push(...byChild.map(([, output]) => output));
  }
  const result = shapeOutputs(outputs, config.resultWriter?.transformation);
  if (jsonByteLength(result) > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(config);
  return result;
}

/** Without a ResultWriter the outputs are the state's result, so they share its 256 KiB quota (sfn-spec §1.12). */
function dataLimitExceeded(config: MapRunConfig): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'States.DataLimitExceeded',
    message:
      `The Map Run ${config.mapRunArn} produced a result with a size exceeding the maximum number of bytes service ` +
      'limit; use a ResultWriter to export large results.',
    nonRetryable: true,
  });
}
