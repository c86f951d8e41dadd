/**
 * The two databases Temporal needs (`temporal` and `temporal_visibility`) and their schema, made with the
 * `sql` tool built beside the server: its schema files are embedded in it, so no checkout of the server is needed.
 */
import { execFile } from 'node:child_process';
import { PG_USER } from './postgres';

export const DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;
/** The sql tool's plugin name for PostgreSQL 12+ (its default is mysql8). */
export const SQL_PLUGIN = 'postgres12';

const SCHEMAS: Readonly<Record<keyof typeof DATABASES, string>> = {
  default: 'postgresql/v12/temporal',
  visibility: 'postgresql/v12/visibility',
};

function runSqlTool(sqlBin: string, env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(sqlBin, args, { env, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`sql ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`.trimEnd()));
      else resolve();
    });
  });
}

/** create, setup-schema -v 0.0 (the version table), update-schema to the newest embedded version: for both. */
export async function createSchema(sqlBin: string, port: number, password: string): Promise<void> {
  // The connection goes in SQL_* variables rather than flags, which keeps the password out of `ps`.
  const base = {
    ...process.env,
    SQL_HOST: '127.0.0.1',
    SQL_PORT: String(port),
    SQL_USER: PG_USER,
    SQL_PASSWORD: password,
    SQL_PLUGIN,
  };
  for (const key of ['default', 'visibility'] as const) {
    const env = { ...base, SQL_DATABASE: DATABASES[key] };
    await runSqlTool(sqlBin, env, ['create-database']);
    await runSqlTool(sqlBin, env, ['setup-schema', '-v', '0.0']);
    await runSqlTool(sqlBin, env, ['update-schema', '--schema-name', SCHEMAS[key]]);
  }
}
