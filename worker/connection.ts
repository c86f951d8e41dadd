/**
 * The worker's connection (the SDK's NativeConnection) with the resolved settings: TLS, API key, headers. A failed
 * connect, an unknown namespace or a missing search attribute is reported by the setting to fix, before the worker
 * starts polling (a workflow that cannot upsert its search attributes would otherwise retry its task forever).
 */
import { NativeConnection } from '@temporalio/worker';
import { connectionSettingsOf, type EngineConfig } from '../client/config';
import { checkNamespaceReady, explainConnectFailure } from '../client/connect';
import { connectionOptions, type ConnectionSettings } from '../client/connection-settings';

export async function connectWorker(
  target: ConnectionSettings | Pick<EngineConfig, 'address' | 'namespace' | 'connection'>,
  options: { checkNamespace?: boolean } = {},
): Promise<NativeConnection> {
  const settings = 'sources' in target ? target : connectionSettingsOf(target);
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(connectionOptions(settings));
  } catch (error) {
    throw await explainConnectFailure(error, settings);
  }
  if (options.checkNamespace === false) return connection;
  try {
    await checkNamespaceReady(connection, settings);
    return connection;
  } catch (error) {
    await connection.close();
    throw error;
  }
}
