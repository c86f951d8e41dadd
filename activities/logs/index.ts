/**
 * The log store (log-store.ts): openLogStore picks the local folder or a CloudWatch Logs-compatible endpoint from
 * the environment, as createStorage picks the item and result storage.
 */
import { CloudWatchLogStore } from './cloudwatch-log-store';
import { LocalLogStore } from './local-log-store';
import { defaultLogsDir, type LogStore, type LogStoreOptions } from './log-store';

export * from './log-store';
export { CloudWatchLogStore, type CloudWatchLogStoreConfig } from './cloudwatch-log-store';
export { LocalLogStore } from './local-log-store';
export { compileFilterPattern, FilterPatternError } from './filter-pattern';
export { LogsError } from './logs-errors';
export { parseLogGroupArn, logGroupNameOf, LOG_GROUP_NAME_PATTERN } from './log-group-arn';
export { LogDelivery, type LogDeliveryOptions, type LogDeliveryTotals } from './log-delivery';
export { executionLogRecord, type ExecutionLogMessage } from './execution-log-record';
export { executionLogWriter, writeExecutionLogEntry } from './execution-logs';

/**
 * TSF_LOGS_ENDPOINT set: that endpoint (region AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1; credentials
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the SDK's chain). Otherwise the folder `$TSF_DATA_DIR/logs` (`.tsf/logs` by default).
 */
export function openLogStore(env: NodeJS.ProcessEnv = process.env, options: LogStoreOptions = {}): LogStore {
  const endpoint = env.TSF_LOGS_ENDPOINT || undefined;
  if (endpoint) {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN } = env;
    // Keys in the given environment are used as given; without them, the SDK's chain (profiles, ...) finds some.
    const credentials =
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}) }
        : undefined;
    return new CloudWatchLogStore({ endpoint, region, ...(credentials ? { credentials } : {}) }, options);
  }
  return new LocalLogStore(defaultLogsDir(env), options);
}
