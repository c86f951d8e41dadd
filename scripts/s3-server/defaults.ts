/**
 * The S3-compatible server the test suite runs the storage, reader and writer tests against: Versity's versitygw
 * (Apache-2.0), a gateway that serves a POSIX folder over the S3 API. This tag `go install`s cleanly (no
 * `replace` directives): about a minute and a half on 2 cores with an empty module cache, seconds after that.
 * (MinIO's module publishes no semver tags to pin, so it was not pursued.)
 */
export const VERSITYGW_VERSION = '1.8.0';
export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw';

/** Fixed credentials of the throw-away test server (loopback only, never real secrets). */
export const TEST_S3_CREDENTIALS = { accessKeyId: 'tsf-test-access-key', secretAccessKey: 'tsf-test-secret-key' };
export const TEST_S3_REGION = 'us-east-1';
