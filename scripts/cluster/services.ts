/**
 * The four Temporal services, each its own `server ... start --service <name>` process from the same
 * configuration, as in a production deployment: one can be killed or restarted while the others keep running.
 */
import * as path from 'node:path';
import { CONFIG_ENV } from './config';
import type { ClusterPaths, ServiceName } from './layout';
import { spawnManaged, type ManagedProcess } from './process';

/** A history host hands its shards over on SIGTERM: give it time before SIGKILL. */
export const SERVICE_STOP_GRACE_MS = 20_000;

export function startService(serverBin: string, paths: ClusterPaths, name: ServiceName): ManagedProcess {
  const args = ['--root', paths.root, '--config', path.relative(paths.root, paths.config), '--env', CONFIG_ENV];
  // --allow-no-auth: mTLS is the authentication here; without an authorizer the server warns at every start.
  args.push('--allow-no-auth', 'start', '--service', name);
  return spawnManaged({
    name,
    command: serverBin,
    args,
    cwd: paths.root,
    logFile: path.join(paths.logs, `${name}.log`),
  });
}
