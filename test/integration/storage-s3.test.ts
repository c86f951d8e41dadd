/**
 * The storage, item-reader and result-writer suites again, against a real S3-compatible server: versitygw started
 * on loopback for this file (built once into the cache folder), or the endpoint in TSF_TEST_S3_ENDPOINT (with
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) if set.
 */
import { after, before } from 'node:test';
import { startS3Server, TEST_S3_REGION, type S3Server } from '../../scripts/s3-server';
import { s3Backend, type StorageBackend } from '../helpers/storage-backends';
import { itemReaderFilesSuite } from '../suites/item-reader-files.suite';
import { itemReaderSourcesSuite } from '../suites/item-reader-sources.suite';
import { resultWriterRobustnessSuite } from '../suites/result-writer-robustness.suite';
import { resultWriterSuite } from '../suites/result-writer.suite';
import { storageSuite } from '../suites/storage.suite';

let server: S3Server | undefined;
let backend: StorageBackend | undefined;

before(
  async () => {
    const external = process.env.TSF_TEST_S3_ENDPOINT;
    if (external) {
      backend = s3Backend({
        endpoint: external,
        region: process.env.AWS_REGION ?? TEST_S3_REGION,
        credentials: {
          accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
          secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
        },
      });
      return;
    }
    server = await startS3Server();
    console.error(`versitygw at ${server.endpoint} (data ${server.dataDir}) in ${server.startupMs} ms`);
    backend = s3Backend(server);
  },
  // The first run on a machine builds versitygw with go install.
  { timeout: 15 * 60_000 },
);

after(() => server?.stop());

function s3(): StorageBackend {
  if (!backend) throw new Error('The S3 test server did not start (see the before hook).');
  return backend;
}

storageSuite('s3', s3);
itemReaderFilesSuite('s3', s3);
itemReaderSourcesSuite('s3', s3);
resultWriterSuite('s3', s3);
resultWriterRobustnessSuite('s3', s3);
