// `npx tsx scripts/dev-server/cli.ts [--port N] [--ui-port N | --headless] [--data-dir DIR]`: what `tsf server` does.
import { parseArgs } from 'node:util';
import { localSettings, resolveConnectionSettings, type ConnectionSettings } from '../../client/connection-settings';
import { prepareNamespace } from '../../client/setup';
import { consoleLog, parseAddress, type Log } from './defaults';
import { isPortOpen } from './ready';
import { startDevServer } from './start';

export interface ServerCommandOptions {
  /**
   * Where to look for a running server, and whose port a new one takes. Default: the Temporal profile's address
   * (TEMPORAL_ADDRESS, else 127.0.0.1:7233), reached with the profile's TLS and API key.
   */
  address?: string;
  /** The settings to reach a running server with (default: the profile and TEMPORAL_* variables, with `address`). */
  connection?: ConnectionSettings;
  dataDir?: string;
  /** Default: port + 1000. false: no Web UI. */
  uiPort?: number | false;
  log?: Log;
  /**
   * Runs once the server answers (a new one or the one reused): starts what should run beside it (`tsf server
   * --api`) and returns how to stop it. With it, a reused server also keeps the command in the foreground.
   */
  onReady?: () => Promise<() => Promise<void>>;
}

/** Resolves at the first SIGINT, SIGTERM or SIGHUP. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal);
      resolve();
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal).once('SIGHUP', onSignal);
  });
}

/**
 * Reuses a server that already answers at the address (after preparing its namespace) and returns 0 at once;
 * otherwise starts one in the foreground and resolves with its exit code when it stops (Ctrl-C / SIGTERM).
 */
export async function runServerCommand(opts: ServerCommandOptions = {}): Promise<number> {
  const log = opts.log ?? consoleLog;
  const settings = opts.connection ?? resolveConnectionSettings({ overrides: { address: opts.address } });
  const address = settings.address;
  // Something listens where the profile points: that is the server (a TLS or credential problem is then named by
  // prepareNamespace, rather than hidden behind a dev server that cannot take the port).
  if (await isPortOpen(address)) {
    log(`Temporal server already running at ${address}, reusing it (namespace ${settings.namespace})`);
    await prepareNamespace(settings, settings.namespace, log);
    if (opts.onReady) {
      const stopBeside = await opts.onReady();
      await stopSignal();
      await stopBeside();
    }
    return 0;
  }
  const server = await startDevServer({
    port: parseAddress(address).port,
    uiPort: opts.uiPort,
    dataDir: opts.dataDir,
    log,
    foreground: true,
  });
  // The dev server makes `default`; a profile naming another namespace gets it too.
  if (settings.namespace !== server.namespace) {
    await prepareNamespace(localSettings(server.address, settings.namespace), settings.namespace, log).catch(
      async (error: unknown) => {
        await server.stop();
        throw error;
      },
    );
  }
  const ui = server.uiUrl ? `UI ${server.uiUrl}` : 'no UI';
  log(
    `Temporal dev server ready at ${server.address} (namespace ${server.namespace}, data ${server.dataDir}, ${ui}) ` +
      `in ${(server.startupMs / 1000).toFixed(1)} s. Server log: ${server.logFile}. Press Ctrl-C to stop.`,
  );
  let stopRequested = false;
  const onSignal = () => (stopRequested = true);
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal).once('SIGHUP', onSignal);
  const stopBeside = await opts.onReady?.().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const code = await server.exited;
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal);
  await stopBeside?.();
  if (stopRequested) {
    log('Temporal dev server stopped');
    return 0;
  }
  log(`Temporal dev server exited unexpectedly (exit code ${code ?? 'by signal'}); see ${server.logFile}`);
  return code || 1;
}

function parseCommandLine(argv: string[]): ServerCommandOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'ui-port': { type: 'string' },
      headless: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
  });
  const address = values.port ? `127.0.0.1:${values.port}` : undefined;
  const uiPort = values.headless ? false : values['ui-port'] ? Number(values['ui-port']) : undefined;
  return { address, connection: address ? localSettings(address) : undefined, uiPort, dataDir: values['data-dir'] };
}

if (require.main === module) {
  runServerCommand(parseCommandLine(process.argv.slice(2))).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
