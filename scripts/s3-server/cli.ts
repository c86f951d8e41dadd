// `npx tsx scripts/s3-server/cli.ts [--port N] [--data-dir DIR]`: runs the S3 test server in the foreground, e.g.
// to try the engine against S3 (TSF_S3_ENDPOINT=<endpoint> with the printed credentials).
import { parseArgs } from 'node:util';
import { startS3Server } from './start';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const server = await startS3Server({
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  console.error(
    `versitygw ready at ${server.endpoint} (data ${server.dataDir}, log ${server.logFile}).\n` +
      `  TSF_S3_ENDPOINT=${server.endpoint} AWS_ACCESS_KEY_ID=${server.credentials.accessKeyId} ` +
      `AWS_SECRET_ACCESS_KEY=${server.credentials.secretAccessKey} AWS_REGION=${server.region}\nCtrl-C stops it.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve).once('SIGTERM', resolve);
  });
  await server.stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
