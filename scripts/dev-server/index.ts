// The project's Temporal dev-server bootstrap (used by `tsf server`, `npm run demo`, the test runner and CI).
export { ensureTemporalCli } from './find-cli';
export { startDevServer, type DevServer, type DevServerOptions } from './start';
export { findRunningServer, waitForServer, isPortOpen } from './ready';
export { prepareNamespace, prepareNamespaceOn, type PreparedNamespace } from '../../client/setup';
export { runServerCommand, type ServerCommandOptions } from './cli';
export { findFreePort } from './free-port';
export { DEV_SERVER_DYNAMIC_CONFIG } from './dynamic-config';
export {
  cacheDir,
  cacheBinDir,
  defaultDataDir,
  DEFAULT_ADDRESS,
  DEFAULT_NAMESPACE,
  MIN_RETENTION_HOURS,
  TEMPORAL_CLI_VERSION,
  type Log,
} from './defaults';
export * from '../../messages/search-attributes';
