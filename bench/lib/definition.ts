/**
 * The benchmarked state machine: one Distributed Map whose ItemProcessor is a single Task calling `benchWork`,
 * items from the state input (`$.items`) or from the JSONL object, ItemBatcher when the batch is above 1.
 */
import { ITEMS_BUCKET, RESULTS_BUCKET } from './items';

export interface DefinitionOptions {
  type: 'EXPRESS' | 'STANDARD';
  batch: number;
  concurrency: number;
  /** The JSONL object's key, when items come from storage. */
  jsonlKey?: string;
  resultWriter: boolean;
}

export function benchDefinition(options: DefinitionOptions): string {
  const items = options.jsonlKey
    ? {
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: ITEMS_BUCKET, Key: options.jsonlKey },
        },
      }
    : { ItemsPath: '$.items' };
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Bench',
        MaxConcurrency: options.concurrency,
        ...items,
        ...(options.batch > 1 ? { ItemBatcher: { MaxItemsPerBatch: options.batch } } : {}),
        ...(options.resultWriter
          ? {
              ResultWriter: {
                Resource: 'arn:aws:states:::s3:putObject',
                Parameters: { Bucket: RESULTS_BUCKET, Prefix: 'bench' },
              },
            }
          : {}),
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: options.type },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:benchWork', End: true },
          },
        },
        End: true,
      },
    },
  });
}

/** The log group the bench's state machine logs to, in the engine worker's local log store. */
export const BENCH_LOG_GROUP = '/aws/vendedlogs/states/bench';

/** `--logging LEVEL`: the state machine's loggingConfiguration, with execution data; none without the option. */
export function benchLogging(level: 'OFF' | 'ERROR' | 'FATAL' | 'ALL' | undefined) {
  if (level === undefined) return {};
  const logGroupArn = `arn:aws:logs:us-east-1:000000000000:log-group:${BENCH_LOG_GROUP}:*`;
  return {
    loggingConfiguration: {
      level,
      includeExecutionData: true,
      ...(level === 'OFF' ? {} : { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] }),
    },
  };
}
