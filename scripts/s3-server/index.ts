// The S3-compatible test server (versitygw): find or build it, start it on loopback with fixed test credentials.
export { ensureVersitygw } from './find-versitygw';
export { startS3Server, type S3Server, type S3ServerOptions } from './start';
export { TEST_S3_CREDENTIALS, TEST_S3_REGION, VERSITYGW_VERSION } from './defaults';
