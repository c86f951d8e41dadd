/**
 * `temporal-step-functions`, the package's main entry: the SDK. StepFunctions (one method per Step Functions
 * action), the errors under their Step Functions names, the request and response types, loadConfig (the
 * engine's configuration from the environment), the connection settings (the Temporal profile and TEMPORAL_*
 * variables, as the `temporal` CLI reads them) and `tsf setup`'s namespace preparation.
 */
export { StepFunctions, type StepFunctionsOptions } from './step-functions';
export * from './errors';
export { loadConfig, connectionSettingsOf, type EngineConfig } from './config';
export {
  resolveConnectionSettings,
  connectionOptions,
  describeConnectionSettings,
  localSettings,
  defaultConfigFile,
  type ConnectionSettings,
  type ResolveOptions,
  type SettingSources,
} from './connection-settings';
export {
  ConnectionSettingsError,
  TemporalConnectionError,
  NamespaceNotFound,
  SearchAttributeMissing,
  TemporalPermissionDenied,
  type ConnectFailure,
} from './connection-errors';
export { connectTemporal, checkNamespaceReady } from './connect';
export {
  setupNamespace,
  runSetup,
  prepareNamespace,
  prepareNamespaceOn,
  NamespaceNotReady,
  type SetupOptions,
  type SetupReport,
  type PreparedNamespace,
} from './setup';
export { planSetup, MIN_RETENTION_MS, SQL_VISIBILITY_SLOTS, type SetupStep, type NamespaceFacts } from './setup-plan';
export {
  Logs,
  type FilterLogEventsInput,
  type FilteredLogEvent,
  type FilterLogEventsResponse,
  type TailOptions,
} from './logs';
export {
  openLogStore,
  LocalLogStore,
  CloudWatchLogStore,
  LogsError,
  type LogStore,
  type LogRecord,
  type LogStoreOptions,
  type DeliveryReport,
} from '../activities/logs';
export type { LoggingConfigurationInput } from './logging-configuration';
export type { Requests } from './requests';
export type { RoleRequests } from './roles';
export type * from '../messages/responses';
export type * from '../messages/redrive-plan';
