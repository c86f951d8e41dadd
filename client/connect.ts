/**
 * Opening a connection with the resolved settings, and the errors that name what to fix when it fails. The
 * worker's NativeConnection (worker/connection.ts) uses the same translation.
 */
import { Connection } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { connectionOptions, type ConnectionSettings } from './connection-settings';
import {
  connectFailureMessage,
  type ConnectDiagnosis,
  namespaceNotFound,
  searchAttributeMissing,
  TemporalConnectionError,
  translateServiceError,
} from './connection-errors';
import { probeServer } from './tls-probe';
import { TSF_SEARCH_ATTRIBUTES } from '../messages/search-attributes';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The error to throw for a failed connect: a refused credential as such, anything else with the reason a TCP
 * connect and a TLS handshake find (server wants TLS, server speaks plaintext, certificate refused, ...).
 */
export async function explainConnectFailure(error: unknown, settings: ConnectionSettings): Promise<Error> {
  const translated = translateServiceError(error, settings);
  if (translated !== error && translated instanceof Error) return translated;
  const diagnosis = await probeServer(settings).catch(() => ({ failure: 'unknown' as const }));
  const failure = new TemporalConnectionError(
    connectFailureMessage(settings, diagnosis, messageOf(error)),
    diagnosis.failure,
  );
  failure.cause = error;
  return failure;
}

/** A first attempt this long; a failed one is probed before a second attempt waits out the rest of the timeout. */
const FIRST_ATTEMPT_MS = 2000;

/**
 * `Connection.connect` with the settings (address, TLS, API key, headers); failures name the setting at fault.
 * grpc-js retries a refused or mistaken connect until its timeout (10 s) and then says only "Failed to connect before
 * the deadline", so a first attempt gets 2 s: if it fails, a probe finds a definite reason (nothing listens, TLS
 * mismatch, certificate refused) to stop at once; else a second attempt gets the rest of the timeout.
 */
export async function connectTemporal(
  settings: ConnectionSettings,
  options: { connectTimeout?: Duration } = {},
): Promise<Connection> {
  const totalMs = msToNumber(options.connectTimeout ?? '10s');
  const firstMs = Math.min(FIRST_ATTEMPT_MS, totalMs);
  try {
    return await Connection.connect({ ...connectionOptions(settings), connectTimeout: firstMs });
  } catch (error) {
    const translated = translateServiceError(error, settings);
    if (translated !== error) throw translated;
    const diagnosis = await probeServer(settings).catch((): ConnectDiagnosis => ({ failure: 'unknown' }));
    if (diagnosis.failure !== 'unknown' || firstMs >= totalMs) {
      const failure = new TemporalConnectionError(
        connectFailureMessage(settings, diagnosis, messageOf(error)),
        diagnosis.failure,
      );
      failure.cause = error;
      throw failure;
    }
  }
  try {
    return await Connection.connect({ ...connectionOptions(settings), connectTimeout: totalMs - firstMs });
  } catch (error) {
    throw await explainConnectFailure(error, settings);
  }
}

/** The two calls a namespace check needs; both Connection and the worker's NativeConnection have them. */
export interface NamespaceServices {
  workflowService: { describeNamespace(request: { namespace: string }): Promise<unknown> };
  operatorService: {
    listSearchAttributes(request: {
      namespace: string;
    }): Promise<{ customAttributes?: Record<string, unknown> | null }>;
  };
}

/**
 * Fails, naming `tsf setup`, when the namespace does not exist or lacks one of the engine's search attributes.
 * A server that does not let this client list search attributes (no operator role) is not checked for them.
 */
export async function checkNamespaceReady(services: NamespaceServices, settings: ConnectionSettings): Promise<void> {
  const { namespace } = settings;
  try {
    await services.workflowService.describeNamespace({ namespace });
  } catch (error) {
    const translated = translateServiceError(error, settings);
    throw translated === error && /not.?found/i.test(messageOf(error)) ? namespaceNotFound(settings) : translated;
  }
  let custom: Record<string, unknown>;
  try {
    custom = (await services.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code === 7 || code === 12 || code === 16) return; // PERMISSION_DENIED, UNIMPLEMENTED, UNAUTHENTICATED
    throw translateServiceError(error, settings);
  }
  const missing = TSF_SEARCH_ATTRIBUTES.filter(({ name }) => custom[name] === undefined).map(({ name }) => name);
  if (missing.length > 0) throw searchAttributeMissing(settings, missing);
}
