/**
 * Dynamic config for the dev server, on top of the CLI's own defaults (which we keep unless the engine needs more).
 * Keys are case-sensitive here: the dev server passes them to a StaticClient keyed by the exact string.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, unknown>> = {
  // Map Runs and the tsf client use Workflow Update, including waiting only for the Accepted stage.
  'frontend.enableUpdateWorkflowExecution': true,
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted': true,
  // List/Describe calls (tsf list-*, describe-map-run, the test suite) go through visibility; the dev server's
  // 100 rps throttles parallel test files.
  'frontend.namespaceRPS.visibility': 1000,
  // The server otherwise phones home to check for newer versions; there is no network where this runs.
  'frontend.enableServerVersionCheck': false,
  // Not set: frontend.WorkerHeartbeatsEnabled (valid, default false). The SDK silently stops heartbeating on
  // Unimplemented, and leaving it off saves SQLite writes on the dev server's single connection.
};

/** `--dynamic-config-value KEY=JSON` pairs; values are JSON, so strings come out quoted as the CLI expects. */
export function dynamicConfigArgs(values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}
