import * as net from 'node:net';
import { Connection } from '@temporalio/client';
import { connectionOptions, localSettings, type ConnectionSettings } from '../../client/connection-settings';
import { DEFAULT_NAMESPACE, parseAddress } from './defaults';

/** A plain TCP connect: cheap, and fails fast (ECONNREFUSED) where a gRPC connect would retry until its timeout. */
export function isPortOpen(address: string, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = parseAddress(address);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** One attempt: connect and describe the namespace. Resolves to the connection (caller closes) or throws. */
async function connectToNamespace(
  settings: ConnectionSettings,
  namespace: string,
  timeoutMs: number,
): Promise<Connection> {
  const connection = await Connection.connect({ ...connectionOptions(settings), connectTimeout: timeoutMs });
  try {
    await connection.withDeadline(Date.now() + timeoutMs, () =>
      connection.workflowService.describeNamespace({ namespace }),
    );
    return connection;
  } catch (err) {
    await connection.close();
    throw err;
  }
}

/**
 * True if a Temporal frontend answers at the address (plaintext, or with the settings' TLS and API key) and serves
 * `namespace` (callers then reuse that server).
 */
export async function findRunningServer(
  target: string | ConnectionSettings,
  namespace: string = typeof target === 'string' ? DEFAULT_NAMESPACE : target.namespace,
): Promise<boolean> {
  const settings = typeof target === 'string' ? localSettings(target) : target;
  if (!(await isPortOpen(settings.address))) return false;
  try {
    const connection = await connectToNamespace(settings, namespace, 5000);
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

export interface WaitOptions {
  namespace?: string;
  timeoutMs?: number;
  /** Checked between attempts: a message means the server died, so waiting longer is pointless. */
  failure?: () => string | undefined;
}

/**
 * Polls until the frontend answers and the namespace is usable (the first start of a fresh SQLite file on a slow
 * 2-core box can take well over the SDK's own 5 s). Resolves to an open connection.
 */
export async function waitForServer(address: string, opts: WaitOptions = {}): Promise<Connection> {
  const namespace = opts.namespace ?? DEFAULT_NAMESPACE;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    const failure = opts.failure?.();
    if (failure) throw new Error(failure);
    if (await isPortOpen(address)) {
      try {
        return await connectToNamespace(localSettings(address), namespace, 5000);
      } catch (err) {
        lastError = err;
      }
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : ' (gRPC port never opened)';
      throw new Error(`Temporal server at ${address} not ready after ${opts.timeoutMs ?? 60_000} ms${reason}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
