import * as path from 'node:path';
import { findGo } from '../dev-server/build-cli';
import type { Log } from '../dev-server/defaults';
import { goInstall } from '../dev-server/go-install';
import { VERSITYGW_MODULE, VERSITYGW_VERSION } from './defaults';

/**
 * `go install github.com/versity/versitygw/cmd/versitygw@v1.8.0` with GOBIN=binDir. The caller holds the build
 * lock. Output goes to `<binDir>/../go-install-versitygw.log`; its tail is in the error on failure.
 */
export async function buildVersitygw(binDir: string, log: Log): Promise<string> {
  const go = findGo();
  if (!go) {
    throw new Error(
      `Cannot find the \`go\` command to build versitygw (the S3-compatible test server).\n` +
        `Install Go 1.25+ or point VERSITYGW at a versitygw binary (or TSF_TEST_S3_ENDPOINT at an S3 endpoint).`,
    );
  }
  const logFile = path.join(path.dirname(binDir), 'go-install-versitygw.log');
  log(`Building versitygw v${VERSITYGW_VERSION} (S3 test server) with go install, first run only…`);
  return goInstall({
    go,
    target: `${VERSITYGW_MODULE}@v${VERSITYGW_VERSION}`,
    binDir,
    binary: 'versitygw',
    logFile,
    log,
  });
}
